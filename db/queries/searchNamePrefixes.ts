// The rows of search_name_prefixes (1–2 letter search as you type): written by the search index's
// passes (electron/services/searchIndex.ts) and by migration 0033's backfill, so one place says what
// a row is.
import { namePrefixes } from '../../shared/domain/search';
import { nameSortKey } from '../../shared/domain/normalize';

/** a contact's search key and the name its prefixes come from */
export type NamedKey = { key: number; name: string };

/** writes the rows namePrefixRowsJson makes */
export const NAME_PREFIX_INSERT = `INSERT INTO search_name_prefixes (prefix, tier, name_key, key) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`;

/** every contact's search_name_prefixes rows, as one JSON array for NAME_PREFIX_INSERT */
export function namePrefixRowsJson(contacts: NamedKey[]): string {
  const rows: [string, number, string, number][] = [];
  for (const { key, name } of contacts) {
    const sortKey = nameSortKey(name);
    for (const [prefix, tier] of namePrefixes(name)) rows.push([prefix, tier, sortKey, key]);
  }
  return JSON.stringify(rows);
}
