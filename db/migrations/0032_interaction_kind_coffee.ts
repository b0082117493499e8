// "Coffee" as a kind of interaction (issue 15's daily use). SQLite cannot change a CHECK, so
// interactions is rebuilt the way SQLite's documentation says (ALTER TABLE, "making other kinds of
// table schema changes"): with foreign keys off (migrate.ts runs this migration so, because
// interaction_participants, next_topics and attachments reference interactions ON DELETE CASCADE
// and dropping the old table would otherwise delete them), a new table, every row copied with its
// rowid (the JSON export's order), the old one dropped, the new one renamed, its indexes and
// triggers (search marks of 0018, sync marks of 0029) made again from their stored text, then
// foreign_key_check. Search (contacts_fts) is per contact and is left as it is.
//
// The list is frozen here (a migration's text must not change); shared/domain/interaction.ts holds
// the list the app reads, and tests/integration/interaction-kinds.test.ts checks the two agree.
import { sql, type Kysely } from 'kysely';

/** migrate.ts turns foreign keys off around this migration's transaction */
export const foreignKeysOff = true;

const KINDS = ['call', 'video', 'meeting', 'coffee', 'message', 'email', 'social', 'other'];
const COLUMNS = 'id, occurred_at, kind, direction, duration_minutes, rating, summary, notes, created_at, updated_at';

export async function up(db: Kysely<unknown>): Promise<void> {
  const kept = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE tbl_name = 'interactions' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  const statements = [
    `CREATE TABLE interactions_new (
      id TEXT PRIMARY KEY,
      occurred_at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(',')})),
      direction TEXT NOT NULL CHECK (direction IN ('outbound','inbound','mutual')),
      duration_minutes INTEGER CHECK (duration_minutes >= 0),
      rating INTEGER CHECK (rating BETWEEN 1 AND 5),
      summary TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `INSERT INTO interactions_new (rowid, ${COLUMNS}) SELECT rowid, ${COLUMNS} FROM interactions ORDER BY rowid`,
    `DROP TABLE interactions`,
    // triggers on other tables name interactions; the legacy rename does not re-read them while it is missing
    `PRAGMA legacy_alter_table = ON`,
    `ALTER TABLE interactions_new RENAME TO interactions`,
    `PRAGMA legacy_alter_table = OFF`,
    ...kept.rows.map((r) => r.sql),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
