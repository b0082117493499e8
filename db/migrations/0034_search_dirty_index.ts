// search_dirty (migration 0002) is appended to by triggers, a row per write: after an import or a
// generated file it holds a couple of dozen rows per contact (2.4 million at 100,000 contacts).
// Each slice of the search indexing deletes its contacts' rows from it, and without an index that
// was a scan of the whole table per slice: on 100,000 contacts over 100 ms per slice, so the slices
// shrank to one contact each and the first search after an import ran for hours. Indexed, a slice
// deletes its rows through the index.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE INDEX search_dirty_contact ON search_dirty(contact_id)`).execute(db);
}
