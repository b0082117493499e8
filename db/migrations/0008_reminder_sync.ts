// The yearly reminders of birthdays and anniversaries kept in step incrementally
// (electron/services/reminders.ts syncAutomaticReminders), instead of every contact, every date and
// every generated reminder read on every call (3–4 s at 100,000 contacts, and the scheduler runs it
// after every write).
//
// - reminder_sync_dirty: the generated reminders (by source_key: 'birthday:<contact id>',
//   'anniversary:<contact date id>') that may no longer match their contact. Triggers add a key in
//   the same transaction as any write to what the reminder is made from (the contact's birthday,
//   name and archive state, the date's fields) or to the generated reminder itself; the next sync
//   looks at just those, then empties the table.
// - reminder_sync_state: the one full sync the rows are in step with (the lead-days setting and the
//   sync's rule version). A different setting or rule means one full sync again.
// - reminders_generated_due: the generated reminders by date, so "whose day has passed" is an
//   index range that is empty on most calls.
// - reminders_open_timing: what the overdue badge counts (reminders.summary, the tray) read,
//   without the rows.
import { sql, type Kysely } from 'kysely';

// Not INSERT OR IGNORE: a trigger run by a foreign-key action (ON DELETE CASCADE / SET NULL) takes
// that action's conflict handling, which turns an ignored duplicate into a constraint error.
const mark = (keyExpr: string) =>
  `INSERT INTO reminder_sync_dirty (source_key) SELECT k FROM (SELECT ${keyExpr} AS k) WHERE k IS NOT NULL AND k NOT IN (SELECT source_key FROM reminder_sync_dirty);`;
const markDatesOf = (contactExpr: string) =>
  `INSERT INTO reminder_sync_dirty (source_key) SELECT 'anniversary:' || id FROM contact_dates WHERE contact_id = ${contactExpr} AND 'anniversary:' || id NOT IN (SELECT source_key FROM reminder_sync_dirty);`;
// the archive state only matters as "archived or not"
const archiveFlipped = `(OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE reminder_sync_dirty (source_key TEXT PRIMARY KEY) STRICT, WITHOUT ROWID`,
    `CREATE TABLE reminder_sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      lead_days INTEGER NOT NULL,
      synced_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX reminders_generated_due ON reminders(due_date) WHERE source_key IS NOT NULL`,
    // the open reminders' timing, so the badge's counts and the scheduler's unannounced ones are
    // read from a narrow index rather than tens of thousands of rows
    `CREATE INDEX reminders_open_timing ON reminders(due_date, lead_days, snoozed_until, last_notified_at, due_time) WHERE status = 'open'`,

    // a new contact's birthday; its dates arrive by their own inserts
    `CREATE TRIGGER reminder_sync_on_contact_insert AFTER INSERT ON contacts
     WHEN NEW.birthday_month IS NOT NULL OR NEW.birthday_day IS NOT NULL BEGIN ${mark(`'birthday:' || NEW.id`)} END`,
    `CREATE TRIGGER reminder_sync_on_contact_birthday AFTER UPDATE OF id, birthday_month, birthday_day, birthday_year, display_name, archived_at ON contacts
     WHEN OLD.id IS NOT NEW.id OR OLD.birthday_month IS NOT NEW.birthday_month OR OLD.birthday_day IS NOT NEW.birthday_day
       OR OLD.birthday_year IS NOT NEW.birthday_year OR OLD.display_name IS NOT NEW.display_name OR ${archiveFlipped} BEGIN
       ${mark(`'birthday:' || OLD.id`)} ${mark(`'birthday:' || NEW.id`)}
     END`,
    // the dates' titles carry the contact's name, and an archived contact's dates remind of nothing
    `CREATE TRIGGER reminder_sync_on_contact_dates AFTER UPDATE OF id, display_name, archived_at ON contacts
     WHEN OLD.id IS NOT NEW.id OR OLD.display_name IS NOT NEW.display_name OR ${archiveFlipped} BEGIN
       ${markDatesOf('OLD.id')} ${markDatesOf('NEW.id')}
     END`,
    // its dates and generated reminders go by ON DELETE CASCADE, which runs their triggers too
    `CREATE TRIGGER reminder_sync_on_contact_delete AFTER DELETE ON contacts BEGIN ${mark(`'birthday:' || OLD.id`)} END`,

    `CREATE TRIGGER reminder_sync_on_date_insert AFTER INSERT ON contact_dates BEGIN ${mark(`'anniversary:' || NEW.id`)} END`,
    `CREATE TRIGGER reminder_sync_on_date_update AFTER UPDATE ON contact_dates BEGIN ${mark(`'anniversary:' || OLD.id`)} ${mark(`'anniversary:' || NEW.id`)} END`,
    `CREATE TRIGGER reminder_sync_on_date_delete AFTER DELETE ON contact_dates BEGIN ${mark(`'anniversary:' || OLD.id`)} END`,

    // a generated reminder written by anything (completed, reopened, imported, deleted): only the
    // columns the sync compares; snoozing and announcing do not make it look again
    `CREATE TRIGGER reminder_sync_on_reminder_insert AFTER INSERT ON reminders WHEN NEW.source_key IS NOT NULL BEGIN ${mark('NEW.source_key')} END`,
    `CREATE TRIGGER reminder_sync_on_reminder_update AFTER UPDATE OF source, source_key, anchor_date, status, due_date, lead_days, title, contact_id ON reminders
     WHEN OLD.source_key IS NOT NULL OR NEW.source_key IS NOT NULL BEGIN
       ${mark('OLD.source_key')} ${mark('NEW.source_key')}
     END`,
    `CREATE TRIGGER reminder_sync_on_reminder_delete AFTER DELETE ON reminders WHEN OLD.source_key IS NOT NULL BEGIN ${mark('OLD.source_key')} END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
