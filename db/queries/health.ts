// Health for every contact at once: one prepared statement that reads, per contact, only what the
// score needs from the covering index participants_by_contact (contact_id, occurred_at DESC, kind,
// direction, rating): the latest interaction, the two frequency windows, the last 10 interactions
// and the last 5 rated ones. It reduces them to the same HealthFacts the pure engine reduces a list
// to, then runs the engine's one formula, so both paths give the same numbers by construction
// (and tests/integration/health.test.ts checks it on random data). Each contact's fields and facts
// are cached for the local day (migration 0003; triggers drop a contact's row whenever it, its
// interactions or the circles change), so after the first dashboard of the day every contact costs
// one row of one table scan.
import type Database from 'better-sqlite3';
import { DEFAULT_CADENCE_DAYS } from '../../shared/domain/cadence';
import { localEpochDay } from '../../shared/domain/epochDay';
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

/** a cached row is good for this contact when it was computed today, in this zone, for this cadence, not after now */
const FRESH = `f.contact_id = k.id AND f.zone = :zone AND f.day = :day AND f.cadence = k.cadence AND f.computed_at <= :now`;

// One text column per contact: materialising a JS value per column is the dominant cost at 10,000
// rows (one string is ~10x cheaper than 15 values). The row was packed by packRow() below.
const CACHED_SQL = `SELECT packed FROM health_facts_cache WHERE zone = :zone AND day = :day AND computed_at <= :now`;

const STALE_CADENCES_SQL = `
WITH ${CONTACTS_CTE}
SELECT DISTINCT cadence FROM k WHERE NOT EXISTS (SELECT 1 FROM health_facts_cache f WHERE ${FRESH})`;

const STALE_SQL = `
WITH
  w(cadence, win_start, prev_start) AS (
    SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:windows)
  ),
  ${CONTACTS_CTE}
SELECT
  k.id, k.display_name, k.circle_id, k.importance, k.created_at, k.checkin_snoozed_until, k.cadence,
  (SELECT p.occurred_at FROM interaction_participants p
     WHERE p.contact_id = k.id ORDER BY p.occurred_at DESC LIMIT 1) AS max_at,
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
WHERE NOT EXISTS (SELECT 1 FROM health_facts_cache f WHERE ${FRESH})
`;

const STORE_SQL = `
INSERT OR REPLACE INTO health_facts_cache
  (contact_id, zone, day, cadence, computed_at, packed) VALUES (?, ?, ?, ?, ?, ?)`;

/**
 * Reads a row packed as fields joined by char(31) without splitting it: numbers are parsed from the
 * character codes, so only the few text fields allocate strings.
 */
class FieldReader {
  private pos = 0;
  constructor(private readonly packed: string) {}
  text(): string {
    const end = this.packed.indexOf('\u001f', this.pos);
    const value = this.packed.slice(this.pos, end);
    this.pos = end + 1;
    return value;
  }
  /** an integer, or null for an empty field */
  number(): number | null {
    const s = this.packed;
    let n = 0;
    let digits = 0;
    let negative = false;
    for (;;) {
      const c = s.charCodeAt(this.pos++);
      if (c === 31 || c !== c) break; // separator, or past the end (NaN)
      if (c === 45) negative = true;
      else {
        n = n * 10 + (c - 48);
        digits++;
      }
    }
    return digits === 0 ? null : negative ? -n : n;
  }
  /** everything left: the last field, whatever characters it holds */
  rest(): string {
    return this.packed.slice(this.pos);
  }
}

/** HealthFacts in the order the cache's facts column keeps them */
const FACT_FIELDS = ['lastAt', 'windowWeightTenths', 'windowCount', 'previousWeightTenths', 'sampleCount', 'sampleOutbound', 'ratedCount', 'ratingSum'] as const;

/** a contact and its facts as one string, read back by FieldReader in the same order; the name last */
function packRow(r: ContactColumns, facts: HealthFacts): string {
  const fields = [r.id, r.circle_id ?? '', r.importance, r.created_at, r.checkin_snoozed_until ?? '', r.cadence, ...FACT_FIELDS.map((k) => facts[k] ?? ''), r.display_name];
  return fields.join('\u001f');
}

interface ContactColumns {
  id: string;
  display_name: string;
  circle_id: string | null;
  importance: Importance;
  created_at: number;
  checkin_snoozed_until: number | null;
  cadence: number;
}

interface StaleRow extends ContactColumns {
  max_at: number | null;
  last_at: number | null;
  win: number;
  prev_weight: number;
  sample: number;
  rated: number;
}

interface Statements {
  cached: Database.Statement;
  staleCadences: Database.Statement;
  activeCount: Database.Statement;
  stale: Database.Statement;
  store: Database.Statement;
}
const prepared = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      cached: sqlite.prepare(CACHED_SQL).pluck(),
      staleCadences: sqlite.prepare(STALE_CADENCES_SQL).pluck(),
      activeCount: sqlite.prepare(`SELECT count(*) FROM contacts WHERE archived_at IS NULL`).pluck(),
      stale: sqlite.prepare(STALE_SQL),
      store: sqlite.prepare(STORE_SQL),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

export interface HealthQueryOptions {
  /** false: ignore and do not fill the cache (tests compare both paths) */
  useCache?: boolean;
  /** false: leave the explanation sentence empty (the dashboard and sorts never show it) */
  explain?: boolean;
}

/**
 * The health of every contact that is not archived, as of `now` in `timeZone`. Plain function over
 * the raw connection so the dashboard, the contacts list's sort and the benchmark all call it.
 * Facts computed today are taken from health_facts_cache; the rest are computed from the covering
 * index and cached, unless the contact has an interaction after now (then the facts would change
 * by themselves as time passes).
 */
export function allContactsHealth(
  db: Database.Database | { sqlite: Database.Database },
  now: number,
  timeZone: string,
  options: HealthQueryOptions = {},
): ContactHealthRow[] {
  const sqlite = 'sqlite' in db ? db.sqlite : db;
  const useCache = options.useCache ?? true;
  const s = statements(sqlite);
  const day = localEpochDay(now, timeZone);
  // without the cache, nothing is fresh: an impossible zone name makes every row stale
  const key = { defaultCadence: DEFAULT_CADENCE_DAYS, zone: useCache ? timeZone : '\u0000', day, now };
  const windowsByCadence = new Map<number, HealthWindows>();
  const windowsFor = (cadence: number) => {
    let w = windowsByCadence.get(cadence);
    if (!w) windowsByCadence.set(cadence, (w = healthWindows(cadence, now, timeZone)));
    return w;
  };
  const out: ContactHealthRow[] = [];
  const emit = (r: ContactColumns, facts: HealthFacts) => {
    const subject = { cadenceDays: r.cadence, createdAt: r.created_at, snoozedUntil: r.checkin_snoozed_until, importance: r.importance };
    out.push({
      id: r.id,
      displayName: r.display_name,
      circleId: r.circle_id,
      importance: r.importance,
      createdAt: r.created_at,
      snoozedUntil: r.checkin_snoozed_until,
      health: healthFromFacts(subject, facts, windowsFor(r.cadence), now, timeZone, options.explain ?? true),
    });
  };

  if (useCache)
    for (const packed of s.cached.all(key) as string[]) {
      const f = new FieldReader(packed);
      const row: ContactColumns = {
        id: f.text(),
        circle_id: f.text() || null,
        importance: f.text() as Importance,
        created_at: f.number()!,
        checkin_snoozed_until: f.number(),
        cadence: f.number()!,
        display_name: '',
      };
      const facts: HealthFacts = {
        lastAt: f.number(),
        windowWeightTenths: f.number()!,
        windowCount: f.number()!,
        previousWeightTenths: f.number()!,
        sampleCount: f.number()!,
        sampleOutbound: f.number()!,
        ratedCount: f.number()!,
        ratingSum: f.number()!,
      };
      row.display_name = f.rest();
      emit(row, facts);
    }

  // every contact served from the cache: nothing stale to look for
  if (useCache && out.length === (s.activeCount.get() as number)) return out;
  const cadences = s.staleCadences.all(key) as number[];
  if (cadences.length === 0) return out;
  const windowsJson = JSON.stringify(cadences.map((c) => [c, windowsFor(c).windowStart, windowsFor(c).previousStart]));
  const toStore: unknown[][] = [];
  for (const r of s.stale.all({ ...key, windows: windowsJson }) as StaleRow[]) {
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
    emit(r, facts);
    if (useCache && (r.max_at === null || r.max_at <= now))
      toStore.push([r.id, timeZone, day, r.cadence, now, packRow(r, facts)]);
  }
  if (toStore.length > 0 && !sqlite.readonly && !sqlite.inTransaction) {
    try {
      sqlite.transaction(() => {
        for (const row of toStore) s.store.run(...row);
      })();
    } catch {
      // a busy or read-only file: the cache is an optimisation, the answer above stands
    }
  }
  return out;
}

/** one contact's interactions as the engine reads them, from the same covering index */
export function contactHealthInteractions(sqlite: Database.Database, contactId: string) {
  return sqlite
    .prepare(`SELECT interaction_id AS id, occurred_at AS occurredAt, kind, direction, rating FROM interaction_participants WHERE contact_id = ? ORDER BY occurred_at DESC`)
    .all(contactId) as Array<{ id: string; occurredAt: number; kind: never; direction: never; rating: number | null }>;
}
