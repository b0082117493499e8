// Every contact's health kept in a table, so the dashboard is a few indexed queries instead of the
// score computed for every contact on every call (db/queries/health.ts).
//
// - contact_health: one row per active contact: its facts (reduced from its interactions), its
//   dates as local days, and the results (score, band, next check-in day, warning-sign bits) as
//   of health_meta's day, in health_meta's zone.
// - health_dirty: contacts whose row no longer says the truth. Triggers add a contact in the same
//   transaction as any write to it, its interactions or its circle's cadence; the next read
//   recomputes just those.
// - health_meta: the one (zone, day, instant) every row is as of. On a later day the rows are not
//   recomputed from scratch: the frequency windows slide, reading only the interactions that crossed
//   a window edge (through participants_by_time), and only the rows whose results change that day
//   (results_through) are computed again.
//
// It replaces the per-day cache of migration 0003, which had to be refilled for every contact on
// the first dashboard of each day.
import { sql, type Kysely } from 'kysely';

// Not INSERT OR IGNORE: a trigger run by a foreign-key action (ON DELETE SET NULL / CASCADE) takes
// that action's conflict handling, which turns an ignored duplicate into a constraint error.
const mark = (contact: string) => `INSERT INTO health_dirty SELECT ${contact} WHERE NOT EXISTS (SELECT 1 FROM health_dirty WHERE contact_id = ${contact});`;
const markCircle = (circle: string) =>
  `INSERT INTO health_dirty SELECT id FROM contacts WHERE circle_id = ${circle} AND id NOT IN (SELECT contact_id FROM health_dirty);`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `DROP TRIGGER health_facts_on_insert`,
    `DROP TRIGGER health_facts_on_delete`,
    `DROP TRIGGER health_facts_on_update`,
    `DROP TRIGGER health_facts_on_contact`,
    `DROP TRIGGER health_facts_on_circle_update`,
    `DROP TRIGGER health_facts_on_circle_delete`,
    `DROP TABLE health_facts_cache`,
    `CREATE TABLE contact_health (
      contact_id TEXT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
      -- the contact's own fields the lists sort and show by
      name_key TEXT NOT NULL,
      importance TEXT NOT NULL,
      circle_id TEXT,
      created_at INTEGER NOT NULL,
      snoozed_until INTEGER,
      cadence INTEGER NOT NULL,
      -- the facts (shared/domain/health.ts HealthFacts) as of health_meta.computed_at
      last_at INTEGER,
      win_weight INTEGER NOT NULL,
      win_count INTEGER NOT NULL,
      prev_weight INTEGER NOT NULL,
      sample_count INTEGER NOT NULL,
      sample_outbound INTEGER NOT NULL,
      rated_count INTEGER NOT NULL,
      rating_sum INTEGER NOT NULL,
      -- the first instant at which the facts change by time alone (an interaction dated later than
      -- when they were computed becomes the past); 8640000000000000 when there is none
      valid_until INTEGER NOT NULL,
      -- local days in health_meta.zone
      last_day INTEGER,
      created_day INTEGER NOT NULL,
      snoozed_day INTEGER,
      -- the results as of health_meta.day; NULL score, band and next_day when the cadence is 0
      score INTEGER,
      band TEXT,
      next_day INTEGER,
      flags INTEGER NOT NULL,
      flag_count INTEGER NOT NULL,
      -- the last local day on which time alone leaves those results as they are (the score only
      -- falls and dormancy only begins, so it is known in advance); -1 = compute them again
      results_through INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX contact_health_results_through ON contact_health(results_through)`,
    `CREATE INDEX contact_health_expiry ON contact_health(valid_until) WHERE valid_until < 8640000000000000`,
    // the dashboard's counts read narrow indexes instead of the wide rows
    `CREATE INDEX contact_health_band ON contact_health(band)`,
    // its lists: overdue (per importance, the longest overdue first), coming up, needing attention
    `CREATE INDEX contact_health_overdue ON contact_health(importance, next_day, name_key, contact_id) WHERE next_day IS NOT NULL`,
    `CREATE INDEX contact_health_next ON contact_health(next_day, name_key, contact_id) WHERE next_day IS NOT NULL`,
    `CREATE INDEX contact_health_attention ON contact_health(flag_count DESC, score, name_key, contact_id) WHERE flag_count > 0`,
    // the dashboard's birthdays coming up: its query asks for this very expression
    `CREATE INDEX contacts_birthday ON contacts(birthday_month * 100 + birthday_day) WHERE archived_at IS NULL AND birthday_month IS NOT NULL`,
    `CREATE TABLE health_dirty (contact_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID`,
    `CREATE TABLE health_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      zone TEXT NOT NULL,
      day INTEGER NOT NULL,
      computed_at INTEGER NOT NULL
    ) STRICT`,
    // the windows slide by reading what crossed an edge: interactions by time
    `CREATE INDEX participants_by_time ON interaction_participants(occurred_at, kind, contact_id)`,
    `CREATE TRIGGER health_dirty_on_participant_insert AFTER INSERT ON interaction_participants BEGIN
       ${mark('NEW.contact_id')}
     END`,
    `CREATE TRIGGER health_dirty_on_participant_delete AFTER DELETE ON interaction_participants BEGIN
       ${mark('OLD.contact_id')}
     END`,
    `CREATE TRIGGER health_dirty_on_participant_update AFTER UPDATE ON interaction_participants BEGIN
       ${mark('OLD.contact_id')}
       ${mark('NEW.contact_id')}
     END`,
    `CREATE TRIGGER health_dirty_on_contact_insert AFTER INSERT ON contacts BEGIN
       ${mark('NEW.id')}
     END`,
    // last_interaction_at is kept by triggers of its own and is not read from here
    `CREATE TRIGGER health_dirty_on_contact_update
     AFTER UPDATE OF display_name, importance, circle_id, cadence_days, checkin_snoozed_until, created_at, archived_at ON contacts BEGIN
       ${mark('NEW.id')}
     END`,
    `CREATE TRIGGER health_dirty_on_circle_cadence AFTER UPDATE OF default_cadence_days ON circles BEGIN
       ${markCircle('NEW.id')}
     END`,
    // before: afterwards the contacts' circle is already gone (ON DELETE SET NULL)
    `CREATE TRIGGER health_dirty_on_circle_delete BEFORE DELETE ON circles BEGIN
       ${markCircle('OLD.id')}
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
