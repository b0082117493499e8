// Two indexes for work that grew with the whole table instead of with what it needs:
//
// - search_dirty (migration 0002) is appended to by triggers, a row per write: after an import or
//   on a generated file a couple of dozen rows per contact (2.4 million at 100,000 contacts). Each
//   slice of the search indexing deletes its contacts' rows from it, and without an index that was
//   a scan of the whole table per slice: on 100,000 contacts over 100 ms per slice, so the slices
//   shrank to one contact each and the first search after an import ran for hours.
// - the dashboard counts each warning sign over the flagged rows (healthTotals); the attention
//   index does not hold `flags`, so every flagged row was read from the table (tens of thousands on
//   huge, on every dashboard). Covered by this index, the count reads the index alone.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE INDEX search_dirty_contact ON search_dirty(contact_id)`).execute(db);
  await sql.raw(`CREATE INDEX contact_health_flags ON contact_health(flag_count, flags) WHERE flag_count > 0`).execute(db);
}
