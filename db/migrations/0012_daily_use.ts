// Daily use at scale (issue 15).
//
// - reminders_open_listed: the open, unsnoozed reminders in the Reminders page's order (listed day,
//   time with whole-day ones first, title, id), so a page of a section is an index range read from
//   a cursor rather than every row of the section sorted on each call (reminderPages.ts). The
//   expression must stay the one the queries write.
// - reminders_open_snoozed: the few snoozed ones, which each page merges in.
// - reminders_closed_order: done and skipped ones newest first, for the Done section's pages.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE INDEX reminders_open_listed ON reminders(date(due_date, '-' || lead_days || ' days'), coalesce(due_time, ''), title, id) WHERE status = 'open' AND snoozed_until IS NULL`,
    `CREATE INDEX reminders_open_snoozed ON reminders(snoozed_until) WHERE status = 'open' AND snoozed_until IS NOT NULL`,
    `CREATE INDEX reminders_closed_order ON reminders(coalesce(completed_at, 0), due_date, id) WHERE status <> 'open'`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
