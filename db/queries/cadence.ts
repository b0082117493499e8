// The SQL twin of effectiveRhythm() (shared/domain/cadence.ts), for paths over every contact at
// once. tests/integration/rhythms.test.ts holds the two to the same answers on random data.
import { DEFAULT_CADENCE_DAYS } from '../../shared/domain/cadence';

/** both intervals in one integer: days * RHYTHM_PACK + latestDays (each at most 3650) */
export const RHYTHM_PACK = 10_000;

const latest = (ideal: string, latestCol: string) => `max(${ideal}, coalesce(${latestCol}, ${ideal}))`;

/**
 * The packed rhythm of the contact aliased `c`: its own cadence, else the shortest reminding one
 * of its tags and circle (on equal cadences the tighter latest, then a tag), else 30 days.
 */
export function rhythmPackedSql(c = 'c'): string {
  return `CASE WHEN ${c}.cadence_days IS NOT NULL THEN ${c}.cadence_days * ${RHYTHM_PACK} + ${latest(`${c}.cadence_days`, `${c}.cadence_latest_days`)}
  ELSE coalesce((SELECT r.days * ${RHYTHM_PACK} + r.latest FROM (
      SELECT t.cadence_days AS days, ${latest('t.cadence_days', 't.cadence_latest_days')} AS latest, 0 AS src
        FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ${c}.id AND t.cadence_days IS NOT NULL
      UNION ALL
      SELECT ci.default_cadence_days, ${latest('ci.default_cadence_days', 'ci.default_cadence_latest_days')}, 1
        FROM circles ci WHERE ci.id = ${c}.circle_id
    ) r ORDER BY r.days = 0, r.days, r.latest, r.src LIMIT 1), ${DEFAULT_CADENCE_DAYS * RHYTHM_PACK + DEFAULT_CADENCE_DAYS}) END`;
}

export function unpackRhythm(packed: number): { days: number; latestDays: number } {
  return { days: Math.floor(packed / RHYTHM_PACK), latestDays: packed % RHYTHM_PACK };
}
