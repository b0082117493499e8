// The portfolio's dormancy follows the same rhythm rule as health (issue 17, point 8). Migration
// 0007 built interaction_gaps for a window of 3 × (own cadence, else the circle's default); since
// 0022 a rhythm can also come from a tag and carry a tolerance, and health calls someone dormant
// only after 3 cadences plus the tolerance. The gaps now use that window, W = (2C + L) days for an
// ideal interval C and a latest one L (3C + the tolerance L − C), so "kept alive" and "gone
// dormant" on the dashboard count the same people as the dormant flag, every month of the year.
//
// The triggers of 0007 that read the window are replaced; new ones follow tags: tagging and
// untagging, a tag's rhythm, a tag deleted, and a contact's or circle's latest interval.
import { sql, type Kysely } from 'kysely';

const DAY_MS = 86_400_000;
const PACK = 10_000;

/**
 * A frozen copy of db/queries/cadence.ts rhythmPackedSql() as of this migration (trigger text is
 * stored in the file, so it must not change when that module does): the contact `c`'s own rhythm,
 * else the shortest reminding one of its tags and circle, else 30 days; packed days * PACK + latest.
 */
const rhythmOf = (c: string) => {
  const latest = (ideal: string, col: string) => `max(${ideal}, coalesce(${col}, ${ideal}))`;
  return `CASE WHEN ${c}.cadence_days IS NOT NULL THEN ${c}.cadence_days * ${PACK} + ${latest(`${c}.cadence_days`, `${c}.cadence_latest_days`)}
  ELSE coalesce((SELECT r.days * ${PACK} + r.latest FROM (
      SELECT t.cadence_days AS days, ${latest('t.cadence_days', 't.cadence_latest_days')} AS latest, 0 AS src
        FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ${c}.id AND t.cadence_days IS NOT NULL
      UNION ALL
      SELECT ci.default_cadence_days, ${latest('ci.default_cadence_days', 'ci.default_cadence_latest_days')}, 1
        FROM circles ci WHERE ci.id = ${c}.circle_id
    ) r ORDER BY r.days = 0, r.days, r.latest, r.src LIMIT 1), ${30 * PACK + 30}) END`;
};

/** the dormancy window in ms of contact `c`: (2C + L) days, 0 when it has no check-ins */
const windowOf = (c: string) =>
  `(SELECT CASE WHEN rh.packed / ${PACK} = 0 THEN 0 ELSE (2 * (rh.packed / ${PACK}) + rh.packed % ${PACK}) * ${DAY_MS} END FROM (SELECT ${rhythmOf(c)} AS packed) rh)`;

/** one row with the contact's window w and created_at; no row when it is archived or gone */
const contactWindow = (contact: string) =>
  `(SELECT ${windowOf('k')} AS w, k.created_at AS created FROM contacts k WHERE k.id = ${contact} AND k.archived_at IS NULL)`;

/** as 0007's reconcileAround, with the rhythm's window */
function reconcileAround(contact: string, t: string, change: 'added' | 'removed', others = '1'): string[] {
  const times = `FROM interaction_participants p WHERE p.contact_id = ${contact} AND ${others}`;
  const prev = `(SELECT max(p.occurred_at) ${times} AND p.occurred_at < ${t})`;
  const next = `(SELECT min(p.occurred_at) ${times} AND p.occurred_at > ${t})`;
  const present = `EXISTS (SELECT 1 ${times} AND p.occurred_at = ${t})`;
  const pairs =
    change === 'added'
      ? `SELECT ${prev} AS a, ${t} AS b UNION ALL SELECT ${t}, ${next}`
      : `SELECT ${prev} AS a, ${t} AS b WHERE ${present}
         UNION ALL SELECT ${t}, ${next} WHERE ${present}
         UNION ALL SELECT ${prev}, ${next} WHERE NOT ${present}`;
  return [
    `DELETE FROM interaction_gaps WHERE contact_id = ${contact} AND after_at IN (${prev}, ${t});`,
    `INSERT INTO interaction_gaps (contact_id, after_at, before_at, dormant_from)
       SELECT ${contact}, pair.a, pair.b, max(pair.a, win.created) + win.w
       FROM ${contactWindow(contact)} win, (${pairs}) pair
       WHERE win.w > 0 AND pair.b - pair.a > win.w;`,
  ];
}

/** all gaps of the contacts chosen by `which` (a condition on contacts c), from scratch */
function rebuildGaps(which: string): string[] {
  return [
    `DELETE FROM interaction_gaps WHERE contact_id IN (SELECT c.id FROM contacts c WHERE ${which});`,
    // the window once per contact: LIMIT keeps the subquery from being flattened into the join
    `INSERT INTO interaction_gaps (contact_id, after_at, before_at, dormant_from)
       SELECT s.contact_id, s.a, s.b, max(s.a, k.created) + k.w
       FROM (SELECT c.id AS id, c.created_at AS created, ${windowOf('c')} AS w FROM contacts c WHERE (${which}) AND c.archived_at IS NULL LIMIT -1) k
       JOIN (SELECT p.contact_id, p.occurred_at AS a, lead(p.occurred_at) OVER (PARTITION BY p.contact_id ORDER BY p.occurred_at) AS b
             FROM interaction_participants p WHERE p.contact_id IN (SELECT c.id FROM contacts c WHERE ${which})) s ON s.contact_id = k.id
       WHERE k.w > 0 AND s.b - s.a > k.w;`,
  ];
}

const REPLACED = [
  'interaction_gaps_on_insert',
  'interaction_gaps_on_delete',
  'interaction_gaps_on_update',
  'interaction_gaps_on_contact_change',
  'interaction_gaps_on_circle_cadence_longer',
  'interaction_gaps_on_circle_cadence_off',
  'interaction_gaps_on_circle_cadence_shorter',
  'interaction_gaps_on_contact_insert',
];

/** a tag's rhythm reaches the contacts carrying it that have no cadence of their own */
const taggedWithout = (tag: string) => `c.cadence_days IS NULL AND c.id IN (SELECT ct.contact_id FROM contact_tags ct WHERE ct.tag_id = ${tag})`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    ...REPLACED.map((name) => `DROP TRIGGER ${name}`),
    `DELETE FROM interaction_gaps`,
    ...rebuildGaps('1'),
    `CREATE TRIGGER interaction_gaps_on_insert AFTER INSERT ON interaction_participants BEGIN
       ${reconcileAround('NEW.contact_id', 'NEW.occurred_at', 'added').join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_delete AFTER DELETE ON interaction_participants BEGIN
       ${reconcileAround('OLD.contact_id', 'OLD.occurred_at', 'removed').join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_update AFTER UPDATE OF occurred_at, contact_id ON interaction_participants BEGIN
       ${reconcileAround('OLD.contact_id', 'OLD.occurred_at', 'removed', 'NOT (p.interaction_id = NEW.interaction_id AND p.contact_id = NEW.contact_id)').join('\n')}
       ${reconcileAround('NEW.contact_id', 'NEW.occurred_at', 'added').join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_contact_change AFTER UPDATE OF cadence_days, cadence_latest_days, circle_id, archived_at, created_at ON contacts
     WHEN OLD.cadence_days IS NOT NEW.cadence_days OR OLD.cadence_latest_days IS NOT NEW.cadence_latest_days OR OLD.circle_id IS NOT NEW.circle_id
       OR OLD.archived_at IS NOT NEW.archived_at OR OLD.created_at IS NOT NEW.created_at BEGIN
       ${rebuildGaps('c.id = NEW.id').join('\n')}
     END`,
    // a circle's rhythm reaches its contacts without a cadence of their own (whether it wins over
    // their tags is the rule's business: rebuilding asks it)
    `CREATE TRIGGER interaction_gaps_on_circle_rhythm AFTER UPDATE OF default_cadence_days, default_cadence_latest_days ON circles
     WHEN OLD.default_cadence_days IS NOT NEW.default_cadence_days OR OLD.default_cadence_latest_days IS NOT NEW.default_cadence_latest_days BEGIN
       ${rebuildGaps('c.circle_id = NEW.id AND c.cadence_days IS NULL').join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_tag_rhythm AFTER UPDATE OF cadence_days, cadence_latest_days ON tags
     WHEN OLD.cadence_days IS NOT NEW.cadence_days OR OLD.cadence_latest_days IS NOT NEW.cadence_latest_days BEGIN
       ${rebuildGaps(taggedWithout('NEW.id')).join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_contact_tag_insert AFTER INSERT ON contact_tags
     WHEN (SELECT cadence_days FROM tags WHERE id = NEW.tag_id) IS NOT NULL BEGIN
       ${rebuildGaps('c.id = NEW.contact_id AND c.cadence_days IS NULL').join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_contact_tag_delete AFTER DELETE ON contact_tags
     WHEN (SELECT cadence_days FROM tags WHERE id = OLD.tag_id) IS NOT NULL BEGIN
       ${rebuildGaps('c.id = OLD.contact_id AND c.cadence_days IS NULL').join('\n')}
     END`,
    // the cascade would unlink a deleted tag after it is gone, when its rhythm can no longer be
    // told: unlink first, while the tag is still there, so the trigger above rebuilds
    `CREATE TRIGGER interaction_gaps_on_tag_delete BEFORE DELETE ON tags WHEN OLD.cadence_days IS NOT NULL BEGIN
       DELETE FROM contact_tags WHERE tag_id = OLD.id;
     END`,
    `CREATE TRIGGER interaction_gaps_on_contact_insert AFTER INSERT ON contacts
     WHEN EXISTS (SELECT 1 FROM interaction_participants p WHERE p.contact_id = NEW.id) BEGIN
       UPDATE contacts SET first_interaction_at = (SELECT min(occurred_at) FROM interaction_participants WHERE contact_id = NEW.id),
                           last_interaction_at = (SELECT max(occurred_at) FROM interaction_participants WHERE contact_id = NEW.id)
       WHERE id = NEW.id;
       ${rebuildGaps('c.id = NEW.id').join('\n')}
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
