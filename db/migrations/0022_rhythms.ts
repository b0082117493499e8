// Rhythms by tag and a tolerance (issue 17, point 8). A tag can say "check in every N days"; the
// contact's own cadence, a tag's and a circle's each carry a latest interval ("every 4 weeks, at
// worst 6"): due at the cadence, overdue only from the latest. Which one applies is one rule
// (shared/domain/cadence.ts effectiveRhythm; its SQL twin in db/queries/cadence.ts).
//
// contact_health keeps the winning tolerance and the latest check-in day so the dashboard's overdue
// list and counts stay indexed queries. Rows are derived: they are emptied and health_meta cleared,
// so the next read recomputes every row with the new rule.
import { sql, type Kysely } from 'kysely';

const latestCheck = (latest: string, ideal: string) => `CHECK (${latest} IS NULL OR (${ideal} IS NOT NULL AND ${latest} >= ${ideal} AND ${latest} <= 3650))`;
const mark = (contact: string) => `INSERT INTO health_dirty SELECT ${contact} WHERE NOT EXISTS (SELECT 1 FROM health_dirty WHERE contact_id = ${contact});`;
const markTag = (tag: string) =>
  `INSERT INTO health_dirty SELECT contact_id FROM contact_tags WHERE tag_id = ${tag} AND contact_id NOT IN (SELECT contact_id FROM health_dirty);`;
const markCircle = (circle: string) =>
  `INSERT INTO health_dirty SELECT id FROM contacts WHERE circle_id = ${circle} AND id NOT IN (SELECT contact_id FROM health_dirty);`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE tags ADD COLUMN cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 0 AND 3650)`,
    `ALTER TABLE tags ADD COLUMN cadence_latest_days INTEGER ${latestCheck('cadence_latest_days', 'cadence_days')}`,
    `ALTER TABLE contacts ADD COLUMN cadence_latest_days INTEGER ${latestCheck('cadence_latest_days', 'cadence_days')}`,
    `ALTER TABLE circles ADD COLUMN default_cadence_latest_days INTEGER ${latestCheck('default_cadence_latest_days', 'default_cadence_days')}`,
    // derived rows: recomputed from scratch on the next read
    `DELETE FROM contact_health`,
    `DELETE FROM health_dirty`,
    `DELETE FROM health_meta`,
    `ALTER TABLE contact_health ADD COLUMN tolerance INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE contact_health ADD COLUMN latest_day INTEGER`,
    // the overdue list and count read the latest day (per importance, the longest overdue first)
    `CREATE INDEX contact_health_latest ON contact_health(importance, latest_day, name_key, contact_id) WHERE latest_day IS NOT NULL`,
    `CREATE INDEX contact_health_latest_day ON contact_health(latest_day) WHERE latest_day IS NOT NULL`,
    // "coming up" adds the check-ins due but within their tolerance: only rows that have one
    `CREATE INDEX contact_health_tolerant ON contact_health(next_day, name_key, contact_id) WHERE tolerance > 0`,
    // a tag's rhythm changes the health of everyone carrying it
    `CREATE TRIGGER health_dirty_on_tag_cadence AFTER UPDATE OF cadence_days, cadence_latest_days ON tags
     WHEN OLD.cadence_days IS NOT NEW.cadence_days OR OLD.cadence_latest_days IS NOT NEW.cadence_latest_days BEGIN
       ${markTag('NEW.id')}
     END`,
    // before: afterwards its links are already gone (ON DELETE CASCADE)
    `CREATE TRIGGER health_dirty_on_tag_delete BEFORE DELETE ON tags WHEN OLD.cadence_days IS NOT NULL BEGIN
       ${markTag('OLD.id')}
     END`,
    // tagging or untagging someone with a tag that has a rhythm
    `CREATE TRIGGER health_dirty_on_contact_tag_insert AFTER INSERT ON contact_tags
     WHEN (SELECT cadence_days FROM tags WHERE id = NEW.tag_id) IS NOT NULL BEGIN
       ${mark('NEW.contact_id')}
     END`,
    `CREATE TRIGGER health_dirty_on_contact_tag_delete AFTER DELETE ON contact_tags
     WHEN (SELECT cadence_days FROM tags WHERE id = OLD.tag_id) IS NOT NULL BEGIN
       ${mark('OLD.contact_id')}
     END`,
    `CREATE TRIGGER health_dirty_on_contact_latest AFTER UPDATE OF cadence_latest_days ON contacts BEGIN
       ${mark('NEW.id')}
     END`,
    `CREATE TRIGGER health_dirty_on_circle_latest AFTER UPDATE OF default_cadence_latest_days ON circles BEGIN
       ${markCircle('NEW.id')}
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
