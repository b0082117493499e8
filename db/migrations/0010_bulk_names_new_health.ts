// Bulk changes with Undo, the family-name sort, and health's "new" band (issue 13).
//
// - bulk_undo: what a bulk change (contacts.bulkUpdate) overwrote, so that one Undo puts every
//   contact back: per contact the fields it changed, and the tag links it added or removed. Only
//   the latest few are kept (electron/services/bulk.ts). Not the user's data: left out of exports.
// - contacts_*_by_family: contacts.list's 'familyName' sort (family name, else the display name,
//   then the given name) as an index range, like the other sorts, so paging stays cheap at scale.
// - contact_health was computed before contacts with nothing logged that were added less than a
//   cadence ago became "new" (no score, not at risk): forgetting health_meta makes the next read
//   recompute every row by the new rule (db/queries/health.ts refreshHealth).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE bulk_undo (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      summary TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX contacts_active_by_family ON contacts(coalesce(nullif(family_name, ''), display_name) COLLATE NOCASE, coalesce(given_name, '') COLLATE NOCASE, id) WHERE archived_at IS NULL`,
    `CREATE INDEX contacts_archived_by_family ON contacts(coalesce(nullif(family_name, ''), display_name) COLLATE NOCASE, coalesce(given_name, '') COLLATE NOCASE, id) WHERE archived_at IS NOT NULL`,
    `DELETE FROM health_meta`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
