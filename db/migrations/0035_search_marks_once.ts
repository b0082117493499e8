// One search mark per contact, the newest: the triggers append a row to search_dirty per write, a
// couple of dozen per contact after an import (2.4 million on a generated 100,000). A slice of the
// search indexing deleted all its contacts' marks, scattered over the whole table: thousands of
// pages written at its COMMIT, 130 ms of a slice meant to take 20 (tests/perf/stall.ts --profile).
// A trigger on search_dirty itself drops the contact's older mark as the new one goes in (an index
// probe; the row is usually on a page just written), so the mark's place is the contact's latest
// change (the indexing takes the newest first) and a slice deletes one row per contact.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DELETE FROM search_dirty WHERE rowid NOT IN (SELECT max(rowid) FROM search_dirty GROUP BY contact_id)`).execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_dirty_once AFTER INSERT ON search_dirty BEGIN
        DELETE FROM search_dirty WHERE contact_id = NEW.contact_id AND rowid < NEW.rowid;
      END`,
    )
    .execute(db);
}
