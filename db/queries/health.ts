// Health for every contact at once: one prepared statement that reads, per contact, only what the
// score needs from the covering index participants_by_contact (contact_id, occurred_at DESC, kind,
// direction, rating): the latest interaction, the two frequency windows, the last 10 interactions
// and the last 5 rated ones. It reduces them to the same HealthFacts the pure engine reduces a list
// to, then runs the engine's one formula, so both paths give the same numbers by construction
// (and tests/integration/health.test.ts checks it on random data).
import type Database from 'better-sqlite3';
import { DEFAULT_CADENCE_DAYS } from '../../shared/domain/cadence';
import type { Importance } from '../../shared/domain/contact';
import {
  healthFromFacts,
  healthWindows,
  KIND_WEIGHT_TENTHS,
  ONE_SIDED_SAMPLE,
  RATED_RECENT_COUNT,
  type ContactHealth,
  type HealthFacts,
  type HealthWindows,
} from '../../shared/domain/health';

export interface ContactHealthRow {
  id: string;
  displayName: string;
  circleId: string | null;
  importance: Importance;
  createdAt: number;
  snoozedUntil: number | null;
  health: ContactHealth;
}

/** two counts in one column: weight * PACK + count (both stay far below 2^53) */
const PACK = 1_048_576;

const weightCase = `CASE p.kind ${Object.entries(KIND_WEIGHT_TENTHS)
  .map(([kind, w]) => `WHEN '${kind}' THEN ${w}`)
  .join(' ')} ELSE 0 END`;

// The effective cadence is coalesce(own, circle default, 30): the SQL twin of effectiveCadence().
const CONTACTS_CTE = `
  k AS (
    SELECT c.id, c.display_name, c.circle_id, c.importance, c.created_at, c.checkin_snoozed_until,
           coalesce(c.cadence_days, ci.default_cadence_days, :defaultCadence) AS cadence
    FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id
    WHERE c.archived_at IS NULL
  )`;

const CADENCES_SQL = `WITH ${CONTACTS_CTE} SELECT DISTINCT cadence FROM k`;

const HEALTH_SQL = `
WITH
  w(cadence, win_start, prev_start) AS (
    SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:windows)
  ),
  ${CONTACTS_CTE}
SELECT
  k.id, k.display_name, k.circle_id, k.importance, k.created_at, k.checkin_snoozed_until, k.cadence,
  (SELECT p.occurred_at FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at <= :now
     ORDER BY p.occurred_at DESC LIMIT 1) AS last_at,
  (SELECT total(${weightCase}) * ${PACK} + count(*) FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at >= w.win_start AND p.occurred_at <= :now) AS win,
  (SELECT total(${weightCase}) FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at >= w.prev_start AND p.occurred_at < w.win_start) AS prev_weight,
  (SELECT count(*) * 100 + total(s.direction = 'outbound') FROM (
     SELECT p.direction FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at <= :now
     ORDER BY p.occurred_at DESC, p.kind, p.direction, p.rating LIMIT ${ONE_SIDED_SAMPLE}) s) AS sample,
  (SELECT count(*) * 100 + total(r.rating) FROM (
     SELECT p.rating FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at <= :now AND p.rating IS NOT NULL
     ORDER BY p.occurred_at DESC, p.kind, p.direction, p.rating LIMIT ${RATED_RECENT_COUNT}) r) AS rated
FROM k
JOIN w ON w.cadence = k.cadence
`;

interface RawRow {
  id: string;
  display_name: string;
  circle_id: string | null;
  importance: Importance;
  created_at: number;
  checkin_snoozed_until: number | null;
  cadence: number;
  last_at: number | null;
  win: number;
  prev_weight: number;
  sample: number;
  rated: number;
}

interface Statements {
  cadences: Database.Statement;
  health: Database.Statement;
}
const prepared = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = { cadences: sqlite.prepare(CADENCES_SQL).pluck(), health: sqlite.prepare(HEALTH_SQL) };
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * The health of every contact that is not archived, as of `now` in `timeZone`. Plain function over
 * the raw connection so the dashboard, the contacts list's sort and the benchmark all call it.
 */
export function allContactsHealth(db: Database.Database | { sqlite: Database.Database }, now: number, timeZone: string): ContactHealthRow[] {
  const sqlite = 'sqlite' in db ? db.sqlite : db;
  const s = statements(sqlite);
  const cadences = s.cadences.all({ defaultCadence: DEFAULT_CADENCE_DAYS }) as number[];
  const windowsByCadence = new Map<number, HealthWindows>(cadences.map((c) => [c, healthWindows(c, now, timeZone)]));
  const windowsJson = JSON.stringify([...windowsByCadence].map(([c, w]) => [c, w.windowStart, w.previousStart]));
  const rows = s.health.all({ defaultCadence: DEFAULT_CADENCE_DAYS, windows: windowsJson, now }) as RawRow[];
  return rows.map((r) => {
    const facts: HealthFacts = {
      lastAt: r.last_at,
      windowWeightTenths: Math.floor(r.win / PACK),
      windowCount: r.win % PACK,
      previousWeightTenths: r.prev_weight,
      sampleCount: Math.floor(r.sample / 100),
      sampleOutbound: r.sample % 100,
      ratedCount: Math.floor(r.rated / 100),
      ratingSum: r.rated % 100,
    };
    const subject = { cadenceDays: r.cadence, createdAt: r.created_at, snoozedUntil: r.checkin_snoozed_until, importance: r.importance };
    return {
      id: r.id,
      displayName: r.display_name,
      circleId: r.circle_id,
      importance: r.importance,
      createdAt: r.created_at,
      snoozedUntil: r.checkin_snoozed_until,
      health: healthFromFacts(subject, facts, windowsByCadence.get(r.cadence)!, now, timeZone),
    };
  });
}

/** one contact's interactions as the engine reads them, from the same covering index */
export function contactHealthInteractions(sqlite: Database.Database, contactId: string) {
  return sqlite
    .prepare(`SELECT interaction_id AS id, occurred_at AS occurredAt, kind, direction, rating FROM interaction_participants WHERE contact_id = ? ORDER BY occurred_at DESC`)
    .all(contactId) as Array<{ id: string; occurredAt: number; kind: never; direction: never; rating: number | null }>;
}
