// Client value entries get a version (updated_at) like contacts, interactions, reminders and
// circles, so an edit made from an older copy is refused as `stale` instead of overwriting a newer
// one (issue 14, point 9). Existing rows start at their creation time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE value_entries ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE value_entries SET updated_at = created_at`.execute(db);
}
