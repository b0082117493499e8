// Counts that stay the same until the data changes: contacts.list's "of N" was a COUNT(*) over the
// whole table on every page (×3.4 from large to huge, docs/benchmarks.md). A count is kept per
// query text and parameters, and thrown away as soon as any connection commits a change to the file.
import type Database from 'better-sqlite3';
import { prepared } from './prepared';

interface Counted {
  version: string;
  n: number;
}

const cache = new WeakMap<Database.Database, Map<string, Counted>>();
/** a handful of filters (circle, tag, archived) at a time; more only churn */
const MAX_KEYS = 32;

/**
 * What the file's data looks like from this connection, as a cheap token that changes on every write:
 * `data_version` moves when another connection (an import's, another process) commits;
 * `total_changes()` moves with every row this connection inserts, updates or deletes (triggers too).
 */
export function dataVersion(sqlite: Database.Database): string {
  const other = prepared(sqlite, 'PRAGMA data_version').pluck().get() as number;
  const own = prepared(sqlite, 'SELECT total_changes()').pluck().get() as number;
  return `${other}:${own}`;
}

/** `count()` once per data version for this key (the query and its parameters) */
export async function cachedCount(sqlite: Database.Database, key: string, count: () => Promise<number>): Promise<number> {
  let byKey = cache.get(sqlite);
  if (!byKey) cache.set(sqlite, (byKey = new Map()));
  const version = dataVersion(sqlite);
  const hit = byKey.get(key);
  if (hit && hit.version === version) return hit.n;
  const n = await count();
  // read again: a write between the two reads must not leave a stale count under the new version
  if (dataVersion(sqlite) === version) {
    if (byKey.size >= MAX_KEYS && !byKey.has(key)) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, { version, n });
  }
  return n;
}
