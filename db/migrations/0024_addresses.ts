// Addresses as addresses (issue 17.6): an address method keeps its parts (shared/domain/address.ts
// PostalAddress) as JSON beside its one-line `value`, which stays what duplicates, merge and search
// compare. Existing addresses lose nothing: the text stays the value, and its parts are only what is
// unambiguous — the ADR components of the card a synced contact was last synced with, when they
// make exactly that text (how the vCard import used to join them); otherwise all of the text is
// kept as the street lines. A row written without parts (older code) reads the same way.
import { sql, type Kysely } from 'kysely';
import { addressFromAdr, addressText } from '../../shared/domain/address';

/** the ADR properties of a vCard text, each as its seven components (unescaped) */
export function adrComponents(card: string): string[][] {
  const unfolded = card.replace(/\r\n[ \t]|\n[ \t]/g, '');
  const found: string[][] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    if (!/^(?:[A-Za-z0-9-]+\.)?ADR[;:]/i.test(line)) continue;
    // the value starts after the first ':' outside a quoted parameter
    let quoted = false;
    let at = -1;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '"') quoted = !quoted;
      else if (line[i] === ':' && !quoted) {
        at = i;
        break;
      }
    }
    if (at < 0) continue;
    const parts: string[] = [''];
    const value = line.slice(at + 1);
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      if (c === '\\' && i + 1 < value.length) {
        const n = value[++i]!;
        parts[parts.length - 1] += n === 'n' || n === 'N' ? '\n' : n;
      } else if (c === ';') parts.push('');
      else if (c === ',') parts[parts.length - 1] += ', ';
      else parts[parts.length - 1] += c;
    }
    while (parts.length < 7) parts.push('');
    found.push(parts.slice(0, 7));
  }
  return found;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE contact_methods ADD COLUMN address_parts TEXT CHECK (address_parts IS NULL OR (kind = 'address' AND json_valid(address_parts)))`).execute(db);
  // the text whole as the street, in one statement; then the synced ones whose card says more
  await sql
    .raw(`UPDATE contact_methods SET address_parts = json_object('street', value, 'city', '', 'region', '', 'postcode', '', 'countryCode', NULL, 'country', '') WHERE kind = 'address'`)
    .execute(db);
  const rows = (
    await sql<{ id: string; value: string; base: string }>`
      SELECT m.id, m.value, i.base FROM contact_methods m JOIN sync_items i ON i.kind = 'contacts' AND i.item_id = m.contact_id
      WHERE m.kind = 'address'`.execute(db)
  ).rows;
  // the search index gains the addresses' cities and postcodes (electron/services/searchIndex.ts)
  await sql.raw(`INSERT INTO search_dirty (contact_id) SELECT DISTINCT contact_id FROM contact_methods WHERE kind = 'address'`).execute(db);
  for (const row of rows) {
    const joined = (c: string[]) => c.map((s) => s.trim()).filter(Boolean).join(', ');
    const adr = adrComponents(row.base).find((c) => joined(c) === row.value.trim());
    const parts = adr ? addressFromAdr(adr) : null;
    // the parts must give back the same text, or the text stays whole
    if (!parts || addressText(parts) !== row.value.trim()) continue;
    await sql`UPDATE contact_methods SET address_parts = ${JSON.stringify(parts)} WHERE id = ${row.id}`.execute(db);
  }
}
