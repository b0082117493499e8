// Which check-in rhythm applies to one contact: its settings, its tags' and its circle's, read
// and put through the one rule (shared/domain/cadence.ts effectiveRhythm).
import type Database from 'better-sqlite3';
import { prepared } from '../../db/prepared';
import { effectiveRhythm, type CadenceSetting, type Rhythm } from '../../shared/domain/cadence';

/** the rhythm, and the tag or circle it came from by name; undefined when there is no such contact */
export function contactRhythm(sqlite: Database.Database, contactId: string): (Rhythm & { sourceName: string | null }) | undefined {
  const c = prepared(
    sqlite,
    `SELECT c.cadence_days, c.cadence_latest_days, ci.name AS circle_name, ci.default_cadence_days, ci.default_cadence_latest_days
     FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.id = ?`,
  ).get(contactId) as
    | { cadence_days: number | null; cadence_latest_days: number | null; circle_name: string | null; default_cadence_days: number | null; default_cadence_latest_days: number | null }
    | undefined;
  if (!c) return undefined;
  const tags = prepared(
    sqlite,
    `SELECT t.name, t.cadence_days AS days, t.cadence_latest_days AS latestDays FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.contact_id = ? AND t.cadence_days IS NOT NULL ORDER BY t.name`,
  ).all(contactId) as Array<CadenceSetting & { name: string }>;
  const own = c.cadence_days === null ? null : { days: c.cadence_days, latestDays: c.cadence_latest_days };
  const circle = c.default_cadence_days === null ? null : { days: c.default_cadence_days, latestDays: c.default_cadence_latest_days };
  const rhythm = effectiveRhythm(own, tags, circle);
  const sourceName =
    rhythm.source === 'tag' ? (tags.find((t) => t.days === rhythm.days && Math.max(t.days, t.latestDays ?? t.days) === rhythm.latestDays)?.name ?? null) : rhythm.source === 'circle' ? c.circle_name : null;
  return { ...rhythm, sourceName };
}
