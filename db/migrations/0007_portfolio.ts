// What the portfolio (electron/services/portfolio.ts) reads instead of every interaction, kept in
// step by triggers in the same transaction as every write:
// - contacts.first_interaction_at: the oldest interaction's instant (the mirror of 0005's
//   last_interaction_at), for "how long have you known them";
// - interaction_gaps: for each active (not archived) contact with a cadence, each pair of
//   consecutive interaction instants further apart than its dormancy window W (GAP_CADENCES × its
//   effective cadence), with dormant_from = max(after_at, created_at) + W. Between its first
//   interaction and its last, a contact is dormant at instant t exactly when some gap has
//   dormant_from <= t < before_at; so retention at a point is a pass over the contacts (first and
//   last interaction) and over the gaps of the year, not an index probe per contact and point
//   (14 s on "huge" before).
// - value_entries_by_client_currency: client value sums a year of entries per client and currency
//   from the index alone.
// The gaps depend on the window, the creation time and the archive: a change of a contact's
// cadence, circle, created_at or archived_at, or of a circle's default, rebuilds the gaps of the
// contacts concerned. Cadence-0 and archived contacts have none.
import { sql, type Kysely } from 'kysely';

/** the dormancy window in cadences this table is built for; must equal DORMANT_CADENCES (a test checks it) */
export const GAP_CADENCES = 3;
const WINDOW_MS_PER_CADENCE_DAY = GAP_CADENCES * 86_400_000;

/** one row with the contact's window w (0 for cadence 0) and created_at; no row when it is archived or gone */
const windowOf = (contact: string) =>
  `(SELECT coalesce(k.cadence_days, ci.default_cadence_days, 30) * ${WINDOW_MS_PER_CADENCE_DAY} AS w, k.created_at AS created
      FROM contacts k LEFT JOIN circles ci ON ci.id = k.circle_id WHERE k.id = ${contact} AND k.archived_at IS NULL)`;

/**
 * After one interaction time `t` of `contact` was added (`added`: a row at t is there now) or
 * removed (there may still be another at t): the gaps touching t are those starting at its
 * predecessor or at t itself; drop them and write what the times around t give now. `others`
 * leaves out a row (an update's new row while its old one is being removed).
 */
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
       FROM ${windowOf(contact)} win, (${pairs}) pair
       WHERE win.w > 0 AND pair.b - pair.a > win.w;`,
  ];
}

/** all gaps of the contacts chosen by `which` (a condition on contacts c), from scratch */
function rebuildGaps(which: string): string[] {
  return [
    `DELETE FROM interaction_gaps WHERE contact_id IN (SELECT c.id FROM contacts c WHERE ${which});`,
    `INSERT INTO interaction_gaps (contact_id, after_at, before_at, dormant_from)
       SELECT s.contact_id, s.a, s.b, max(s.a, c.created_at) + coalesce(c.cadence_days, ci.default_cadence_days, 30) * ${WINDOW_MS_PER_CADENCE_DAY}
       FROM (SELECT p.contact_id, p.occurred_at AS a, lead(p.occurred_at) OVER (PARTITION BY p.contact_id ORDER BY p.occurred_at) AS b
             FROM interaction_participants p WHERE p.contact_id IN (SELECT c.id FROM contacts c WHERE ${which})) s
       JOIN contacts c ON c.id = s.contact_id LEFT JOIN circles ci ON ci.id = c.circle_id
       WHERE c.archived_at IS NULL AND coalesce(c.cadence_days, ci.default_cadence_days, 30) > 0
         AND s.b - s.a > coalesce(c.cadence_days, ci.default_cadence_days, 30) * ${WINDOW_MS_PER_CADENCE_DAY};`,
  ];
}

/** the contacts whose window is their circle's default */
const inCircle = `SELECT c.id FROM contacts c WHERE c.circle_id = NEW.id AND c.cadence_days IS NULL`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE contacts ADD COLUMN first_interaction_at INTEGER`,
    `UPDATE contacts SET first_interaction_at = (SELECT min(p.occurred_at) FROM interaction_participants p WHERE p.contact_id = contacts.id)`,
    `CREATE TRIGGER first_interaction_on_insert AFTER INSERT ON interaction_participants BEGIN
       UPDATE contacts SET first_interaction_at = NEW.occurred_at
       WHERE id = NEW.contact_id AND (first_interaction_at IS NULL OR first_interaction_at > NEW.occurred_at);
     END`,
    `CREATE TRIGGER first_interaction_on_delete AFTER DELETE ON interaction_participants BEGIN
       UPDATE contacts SET first_interaction_at = (SELECT min(occurred_at) FROM interaction_participants WHERE contact_id = OLD.contact_id)
       WHERE id = OLD.contact_id AND first_interaction_at = OLD.occurred_at;
     END`,
    `CREATE TRIGGER first_interaction_on_update AFTER UPDATE OF occurred_at, contact_id ON interaction_participants BEGIN
       UPDATE contacts SET first_interaction_at = (SELECT min(occurred_at) FROM interaction_participants WHERE contact_id = OLD.contact_id) WHERE id = OLD.contact_id;
       UPDATE contacts SET first_interaction_at = (SELECT min(occurred_at) FROM interaction_participants WHERE contact_id = NEW.contact_id) WHERE id = NEW.contact_id;
     END`,

    `CREATE TABLE interaction_gaps (
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      -- two consecutive interaction instants of the contact, further apart than its window
      after_at INTEGER NOT NULL,
      before_at INTEGER NOT NULL,
      -- from here until before_at the contact is dormant: the window has passed since after_at and since it was added
      dormant_from INTEGER NOT NULL,
      PRIMARY KEY (contact_id, after_at)
    ) STRICT, WITHOUT ROWID`,
    // the portfolio reads the gaps that end within its year
    `CREATE INDEX interaction_gaps_by_end ON interaction_gaps(before_at, dormant_from)`,
    ...rebuildGaps('1'),
    `CREATE TRIGGER interaction_gaps_on_insert AFTER INSERT ON interaction_participants BEGIN
       ${reconcileAround('NEW.contact_id', 'NEW.occurred_at', 'added').join('\n')}
     END`,
    `CREATE TRIGGER interaction_gaps_on_delete AFTER DELETE ON interaction_participants BEGIN
       ${reconcileAround('OLD.contact_id', 'OLD.occurred_at', 'removed').join('\n')}
     END`,
    // first as if the old row were gone (the table without the new row), then the new row added
    `CREATE TRIGGER interaction_gaps_on_update AFTER UPDATE OF occurred_at, contact_id ON interaction_participants BEGIN
       ${reconcileAround('OLD.contact_id', 'OLD.occurred_at', 'removed', 'NOT (p.interaction_id = NEW.interaction_id AND p.contact_id = NEW.contact_id)').join('\n')}
       ${reconcileAround('NEW.contact_id', 'NEW.occurred_at', 'added').join('\n')}
     END`,
    // the window follows the effective cadence (the contact's own, else its circle's default);
    // archived contacts have no gaps, and dormant_from depends on created_at
    `CREATE TRIGGER interaction_gaps_on_contact_change AFTER UPDATE OF cadence_days, circle_id, archived_at, created_at ON contacts
     WHEN OLD.cadence_days IS NOT NEW.cadence_days OR OLD.circle_id IS NOT NEW.circle_id
       OR OLD.archived_at IS NOT NEW.archived_at OR OLD.created_at IS NOT NEW.created_at BEGIN
       ${rebuildGaps('c.id = NEW.id').join('\n')}
     END`,
    // a circle's default reaches all its contacts without a cadence of their own (thousands, maybe):
    // a longer window only drops and shifts gaps, 0 drops them all; only a shorter one reads the history
    `CREATE TRIGGER interaction_gaps_on_circle_cadence_longer AFTER UPDATE OF default_cadence_days ON circles
     WHEN OLD.default_cadence_days > 0 AND NEW.default_cadence_days > OLD.default_cadence_days BEGIN
       DELETE FROM interaction_gaps WHERE contact_id IN (${inCircle}) AND before_at - after_at <= NEW.default_cadence_days * ${WINDOW_MS_PER_CADENCE_DAY};
       UPDATE interaction_gaps SET dormant_from = max(after_at, (SELECT c.created_at FROM contacts c WHERE c.id = interaction_gaps.contact_id)) + NEW.default_cadence_days * ${WINDOW_MS_PER_CADENCE_DAY}
       WHERE contact_id IN (${inCircle});
     END`,
    `CREATE TRIGGER interaction_gaps_on_circle_cadence_off AFTER UPDATE OF default_cadence_days ON circles
     WHEN OLD.default_cadence_days IS NOT NEW.default_cadence_days AND NEW.default_cadence_days = 0 BEGIN
       DELETE FROM interaction_gaps WHERE contact_id IN (${inCircle});
     END`,
    `CREATE TRIGGER interaction_gaps_on_circle_cadence_shorter AFTER UPDATE OF default_cadence_days ON circles
     WHEN NEW.default_cadence_days > 0 AND (OLD.default_cadence_days = 0 OR NEW.default_cadence_days < OLD.default_cadence_days) BEGIN
       ${rebuildGaps('c.circle_id = NEW.id AND c.cadence_days IS NULL').join('\n')}
     END`,
    // a contact written after its interactions (a restore defers foreign keys) starts complete too
    `CREATE TRIGGER interaction_gaps_on_contact_insert AFTER INSERT ON contacts
     WHEN EXISTS (SELECT 1 FROM interaction_participants p WHERE p.contact_id = NEW.id) BEGIN
       UPDATE contacts SET first_interaction_at = (SELECT min(occurred_at) FROM interaction_participants WHERE contact_id = NEW.id),
                           last_interaction_at = (SELECT max(occurred_at) FROM interaction_participants WHERE contact_id = NEW.id)
       WHERE id = NEW.id;
       ${rebuildGaps('c.id = NEW.id').join('\n')}
     END`,
    // client value over a year: summed per client and currency straight from the index
    `CREATE INDEX value_entries_by_client_currency ON value_entries(contact_id, currency, occurred_on, kind, amount_minor)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
