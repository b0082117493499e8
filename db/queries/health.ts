// Health for every contact at once, kept in the contact_health table (migration 0006) so that the
// dashboard, the portfolio and the contacts list's health sorts are indexed queries over stored
// results instead of the score computed for every contact on every call.
//
// Facts are reduced from the covering index participants_by_contact (contact_id, occurred_at DESC,
// kind, direction, rating) by one statement: the latest interaction, the two frequency windows, the
// last 10 interactions and the last 5 rated ones: the same HealthFacts the pure engine reduces a
// list to. The results come from the engine's one formula (healthCore), so the table and the pure
// path agree by construction; tests/integration/health.test.ts checks it on random data and days.
//
// refreshHealth() brings the table up to date before any read:
// - same day: only the contacts in health_dirty (triggers put them there with every write) and
//   those whose facts expired (an interaction dated later than when they were computed is now past);
// - a later day in the same zone: the frequency windows slide, reading only the interactions that
//   crossed a window edge (participants_by_time), then every row's results are recomputed in memory
//   from its stored facts (no interaction is read for that);
// - anything else (first use, another zone, the clock set back): everything from scratch.
// refreshHealthInSlices does the same in short transactions (the readers of many rows wait for it).
import type Database from 'better-sqlite3';
import { DEFAULT_CADENCE_DAYS, IMPORTANCE_WEIGHT } from '../../shared/domain/cadence';
import { dateOfEpochDay, localEpochDay } from '../../shared/domain/epochDay';
import type { Importance } from '../../shared/domain/contact';
import { nameSortKey } from '../../shared/domain/normalize';
import { emptyBands } from '../../shared/domain/dashboard';
import { startOfLocalDay } from '../../shared/domain/localDate';
import {
  bandOfCore,
  healthCore,
  healthDays,
  healthFromCore,
  healthFromFacts,
  healthWindows,
  resultsThrough,
  windowDaysFor,
  KIND_WEIGHT_TENTHS,
  ONE_SIDED_SAMPLE,
  RATED_RECENT_COUNT,
  type ContactHealth,
  type HealthBand,
  type HealthFlag,
  FLAG_BIT,
  type HealthDays,
  type HealthFacts,
  type HealthWindows,
} from '../../shared/domain/health';
import { prepared } from '../prepared';
import { dropSecondaryIndexes, restoreIndexes } from '../bulkIndexes';
import { RHYTHM_PACK, rhythmPackedSql } from './cadence';
import type { ContactHealthTable } from '../schema';
import { SLICE_MS } from '../slices';
import { countedContacts } from './contactCounts';

export interface ContactHealthRow {
  id: string;
  displayName: string;
  circleId: string | null;
  importance: Importance;
  createdAt: number;
  snoozedUntil: number | null;
  health: ContactHealth;
}

/** "no later change": the largest instant a JS Date can hold */
const NEVER = 8_640_000_000_000_000;
/** two counts in one column: weight * PACK + count (both stay far below 2^53) */
const PACK = 1_048_576;

const weightCase = (alias: string) => `CASE ${alias}.kind ${Object.entries(KIND_WEIGHT_TENTHS)
  .map(([kind, w]) => `WHEN '${kind}' THEN ${w}`)
  .join(' ')} ELSE 0 END`;

/** the importance weight of IMPORTANCE_WEIGHT, in SQL over contact_health (alias h) */
export const IMPORTANCE_WEIGHT_SQL = `CASE h.importance ${Object.entries(IMPORTANCE_WEIGHT)
  .map(([importance, w]) => `WHEN '${importance}' THEN ${w}`)
  .join(' ')} END`;

// The effective rhythm (cadence and tolerance) is rhythmPackedSql(): the SQL twin of effectiveRhythm().
// Two texts: for every contact, or for the contacts in :ids (a JSON array), which then drives the
// query through the primary key instead of a scan of every contact testing each id. The rhythm is
// computed once per contact (MATERIALIZED): inlined, SQLite evaluated its subqueries four times.
// A third text, for the contacts whose ids are in (:after, :last]: a range of the primary key (the
// sliced full rebuild walks the contacts by id).
type Which = 'all' | 'byIds' | 'range';
const activeContacts = (which: Which) =>
  `c.archived_at IS NULL${which === 'byIds' ? ' AND c.id IN (SELECT value FROM json_each(:ids))' : which === 'range' ? ' AND c.id > :after AND c.id <= :last' : ''}`;
const factsSql = (which: Which) => `
WITH
  w(cadence, win_start, prev_start) AS (
    SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:windows)
  ),
  r AS MATERIALIZED (
    SELECT c.id, c.display_name, c.circle_id, c.importance, c.created_at, c.checkin_snoozed_until, c.last_interaction_at AS latest,
           ${rhythmPackedSql('c')} AS rhythm
    FROM contacts c
    WHERE ${activeContacts(which)}
  ),
  k AS (SELECT r.*, r.rhythm / ${RHYTHM_PACK} AS cadence, r.rhythm % ${RHYTHM_PACK} - r.rhythm / ${RHYTHM_PACK} AS tolerance FROM r)
SELECT
  k.id, k.display_name, k.circle_id, k.importance, k.created_at, k.checkin_snoozed_until, k.cadence, k.tolerance,
  -- the contact's newest interaction (kept on it by triggers, migration 0005) answers both unless it is later than now
  CASE WHEN k.latest > :now THEN (SELECT p.occurred_at FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at > :now ORDER BY p.occurred_at LIMIT 1) END AS next_at,
  CASE WHEN k.latest > :now THEN (SELECT p.occurred_at FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at <= :now
     ORDER BY p.occurred_at DESC LIMIT 1) ELSE k.latest END AS last_at,
  (SELECT total(${weightCase('p')}) * ${PACK} + count(*) FROM interaction_participants p
     WHERE p.contact_id = k.id AND p.occurred_at >= w.win_start AND p.occurred_at <= :now) AS win,
  (SELECT total(${weightCase('p')}) FROM interaction_participants p
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
JOIN w ON w.cadence = k.cadence`;

const cadencesSql = (which: Which) => `
SELECT DISTINCT (${rhythmPackedSql('c')}) / ${RHYTHM_PACK}
FROM contacts c
WHERE ${activeContacts(which)}`;
const FACTS_SQL = { all: factsSql('all'), byIds: factsSql('byIds'), range: factsSql('range') };
const CADENCES_SQL = { all: cadencesSql('all'), byIds: cadencesSql('byIds'), range: cadencesSql('range') };

/** which contacts: all active ones, these ids, or the ids in (after, last] */
type Contacts = null | string[] | { after: string; last: string };

interface FactsRow {
  id: string;
  display_name: string;
  circle_id: string | null;
  importance: Importance;
  created_at: number;
  checkin_snoozed_until: number | null;
  cadence: number;
  tolerance: number;
  next_at: number | null;
  last_at: number | null;
  win: number;
  prev_weight: number;
  sample: number;
  rated: number;
}

function factsOf(r: FactsRow): HealthFacts {
  return {
    lastAt: r.last_at,
    windowWeightTenths: Math.floor(r.win / PACK),
    windowCount: r.win % PACK,
    previousWeightTenths: r.prev_weight,
    sampleCount: Math.floor(r.sample / 100),
    sampleOutbound: r.sample % 100,
    ratedCount: Math.floor(r.rated / 100),
    ratingSum: r.rated % 100,
  };
}

/** the last instant and zone windowsCache was asked for, and its windows: the slices of one refresh share them */
let lastWindows: { now: number; timeZone: string; of: (cadence: number) => HealthWindows } | null = null;

/** the frequency windows of each cadence at `now`, each computed once (zone arithmetic, per slice it cost more than the slice's rows) */
function windowsCache(now: number, timeZone: string) {
  if (lastWindows?.now === now && lastWindows.timeZone === timeZone) return lastWindows.of;
  const byCadence = new Map<number, HealthWindows>();
  const of = (cadence: number) => {
    let w = byCadence.get(cadence);
    if (!w) byCadence.set(cadence, (w = healthWindows(cadence, now, timeZone)));
    return w;
  };
  lastWindows = { now, timeZone, of };
  return of;
}

/** every active contact's (or just these contacts') facts, straight from the interactions */
function computeFacts(sqlite: Database.Database, now: number, timeZone: string, ids: Contacts, windowsFor: (c: number) => HealthWindows): FactsRow[] {
  const which: Which = ids === null ? 'all' : Array.isArray(ids) ? 'byIds' : 'range';
  const idsParam = ids === null ? {} : Array.isArray(ids) ? { ids: JSON.stringify(ids) } : { after: ids.after, last: ids.last };
  const cadences = prepared(sqlite, CADENCES_SQL[which]).pluck().all(idsParam) as number[];
  if (cadences.length === 0) return [];
  const windows = JSON.stringify(cadences.map((c) => [c, windowsFor(c).windowStart, windowsFor(c).previousStart]));
  return prepared(sqlite, FACTS_SQL[which]).all({ windows, now, ...idsParam }) as FactsRow[];
}

const subjectOf = (r: FactsRow) => ({ cadenceDays: r.cadence, toleranceDays: r.tolerance, createdAt: r.created_at, snoozedUntil: r.checkin_snoozed_until, importance: r.importance });

/**
 * The reference path: every active contact's health computed from its interactions, touching no
 * table but the user's. Tests hold the table to it.
 */
export function computeAllContactsHealth(sqlite: Database.Database, now: number, timeZone: string, explain = true): ContactHealthRow[] {
  const windowsFor = windowsCache(now, timeZone);
  return computeFacts(sqlite, now, timeZone, null, windowsFor).map((r) => ({
    id: r.id,
    displayName: r.display_name,
    circleId: r.circle_id,
    importance: r.importance,
    createdAt: r.created_at,
    snoozedUntil: r.checkin_snoozed_until,
    health: healthFromFacts(subjectOf(r), factsOf(r), windowsFor(r.cadence), timeZone, explain),
  }));
}

const upsertSql = (table: string) => `
INSERT OR REPLACE INTO ${table} (
  contact_id, name_key, importance, circle_id, created_at, snoozed_until, cadence,
  last_at, win_weight, win_count, prev_weight, sample_count, sample_outbound, rated_count, rating_sum, valid_until,
  last_day, created_day, snoozed_day, tolerance, score, band, next_day, latest_day, flags, flag_count, results_through)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** score, band, next_day, latest_day, flags, flag_count and results_through, from healthCore */
function results(cadence: number, facts: HealthFacts, days: HealthDays): [number | null, string | null, number | null, number | null, number, number, number] {
  const windowDays = windowDaysFor(cadence);
  const core = healthCore(cadence, facts, windowDays, days);
  const flags = core.flags;
  return [
    core.score,
    bandOfCore(core),
    core.nextDay,
    core.latestDay,
    flags,
    (flags & 1) + ((flags >> 1) & 1) + ((flags >> 2) & 1),
    resultsThrough(cadence, facts, windowDays, days, core),
  ];
}

/** computes these contacts' rows from their interactions (null: all) and stores them in `table` */
function storeFromInteractions(sqlite: Database.Database, now: number, timeZone: string, ids: Contacts, table = 'contact_health') {
  const windowsFor = windowsCache(now, timeZone);
  const upsert = prepared(sqlite, upsertSql(table));
  for (const r of computeFacts(sqlite, now, timeZone, ids, windowsFor)) {
    const facts = factsOf(r);
    const subject = subjectOf(r);
    const days = healthDays(subject, facts.lastAt, windowsFor(r.cadence), timeZone);
    upsert.run(
      r.id,
      nameSortKey(r.display_name),
      r.importance,
      r.circle_id,
      r.created_at,
      r.checkin_snoozed_until,
      r.cadence,
      facts.lastAt,
      facts.windowWeightTenths,
      facts.windowCount,
      facts.previousWeightTenths,
      facts.sampleCount,
      facts.sampleOutbound,
      facts.ratedCount,
      facts.ratingSum,
      r.next_at ?? NEVER,
      days.lastDay,
      days.createdDay,
      days.snoozedDay,
      r.tolerance,
      ...results(r.cadence, facts, days),
    );
  }
}

// The windows slide from day :from to today for the rows of one cadence: what left the window
// moves to the window before it, what left that one is gone. Only interactions inside the two
// stretches that moved are read, through participants_by_time.
const SLIDE_SQL = `
UPDATE contact_health AS h
SET win_weight = h.win_weight - d.ww, win_count = h.win_count - d.wc, prev_weight = h.prev_weight + d.ww - d.pw, results_through = -1
FROM (
  SELECT contact_id, total(ww) AS ww, total(wc) AS wc, total(pw) AS pw FROM (
    SELECT p.contact_id, ${weightCase('p')} AS ww, 1 AS wc, 0 AS pw FROM interaction_participants p
    WHERE p.occurred_at >= :winFrom AND p.occurred_at < :winTo
    UNION ALL
    SELECT p.contact_id, 0, 0, ${weightCase('p')} FROM interaction_participants p
    WHERE p.occurred_at >= :prevFrom AND p.occurred_at < :prevTo
  ) GROUP BY contact_id
) AS d
WHERE h.contact_id = d.contact_id AND h.cadence = :cadence`;
// (those rows' results are computed again below: results_through = -1)

/**
 * Slides the rows' windows to today, from local day `fromDay` (health_meta's) or, for a cadence an
 * unfinished slide already did, from the day health_slides says (migration 0036): at most `limit`
 * cadences, each remembered there as done. The rows whose results that changes are left with
 * results_through < today (recomputeResults does them). True when every cadence is at today: the
 * table is emptied and the caller stores the day (writeMeta) in the same transaction.
 */
function slideWindows(sqlite: Database.Database, fromDay: number, now: number, timeZone: string, limit = Infinity): boolean {
  const today = localEpochDay(now, timeZone);
  const slidTo = new Map((prepared(sqlite, `SELECT cadence, day FROM health_slides`).all() as { cadence: number; day: number }[]).map((r) => [r.cadence, r.day]));
  const windowsNow = windowsCache(now, timeZone);
  let slid = 0;
  for (const cadence of prepared(sqlite, `SELECT DISTINCT cadence FROM contact_health`).pluck().all() as number[]) {
    const from = slidTo.get(cadence) ?? fromDay;
    if (from >= today) continue;
    if (slid === limit) return false;
    // any instant of the old day gives that day's windows
    const before = healthWindows(cadence, startOfLocalDay(dateOfEpochDay(from), timeZone), timeZone);
    const after = windowsNow(cadence);
    prepared(sqlite, SLIDE_SQL).run({ cadence, winFrom: before.windowStart, winTo: after.windowStart, prevFrom: before.previousStart, prevTo: after.previousStart });
    prepared(sqlite, `INSERT OR REPLACE INTO health_slides (cadence, day) VALUES (?, ?)`).run(cadence, today);
    // a clock set back before the slide is finished then makes the next refresh rebuild every row
    // (computed_at > now), rather than find a cadence slid past its today
    prepared(sqlite, `UPDATE health_meta SET computed_at = max(computed_at, ?)`).run(now);
    slid++;
  }
  forgetSlides(sqlite);
  return true;
}

/** a slide finished, or made moot by a rebuild of every row: no cadence is half way */
const forgetSlides = (sqlite: Database.Database) => prepared(sqlite, `DELETE FROM health_slides`).run();

/** whether some row's results are older than today (a day's slide not yet finished) */
function resultsPending(sqlite: Database.Database, todayDay: number): boolean {
  return prepared(sqlite, `SELECT 1 FROM contact_health WHERE results_through < ? LIMIT 1`).get(todayDay) !== undefined;
}

/**
 * Time alone changes some results (recency decays, dormancy begins): those rows are known by
 * results_through, and their facts are in the row. Up to `limit` of them (-1: all) recomputed in
 * memory; how many were.
 */
function recomputeResults(sqlite: Database.Database, todayDay: number, limit = -1): number {
  const rows = prepared(
    sqlite,
    `SELECT contact_id, cadence, last_at, win_weight, win_count, prev_weight, sample_count, sample_outbound, rated_count, rating_sum,
            last_day, created_day, snoozed_day, tolerance FROM contact_health WHERE results_through < ? LIMIT ?`,
  ).all(todayDay, limit) as FactColumns[];
  // next_day and latest_day do not depend on the day: they are left alone (and so are its indexes)
  const update = prepared(sqlite, `UPDATE contact_health SET score = ?, band = ?, flags = ?, flag_count = ?, results_through = ? WHERE contact_id = ?`);
  for (const r of rows) {
    const [score, band, , , flags, flagCount, through] = results(r.cadence, storedFacts(r), storedDays(r, todayDay));
    update.run(score, band, flags, flagCount, through, r.contact_id);
  }
  return rows.length;
}

/** the columns a row's facts and local days are kept in */
type FactColumns = Pick<
  ContactHealthTable,
  'contact_id' | 'cadence' | 'last_at' | 'win_weight' | 'win_count' | 'prev_weight' | 'sample_count' | 'sample_outbound' | 'rated_count' | 'rating_sum' | 'last_day' | 'created_day' | 'snoozed_day' | 'tolerance'
>;

function storedFacts(r: FactColumns): HealthFacts {
  return {
    lastAt: r.last_at,
    windowWeightTenths: r.win_weight,
    windowCount: r.win_count,
    previousWeightTenths: r.prev_weight,
    sampleCount: r.sample_count,
    sampleOutbound: r.sample_outbound,
    ratedCount: r.rated_count,
    ratingSum: r.rating_sum,
  };
}

function storedDays(r: FactColumns, todayDay: number): HealthDays {
  return { todayDay, lastDay: r.last_day, createdDay: r.created_day, snoozedDay: r.snoozed_day, toleranceDays: r.tolerance };
}

/**
 * Brings contact_health up to date for `now` in `timeZone` (see the top of this file). Every read of
 * the table calls it first; when nothing changed it costs three small indexed queries.
 */
export function refreshHealth(sqlite: Database.Database, now: number, timeZone: string): void {
  // a file opened read-only shows the health it stored last (the banner says it is read-only)
  if (sqlite.readonly) return;
  const today = localEpochDay(now, timeZone);
  const meta = readMeta(sqlite);
  const sameZone = slidable(meta, timeZone, now, today);
  const stale = () => staleContacts(sqlite, now);
  if (sameZone && meta.day === today) {
    const ids = stale();
    // results left older than today by a sliced day change that has not finished (refreshHealthInSlices)
    const pending = resultsPending(sqlite, today);
    if (ids.length === 0 && !pending) return;
    writing(sqlite, () => {
      if (pending) recomputeResults(sqlite, today);
      if (ids.length) recompute(sqlite, now, timeZone, ids);
    });
    return;
  }
  writing(sqlite, () => {
    if (sameZone) {
      const ids = stale();
      slideWindows(sqlite, meta.day, now, timeZone);
      recomputeResults(sqlite, today);
      recompute(sqlite, now, timeZone, ids);
    } else {
      // every row anew (the first open after an import, another zone): into the bare table, its
      // indexes built once at the end, instead of a dozen B-trees updated per row
      const moved = abandonBuild(sqlite);
      const indexes = [...dropSecondaryIndexes(sqlite, ['contact_health']), ...moved];
      sqlite.exec(`DELETE FROM contact_health; DELETE FROM health_dirty;`);
      forgetSlides(sqlite);
      storeFromInteractions(sqlite, now, timeZone, null);
      restoreIndexes(sqlite, indexes);
    }
    writeMeta(sqlite, timeZone, today, now);
  });
}

/** per connection, how many write transactions this file ran on contact_health */
const healthWrites = new WeakMap<Database.Database, number>();

/** `work` in an immediate transaction, counted as a write to the table (healthVersion) */
function writing<T>(sqlite: Database.Database, work: () => T): T {
  try {
    return sqlite.transaction(work).immediate();
  } finally {
    healthWrites.set(sqlite, (healthWrites.get(sqlite) ?? 0) + 1);
  }
}

/**
 * A token that changes whenever contact_health may have changed, read after the refresh every reader
 * runs first: this connection wrote it (every write to it is made here), a contact was deleted (its
 * row goes by ON DELETE CASCADE, and one with nothing logged marks nothing out of date: the
 * trigger-kept count of active contacts moves), or another connection committed to the file.
 * Answers counted over the table are kept by it (db/countCache.ts) rather than by every write: a
 * search-index slice, a note or a reminder written leave the dashboard's totals as they were.
 */
export function healthVersion(sqlite: Database.Database): string {
  const other = prepared(sqlite, 'PRAGMA data_version').pluck().get() as number;
  const active = prepared(sqlite, 'SELECT total(n) FROM contact_counts WHERE archived = 0').pluck().get() as number;
  return `${other}:${healthWrites.get(sqlite) ?? 0}:${active}`;
}

type HealthMeta = { zone: string; day: number; computed_at: number };
/**
 * whether the stored rows can be brought to `today` by sliding (same zone, not computed in the
 * future, not a later day); else every row is computed anew
 */
const slidable = (meta: HealthMeta | undefined, timeZone: string, now: number, today: number): meta is HealthMeta =>
  meta !== undefined && meta.zone === timeZone && meta.computed_at <= now && meta.day <= today;
const readMeta = (sqlite: Database.Database) => prepared(sqlite, `SELECT zone, day, computed_at FROM health_meta WHERE id = 1`).get() as HealthMeta | undefined;
const writeMeta = (sqlite: Database.Database, zone: string, day: number, now: number) =>
  prepared(sqlite, `INSERT OR REPLACE INTO health_meta (id, zone, day, computed_at) VALUES (1, ?, ?, ?)`).run(zone, day, now);

/** whether the table is as refreshHealth would leave it: nothing to do */
function upToDate(sqlite: Database.Database, now: number, today: number, timeZone: string): boolean {
  const meta = readMeta(sqlite);
  const sameDay = slidable(meta, timeZone, now, today) && meta.day === today;
  return sameDay && staleContacts(sqlite, now).length === 0 && !resultsPending(sqlite, today);
}

/**
 * What refreshHealth has left to do at `now`: about how many rows it will compute (0: nothing, the
 * table is today's), and the local day the stored figures are from (null: none stored yet, as on the
 * first open after an import). A rebuild or a day's slide counts every active contact; the same day,
 * the out-of-date contacts and the rows whose results a slide left behind.
 */
export function healthWorkLeft(sqlite: Database.Database, now: number, timeZone: string): { rows: number; storedDay: string | null } {
  const today = localEpochDay(now, timeZone);
  const meta = readMeta(sqlite);
  const stored = prepared(sqlite, `SELECT 1 FROM contact_health LIMIT 1`).get() !== undefined;
  const storedDay = meta !== undefined && stored ? dateOfEpochDay(meta.day) : null;
  if (sqlite.readonly) return { rows: 0, storedDay };
  const sameDay = slidable(meta, timeZone, now, today) && meta.day === today;
  if (!sameDay) return { rows: countedContacts(sqlite, { archived: false }), storedDay };
  const behind = prepared(sqlite, `SELECT count(*) FROM contact_health WHERE results_through < ?`).pluck().get(today) as number;
  return { rows: staleContacts(sqlite, now).length + behind, storedDay };
}

/**
 * the contacts whose stored row is out of date today: written to since, or whose facts expired; by
 * id, so that a slice's contacts share the table's and the primary key's pages (in expiry order, a
 * slice's ~20 rows were on ~20 pages each, rewritten into the WAL by every slice's commit)
 */
function staleContacts(sqlite: Database.Database, now: number): string[] {
  return [
    ...new Set([
      ...(prepared(sqlite, `SELECT contact_id FROM health_dirty`).pluck().all() as string[]),
      ...(prepared(sqlite, `SELECT contact_id FROM contact_health WHERE valid_until <= ? AND valid_until < ${NEVER}`).pluck().all(now) as string[]),
    ]),
  ].sort();
}


/**
 * refreshHealth in slices (10,000 rows after an import, or everyone on a new day or in a new zone,
 * took seconds in one transaction): each slice its own short transaction of about SLICE_MS,
 * awaiting `between` after each so other calls answer meanwhile (they read the rows not yet
 * recomputed as they were; the readers of many rows wait for the end, electron/services/health.ts
 * settleHealth). Each step leaves the tables in a state refreshHealth finishes from, so an app
 * closed half way loses nothing:
 * - another zone, first use, the clock set back: every row computed anew into a bare table beside
 *   it, a range of contact ids a slice, its indexes built one a slice, then swapped in with the day
 *   and zone stored (see BUILD below); what is written meanwhile is marked out of date as usual;
 * - a later day: the windows slide one cadence a slice (only interactions that crossed an edge are
 *   read), each remembered in health_slides, the day stored with the last; then the results left
 *   older than today, a slice at a time;
 * - the same day: the out-of-date contacts, a slice at a time.
 */
export async function refreshHealthInSlices(sqlite: Database.Database, now: number, timeZone: string, between: () => Promise<void>): Promise<void> {
  if (sqlite.readonly) return;
  const today = localEpochDay(now, timeZone);
  let size = 16; // contacts per slice, adjusted to the time a slice took
  const timed = <T>(work: () => T) => {
    const started = performance.now();
    const done = writing(sqlite, work);
    const took = performance.now() - started;
    size = Math.max(1, Math.min(size * 4, 4096, Math.round((size * SLICE_MS) / Math.max(took, 1) / 1.25)));
    return done;
  };
  // up to date (every call of the dashboard but the day's first): answered without a turn of the
  // event loop, which would time whatever background slice was waiting into this caller's answer
  if (upToDate(sqlite, now, today, timeZone)) return;
  for (;;) {
    await between();
    if (!sqlite.open) return; // the app closed meanwhile
    const meta = readMeta(sqlite);
    const sameZone = slidable(meta, timeZone, now, today);
    if (!sameZone) {
      try {
        if (!(await rebuildBeside(sqlite, now, timeZone, today, timed, () => size, between))) return;
      } catch (err) {
        // another Kith on the same file (the web host beside the app) started, finished or abandoned
        // the build table meanwhile: the one pass, in one transaction the other process waits for
        if (!buildRaced(err)) throw err;
        refreshHealth(sqlite, now, timeZone);
      }
      continue;
    }
    if (meta.day < today) {
      // one cadence a slice (on huge the whole slide was one transaction of ~1 s with its commit)
      writing(sqlite, () => {
        if (slideWindows(sqlite, meta.day, now, timeZone, 1)) writeMeta(sqlite, timeZone, today, now);
      });
      continue;
    }
    const ids = staleContacts(sqlite, now);
    if (ids.length === 0 && !resultsPending(sqlite, today)) return;
    // through the list once; what was written meanwhile is found by the next round
    for (let at = 0; at < ids.length; ) {
      const chunk = ids.slice(at, at + size);
      timed(() => (recompute(sqlite, now, timeZone, chunk), chunk.length));
      at += chunk.length;
      await between();
      if (!sqlite.open) return;
    }
    while (timed(() => recomputeResults(sqlite, today, size)) > 0) {
      await between();
      if (!sqlite.open) return;
    }
  }
}

/** the sliced full rebuild (see BUILD below); false when the app closed meanwhile */
async function rebuildBeside(sqlite: Database.Database, now: number, timeZone: string, today: number, timed: <T>(work: () => T) => T, size: () => number, between: () => Promise<void>): Promise<boolean> {
  // every row anew beside the table, which readers meanwhile see as it was
  writing(sqlite, () => startBuild(sqlite));
  for (let after: string | null = ''; after !== null; ) {
    await between();
    if (!sqlite.open) return false;
    const from: string = after;
    // checked in the slice's own transaction: refreshHealth (or another process) may have rebuilt the table meanwhile
    const next = timed(() => (buildExists(sqlite) ? buildRange(sqlite, now, timeZone, from, size()) : false));
    if (next === false) break;
    after = next;
  }
  for (;;) {
    await between();
    if (!sqlite.open) return false;
    // one index a slice: taken off the old table, built on the new one by one sort
    if (!writing(sqlite, () => buildExists(sqlite) && moveIndex(sqlite))) break;
  }
  await between();
  if (!sqlite.open) return false;
  writing(sqlite, () => {
    if (buildExists(sqlite)) swapInBuild(sqlite), writeMeta(sqlite, timeZone, today, now);
  });
  return true;
}

/** an error of a build another connection to the file dropped, swapped in or started again meanwhile */
const buildRaced = (err: unknown) =>
  err instanceof Error && ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || new RegExp(BUILD).test(err.message));

// The sliced full rebuild fills a bare copy of contact_health (the same CREATE text under this name)
// a range of contact ids at a time, moves the indexes over one a slice (moveIndex), then drops the old table and
// renames the new one in one short transaction: computed by id in small chunks, straight into the
// indexed table, the same rows cost 5.6 times the one pass on huge (docs/benchmarks.md). Until the
// swap, health_meta still asks for a full rebuild, so an app closed half way starts it again.
const BUILD = 'contact_health_build';
/** the CREATE text of a table or index, about `table` instead */
const retarget = (sqlText: string, table: string) =>
  sqlText.replace(/^(CREATE TABLE )"?contact_health(?:_build)?"?/, `$1${table}`).replace(/ ON "?contact_health(?:_build)?"?\s*\(/, ` ON ${table}(`);

const buildExists = (sqlite: Database.Database) => prepared(sqlite, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${BUILD}'`).get() !== undefined;

/**
 * drops what an unfinished build left; returns the CREATE statements (about contact_health) of the
 * indexes it had already moved to its table, which the caller puts back
 */
function abandonBuild(sqlite: Database.Database): string[] {
  if (!buildExists(sqlite)) return [];
  const moved = prepared(sqlite, `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '${BUILD}' AND sql IS NOT NULL ORDER BY rowid`).pluck().all() as string[];
  sqlite.exec(`DROP TABLE ${BUILD}`);
  return moved.map((m) => retarget(m, 'contact_health'));
}

/** a new, empty build table, bare; what was marked out of date is all computed into it */
function startBuild(sqlite: Database.Database) {
  restoreIndexes(sqlite, abandonBuild(sqlite));
  const create = prepared(sqlite, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'contact_health'`).pluck().get() as string;
  sqlite.exec(retarget(create, BUILD));
  sqlite.exec(`DELETE FROM health_dirty`);
}

/** the rows of up to `n` contacts after `after` (by id) into the build table; the last id done, or null when none was left */
function buildRange(sqlite: Database.Database, now: number, timeZone: string, after: string, n: number): string | null {
  const last = prepared(sqlite, `SELECT max(id) FROM (SELECT id FROM contacts WHERE id > ? ORDER BY id LIMIT ?)`).pluck().get(after, n) as string | null;
  if (last === null) return null;
  storeFromInteractions(sqlite, now, timeZone, { after, last }, BUILD);
  return last;
}

/**
 * one of contact_health's indexes dropped and built on the build table under its own name (an index
 * name is the file's); false when none is left. One sort over every row: 10–30 ms at 10,000
 * contacts, but 10–200 ms CPU at 100,000 — filled with its indexes in place, the same table cost
 * three times the CPU (each slice's commit rewrites the index pages it touched into the WAL, and
 * every 40 MB of it a checkpoint makes a slice of 100 ms or more anyway).
 */
function moveIndex(sqlite: Database.Database): boolean {
  const index = prepared(sqlite, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact_health' AND sql IS NOT NULL ORDER BY rowid LIMIT 1`).get() as { name: string; sql: string } | undefined;
  if (!index) return false;
  sqlite.exec(`DROP INDEX "${index.name}"`);
  sqlite.exec(retarget(index.sql, BUILD));
  return true;
}

/** the old table gone, the build table in its place (the rename keeps its indexes and their names) */
function swapInBuild(sqlite: Database.Database) {
  sqlite.exec(`DROP TABLE contact_health; ALTER TABLE ${BUILD} RENAME TO contact_health;`);
  forgetSlides(sqlite);
}

/** these contacts' rows computed again from their interactions (archived or deleted ones: removed) */
function recompute(sqlite: Database.Database, now: number, timeZone: string, ids: string[]) {
  const json = JSON.stringify(ids);
  prepared(sqlite, `DELETE FROM contact_health WHERE contact_id IN (SELECT value FROM json_each(?))`).run(json);
  storeFromInteractions(sqlite, now, timeZone, ids);
  prepared(sqlite, `DELETE FROM health_dirty WHERE contact_id IN (SELECT value FROM json_each(?))`).run(json);
  prepared(sqlite, `UPDATE health_meta SET computed_at = max(computed_at, ?)`).run(now);
}

/** a stored row, with the contact's name, as the engine's full answer (reasons included) */
const ROW_COLUMNS = `h.contact_id, c.display_name, h.name_key, h.next_day, h.circle_id, h.importance, h.created_at, h.snoozed_until, h.cadence,
  h.last_at, h.win_weight, h.win_count, h.prev_weight, h.sample_count, h.sample_outbound, h.rated_count, h.rating_sum,
  h.last_day, h.created_day, h.snoozed_day, h.tolerance, h.latest_day`;

/** what ROW_COLUMNS reads: the table's row (db/schema.ts) with the contact's name */
type StoredRow = Omit<ContactHealthTable, 'valid_until' | 'score' | 'band' | 'flags' | 'flag_count' | 'results_through'> & { display_name: string };

function rowOf(r: StoredRow, todayDay: number, explain: boolean): ContactHealthRow {
  return {
    id: r.contact_id,
    displayName: r.display_name,
    circleId: r.circle_id,
    importance: r.importance,
    createdAt: r.created_at,
    snoozedUntil: r.snoozed_until,
    health: healthFromCore(r.cadence, storedFacts(r), { windowDays: windowDaysFor(r.cadence) }, storedDays(r, todayDay), explain),
  };
}

/** Every active contact's health, from the table (refreshed first). */
export function allContactsHealth(sqlite: Database.Database, now: number, timeZone: string, options: { explain?: boolean } = {}): ContactHealthRow[] {
  refreshHealth(sqlite, now, timeZone);
  const todayDay = localEpochDay(now, timeZone);
  const rows = prepared(sqlite, `SELECT ${ROW_COLUMNS} FROM contact_health h JOIN contacts c ON c.id = h.contact_id`).all() as StoredRow[];
  return rows.map((r) => rowOf(r, todayDay, options.explain ?? true));
}

export interface HealthTotals {
  contactCount: number;
  trackedCount: number;
  bands: Record<HealthBand, number>;
  overdue: number;
  attention: number;
  /** how many contacts show each warning sign: the one count of "dormant" every figure uses */
  flagged: Record<HealthFlag, number>;
}

/** counts over the table as of today (refreshHealth first) */
export function healthTotals(sqlite: Database.Database, todayDay: number): HealthTotals {
  // narrow indexed counts: cheaper than one pass that tests every row
  const totals: HealthTotals = {
    contactCount: 0,
    trackedCount: 0,
    bands: emptyBands(),
    // overdue only past the latest interval (cadence.ts latestCheckInDay)
    overdue: prepared(sqlite, `SELECT count(*) FROM contact_health WHERE latest_day <= ?`).pluck().get(todayDay) as number,
    attention: 0,
    flagged: { cooling: 0, 'one-sided': 0, dormant: 0 },
  };
  // the rows with a warning sign, once: how many, and how many show each sign
  const flagged = prepared(
    sqlite,
    `SELECT count(*), total(flags & ${FLAG_BIT.cooling} > 0), total(flags & ${FLAG_BIT['one-sided']} > 0), total(flags & ${FLAG_BIT.dormant} > 0) FROM contact_health WHERE flag_count > 0`,
  )
    .raw()
    .get() as [number, number, number, number];
  [totals.attention, totals.flagged.cooling, totals.flagged['one-sided'], totals.flagged.dormant] = flagged;
  for (const { band, n } of prepared(sqlite, `SELECT band, count(*) AS n FROM contact_health GROUP BY band`).all() as Array<{ band: HealthBand | null; n: number }>) {
    totals.contactCount += n;
    if (band === null) continue;
    totals.trackedCount += n;
    totals.bands[band] = n;
  }
  return totals;
}

/**
 * The first `limit` rows of one of the dashboard's lists, in its order, ties by name:
 * - overdue: past the latest interval; days past it weighted by importance, then days past it;
 * - attention: most warning signs, then the lowest score;
 * - checkins: check-ins due in the next `days` days, the soonest first, and those due already but
 *   not overdue yet (within their tolerance).
 */
export function healthList(sqlite: Database.Database, list: 'overdue' | 'attention' | 'checkins', todayDay: number, limit: number, days = 0): ContactHealthRow[] {
  const select = `SELECT ${ROW_COLUMNS} FROM contact_health h JOIN contacts c ON c.id = h.contact_id`;
  // the priority is monotonic in latest_day within one importance: the top of each, merged
  const ofImportance = (importance: Importance) => `SELECT * FROM (${select} WHERE h.importance = '${importance}' AND h.latest_day <= :today ORDER BY h.latest_day, h.name_key, h.contact_id LIMIT :limit)`;
  const sql = {
    overdue: `SELECT * FROM (${Object.keys(IMPORTANCE_WEIGHT).map((i) => ofImportance(i as Importance)).join(' UNION ALL ')}) h
      ORDER BY (:today - h.latest_day) * ${IMPORTANCE_WEIGHT_SQL} DESC, h.latest_day, h.name_key, h.contact_id LIMIT :limit`,
    attention: `${select} WHERE h.flag_count > 0 ORDER BY h.flag_count DESC, h.score, h.name_key, h.contact_id LIMIT :limit`,
    // the due-within-tolerance ones come from the few rows with a tolerance (partial index)
    checkins: `SELECT * FROM (
        SELECT * FROM (${select} WHERE h.next_day > :today AND h.next_day <= :today + :days ORDER BY h.next_day, h.name_key, h.contact_id LIMIT :limit)
        UNION ALL
        SELECT * FROM (${select} WHERE h.tolerance > 0 AND h.next_day <= :today AND h.latest_day > :today ORDER BY h.next_day, h.name_key, h.contact_id LIMIT :limit)
      ) h ORDER BY h.next_day, h.name_key, h.contact_id LIMIT :limit`,
  }[list];
  const rows = prepared(sqlite, sql).all(list === 'attention' ? { limit } : list === 'overdue' ? { today: todayDay, limit } : { today: todayDay, days, limit }) as StoredRow[];
  return rows.map((r) => rowOf(r, todayDay, false));
}

/** per circle (null: none), how many contacts are in each band and how many have no score */
export function healthByCircle(sqlite: Database.Database): Array<{ circleId: string | null; band: string | null; n: number }> {
  return prepared(sqlite, `SELECT circle_id AS circleId, band, count(*) AS n FROM contact_health GROUP BY circle_id, band`).all() as Array<{ circleId: string | null; band: string | null; n: number }>;
}

/** one contact's interactions as the engine reads them, from the same covering index */
export function contactHealthInteractions(sqlite: Database.Database, contactId: string) {
  return prepared(sqlite, `SELECT interaction_id AS id, occurred_at AS occurredAt, kind, direction, rating FROM interaction_participants WHERE contact_id = ? ORDER BY occurred_at DESC`).all(contactId) as Array<{
    id: string;
    occurredAt: number;
    kind: never;
    direction: never;
    rating: number | null;
  }>;
}

