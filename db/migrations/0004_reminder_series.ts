// Repeating reminders remember their series' anchor (so monthly on the 31st returns to the 31st),
// birthdays remind some days ahead of their date, and a completed occurrence is kept as a done
// record that points at its series.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE reminders ADD COLUMN anchor_date TEXT`,
    `ALTER TABLE reminders ADD COLUMN lead_days INTEGER NOT NULL DEFAULT 0 CHECK (lead_days >= 0)`,
    `ALTER TABLE reminders ADD COLUMN series_id TEXT REFERENCES reminders(id) ON DELETE SET NULL`,
    // a repeating reminder written before this version is anchored at its current date
    `UPDATE reminders SET anchor_date = due_date WHERE recurrence_unit <> 'none'`,
    `CREATE INDEX reminders_series ON reminders(series_id)`,
    `CREATE INDEX reminders_done ON reminders(status, completed_at)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
