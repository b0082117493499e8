// Duplicates and phone numbers (issue 13).
//
// - duplicate_dismissals: pairs of contacts the user said are not the same person, so the
//   "Possible duplicates" view stops proposing them. Stored once per pair, the smaller id first;
//   a contact's dismissals go with it.
// - merge_undo: what a merge changed, so Undo puts the contacts back exactly as they were (every
//   row that referenced them, as it was, and which rows the merge left on the survivor). Only the
//   newest merges are kept; it is undo history, not the user's data (db/derived.ts leaves it out
//   of exports).
// - contact_methods_by_value: (kind, value_normalized, contact_id), so the scan and the phone
//   search read the index alone.
// - Phone numbers get their E.164 form in value_normalized: computed at the first open after this
//   migration, with the default region guessed from the system locale (electron/services/phones.ts),
//   since the region is not known here.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE duplicate_dismissals (
      contact_a TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      contact_b TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (contact_a, contact_b),
      CHECK (contact_a < contact_b)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX duplicate_dismissals_b ON duplicate_dismissals(contact_b)`,
    `CREATE TABLE merge_undo (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      survivor_id TEXT NOT NULL,
      merged_ids TEXT NOT NULL,
      snapshot TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX merge_undo_created ON merge_undo(created_at)`,
    // the duplicates scan reads every email and phone with its contact from the index alone; the
    // narrower lookup index it replaces is a prefix of this one
    `CREATE INDEX contact_methods_by_value ON contact_methods(kind, value_normalized, contact_id)`,
    `DROP INDEX contact_methods_lookup`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
