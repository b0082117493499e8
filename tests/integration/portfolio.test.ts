// The portfolio on real SQLite files: the fast queries of electron/services/portfolio.ts (which read
// what migrations 0007 and 0031's triggers keep: first interaction, gaps between interactions, a
// covering index) give exactly the answers of the simple queries they replaced, kept here as the
// reference, on random data and after every kind of write (log, edit, delete, cadence, circle, tag
// and tolerance changes, archive, restore, permanent delete, import, JSON restore, the migration's
// own backfill). A contact's dormancy window comes from the one rhythm rule (shared/domain/cadence.ts).
import { fc } from '@fast-check/vitest';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { GAP_CADENCES } from '../../db/migrations/0007_portfolio';
import { refreshHealth } from '../../db/queries/health';
import { effectiveRhythm } from '../../shared/domain/cadence';
import { averageDurationDays, clientValue, interactionsPerWeek, monthsBack, retention } from '../../electron/services/portfolio';
import { clientConcentration } from '../../shared/domain/dashboard';
import { DORMANT_CADENCES } from '../../shared/domain/health';
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import { fixedClock, startTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';

const DAY = 86_400_000;

// ---- the reference: the portfolio queries as they were before migration 0007, verbatim (the dates
// of the points, monthsBack, are shared) -----------------------------------------------------------

function referenceRetention(sqlite: Database.Database, now: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  const points: Array<{ date: string; at: number }> = [];
  for (let k = 12; k >= 0; k--) {
    const date = monthsBack(today, k);
    points.push({ date, at: k === 0 ? now : startOfLocalDay(addDaysToDate(date, 1), timeZone) - 1 });
  }
  const aliveAt = (at: string) => `(k.created_at > ${at} - k.w OR EXISTS (
      SELECT 1 FROM interaction_participants p WHERE p.contact_id = k.id AND p.occurred_at <= ${at} AND p.occurred_at > ${at} - k.w))`;
  // each contact's rhythm by the rule in plain code (shared/domain/cadence.ts), its window as health's dormant flag has it
  const rhythms = JSON.stringify(rhythmsFromScratch(sqlite).map((r) => [r.id, r.cadence, r.w]));
  const tracked = `k AS (SELECT c.id, c.created_at, r.value ->> 1 AS cadence, r.value ->> 2 AS w
      FROM contacts c JOIN json_each('${rhythms}') r ON r.value ->> 0 = c.id WHERE c.archived_at IS NULL)`;
  const series = sqlite
    .prepare(
      `WITH pts(i, at) AS (SELECT key, value FROM json_each(?)), ${tracked}
       SELECT pts.i AS i, count(*) AS existing, total(${aliveAt('pts.at')}) AS alive
       FROM pts JOIN k ON k.created_at <= pts.at AND k.cadence > 0 GROUP BY pts.i`,
    )
    .all(JSON.stringify(points.map((p) => p.at))) as Array<{ i: number; existing: number; alive: number }>;
  const byIndex = new Map(series.map((s) => [s.i, s]));
  const yearAgo = points[0]!.at;
  const pair = sqlite
    .prepare(
      `WITH ${tracked}, t AS (SELECT ${aliveAt(':then')} AS then_alive, ${aliveAt(':now')} AS now_alive FROM k WHERE k.cadence > 0 AND k.created_at <= :then)
       SELECT total(then_alive) AS alive_then, total(then_alive AND now_alive) AS kept FROM t`,
    )
    .get({ then: yearAgo, now }) as { alive_then: number; kept: number };
  return {
    points: points.map((p, i) => {
      const s = byIndex.get(i);
      return { date: p.date, alive: s?.alive ?? 0, dormant: s ? s.existing - s.alive : 0 };
    }),
    aliveYearAgo: pair.alive_then,
    kept: pair.kept,
    churned: pair.alive_then - pair.kept,
  };
}

function referenceAverageDurationDays(sqlite: Database.Database, now: number): number | null {
  const avg = sqlite
    .prepare(
      `SELECT avg(:now - min(c.created_at, coalesce((SELECT min(p.occurred_at) FROM interaction_participants p WHERE p.contact_id = c.id), c.created_at)))
       FROM contacts c WHERE c.archived_at IS NULL`,
    )
    .pluck()
    .get({ now }) as number | null;
  return avg === null ? null : Math.max(0, Math.round(avg / DAY));
}

function referenceInteractionsPerWeek(sqlite: Database.Database, now: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  const weeks = Array.from({ length: 26 }, (_, i) => {
    const k = 26 - 1 - i;
    const end = addDaysToDate(today, -7 * k);
    return { weekEnding: end, from: startOfLocalDay(addDaysToDate(end, -6), timeZone), to: k === 0 ? now + 1 : startOfLocalDay(addDaysToDate(end, 1), timeZone) };
  });
  const counts = sqlite
    .prepare(`SELECT b.key AS i, (SELECT count(*) FROM interactions x WHERE x.occurred_at >= b.value ->> 0 AND x.occurred_at < b.value ->> 1) AS n FROM json_each(?) b`)
    .all(JSON.stringify(weeks.map((w) => [w.from, w.to]))) as Array<{ i: number; n: number }>;
  return weeks.map((w, i) => ({ weekEnding: w.weekEnding, count: counts[i]?.n ?? 0 }));
}

function referenceClientValue(sqlite: Database.Database, now: number, timeZone: string) {
  const since = addDaysToDate(localDateOf(now, timeZone), -365);
  // archived clients keep their income; outstanding counts every unpaid invoice, however old
  const rows = sqlite
    .prepare(
      `SELECT v.contact_id AS contactId, c.display_name AS displayName, v.currency,
              total(CASE WHEN v.occurred_on > ? THEN v.amount_minor END) AS amountMinor,
              total(CASE WHEN v.kind = 'paid' AND v.occurred_on > ? THEN v.amount_minor END) AS paidMinor,
              total(CASE WHEN v.kind = 'invoiced' THEN v.amount_minor END) AS outstandingMinor,
              c.archived_at IS NOT NULL AS archived
       FROM value_entries v JOIN contacts c ON c.id = v.contact_id
       GROUP BY v.contact_id, v.currency`,
    )
    .all(since, since) as Array<{ contactId: string; displayName: string; currency: string; amountMinor: number; paidMinor: number; outstandingMinor: number; archived: number }>;
  return clientConcentration(rows.filter((r) => r.amountMinor > 0 || r.outstandingMinor > 0).map((r) => ({ ...r, archived: r.archived === 1 })));
}

// ---- checks --------------------------------------------------------------------------------------

function portfolioOf(sqlite: Database.Database, now: number, zone: string) {
  const ctx = { sqlite };
  refreshHealth(sqlite, now, zone); // retention reads each contact's rhythm from the health table
  return { retention: retention(ctx, now, zone), averageDurationDays: averageDurationDays(ctx, now), weekly: interactionsPerWeek(ctx, now, zone), clients: clientValue(ctx, now, zone) };
}

function referencePortfolioOf(sqlite: Database.Database, now: number, zone: string) {
  return {
    retention: referenceRetention(sqlite, now, zone),
    averageDurationDays: referenceAverageDurationDays(sqlite, now),
    weekly: referenceInteractionsPerWeek(sqlite, now, zone),
    clients: referenceClientValue(sqlite, now, zone),
  };
}

/** every contact's rhythm by the one rule in plain code, with its dormancy window in ms (3 cadences plus the tolerance) */
function rhythmsFromScratch(sqlite: Database.Database) {
  const rows = sqlite
    .prepare(
      `SELECT c.id, c.created_at AS created, c.archived_at AS archived, c.cadence_days AS own, c.cadence_latest_days AS ownLatest,
              ci.default_cadence_days AS circle, ci.default_cadence_latest_days AS circleLatest
       FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id ORDER BY c.id`,
    )
    .all() as Array<{ id: string; created: number; archived: number | null; own: number | null; ownLatest: number | null; circle: number | null; circleLatest: number | null }>;
  const tags = sqlite
    .prepare(`SELECT ct.contact_id AS id, t.cadence_days AS days, t.cadence_latest_days AS latestDays FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.cadence_days IS NOT NULL`)
    .all() as Array<{ id: string; days: number; latestDays: number | null }>;
  return rows.map((r) => {
    const rhythm = effectiveRhythm(
      r.own === null ? null : { days: r.own, latestDays: r.ownLatest },
      tags.filter((t) => t.id === r.id),
      r.circle === null ? null : { days: r.circle, latestDays: r.circleLatest },
    );
    const w = rhythm.days === 0 ? 0 : (GAP_CADENCES * rhythm.days + rhythm.latestDays - rhythm.days) * DAY;
    return { id: r.id, created: r.created, archived: r.archived, cadence: rhythm.days, w };
  });
}

/** what the triggers should hold, computed from scratch in plain code */
function derivedFromScratch(sqlite: Database.Database) {
  const contacts = rhythmsFromScratch(sqlite);
  const times = new Map<string, number[]>();
  for (const r of sqlite.prepare(`SELECT contact_id AS id, occurred_at AS at FROM interaction_participants`).all() as Array<{ id: string; at: number }>) {
    if (!times.has(r.id)) times.set(r.id, []);
    times.get(r.id)!.push(r.at);
  }
  const firstLast: Array<[string, number | null, number | null]> = [];
  const gaps: Array<[string, number, number, number]> = [];
  for (const c of contacts) {
    const ts = [...new Set(times.get(c.id) ?? [])].sort((a, b) => a - b);
    firstLast.push([c.id, ts[0] ?? null, ts.at(-1) ?? null]);
    const w = c.w;
    if (c.archived !== null || w <= 0) continue;
    for (let i = 1; i < ts.length; i++) if (ts[i]! - ts[i - 1]! > w) gaps.push([c.id, ts[i - 1]!, ts[i]!, Math.max(ts[i - 1]!, c.created) + w]);
  }
  return { firstLast, gaps };
}

function derivedStored(sqlite: Database.Database) {
  return {
    firstLast: sqlite.prepare(`SELECT id, first_interaction_at, last_interaction_at FROM contacts ORDER BY id`).raw().all(),
    gaps: sqlite.prepare(`SELECT contact_id, after_at, before_at, dormant_from FROM interaction_gaps ORDER BY contact_id, after_at`).raw().all(),
  };
}

function expectConsistent(sqlite: Database.Database, now: number, zones = ['UTC', 'Europe/Berlin']) {
  expect(derivedStored(sqlite)).toEqual(derivedFromScratch(sqlite));
  for (const zone of zones) expect(portfolioOf(sqlite, now, zone)).toEqual(referencePortfolioOf(sqlite, now, zone));
}

// ---- random worlds -------------------------------------------------------------------------------

const NOW = Date.parse('2026-06-01T12:00:00Z');
/** the last millisecond of a UTC day: where the monthly points fall in UTC */
const DAY_END = Date.parse('2026-06-01T00:00:00Z') - 1;
const CIRCLE_IDS = ['circle-family', 'circle-friends', 'circle-colleagues', 'circle-clients'];
const contactArb = fc.record({
  // own cadence: none (the circle's), 0 (never counted), short ones (many gaps) and long ones
  own: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 200 })), { nil: null, freq: 2 }),
  circle: fc.option(fc.constantFrom(...CIRCLE_IDS), { nil: null, freq: 4 }),
  // some added after "now" (an imported file from a clock ahead), most before
  createdAgo: fc.oneof(fc.integer({ min: -20 * DAY, max: 900 * DAY }), fc.integer({ min: -20, max: 900 }).map((d) => d * DAY)),
  archived: fc.boolean(),
  // a latest interval on top of the own cadence ("at worst every …"), and the tags carried
  ownExtra: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  tags: fc.subarray(['tag-a', 'tag-b']),
});
/** a tag's or circle's rhythm: none, or days with maybe a tolerance on top */
const rhythmArb = fc.option(fc.record({ days: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 })), extra: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }), { nil: null });
const latestOf = (days: number | null, extra: number | null) => (days === null || days === 0 || extra === null ? null : days + extra);
const interactionArb = (contacts: number) =>
  fc.record({
    // coarse times so that ties happen; some after now (logged with a clock ahead, or imported);
    // some a whole number of days before a point (the last instant of a UTC day, or noon like now),
    // so that windows end exactly on points
    at: fc.oneof(
      fc.integer({ min: -800, max: 10 }).map((d) => NOW + d * DAY - (d % 3) * 3600_000),
      fc.integer({ min: -800, max: 10 }).map((d) => DAY_END + d * DAY),
    ),
    who: fc.uniqueArray(fc.integer({ min: 0, max: contacts - 1 }), { minLength: 1, maxLength: 3 }),
  });
const valueArb = (contacts: number) =>
  fc.record({
    who: fc.integer({ min: 0, max: contacts - 1 }),
    daysAgo: fc.integer({ min: -5, max: 400 }),
    amount: fc.integer({ min: -5000, max: 500_000 }),
    currency: fc.constantFrom('EUR', 'EUR', 'GBP', 'USD'),
    kind: fc.constantFrom('invoiced' as const, 'paid' as const),
  });
const worldArb = fc.integer({ min: 1, max: 10 }).chain((count) =>
  fc.record({
    contacts: fc.array(contactArb, { minLength: count, maxLength: count }),
    interactions: fc.array(interactionArb(count), { maxLength: 100 }),
    values: fc.array(valueArb(count), { maxLength: 20 }),
    circleCadences: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 })), { minLength: 4, maxLength: 4 }),
    circleExtras: fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), { minLength: 4, maxLength: 4 }),
    tagRhythms: fc.array(rhythmArb, { minLength: 2, maxLength: 2 }),
    zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Auckland'),
    nowShift: fc.oneof(fc.integer({ min: -60 * DAY, max: 30 * DAY }), fc.integer({ min: -60, max: 30 }).map((d) => d * DAY)),
  }),
);
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function fill(db: Database.Database, w: World) {
  db.exec(`DELETE FROM value_entries; DELETE FROM interactions; DELETE FROM contacts; DELETE FROM tags WHERE id IN ('tag-a', 'tag-b');`);
  const insertContact = db.prepare(`INSERT INTO contacts (id, display_name, circle_id, cadence_days, cadence_latest_days, created_at, updated_at, archived_at) VALUES (?,?,?,?,?,?,?,?)`);
  const insertTag = db.prepare(`INSERT INTO tags (id, name, cadence_days, cadence_latest_days, created_at) VALUES (?,?,?,?,?)`);
  const tagContact = db.prepare(`INSERT INTO contact_tags (contact_id, tag_id) VALUES (?,?)`);
  const insertInteraction = db.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, created_at, updated_at) VALUES (?,?,'call','mutual',?,?)`);
  const insertParticipant = db.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?,?,?,'call','mutual',NULL)`);
  const insertValue = db.prepare(`INSERT INTO value_entries (id, contact_id, occurred_on, amount_minor, currency, kind, created_at) VALUES (?,?,?,?,?,?,?)`);
  db.transaction(() => {
    CIRCLE_IDS.forEach((id, i) =>
      db.prepare(`UPDATE circles SET default_cadence_days = ?, default_cadence_latest_days = ? WHERE id = ?`).run(w.circleCadences[i], latestOf(w.circleCadences[i]!, w.circleExtras[i]!), id),
    );
    ['tag-a', 'tag-b'].forEach((id, i) => insertTag.run(id, id, w.tagRhythms[i]?.days ?? null, latestOf(w.tagRhythms[i]?.days ?? null, w.tagRhythms[i]?.extra ?? null), NOW));
    w.contacts.forEach((c, i) => {
      insertContact.run(`c${i}`, `Person ${i % 4}`, c.circle, c.own, latestOf(c.own, c.ownExtra), NOW - c.createdAgo, NOW, c.archived ? NOW : null);
      for (const t of c.tags) tagContact.run(`c${i}`, t);
    });
    w.interactions.forEach((x, j) => {
      const id = `x${String(j).padStart(3, '0')}`;
      insertInteraction.run(id, x.at, NOW, NOW);
      for (const k of x.who) insertParticipant.run(id, `c${k}`, x.at);
    });
    w.values.forEach((v, j) => insertValue.run(`v${j}`, `c${v.who}`, addDaysToDate(localDateOf(NOW, 'UTC'), -v.daysAgo), v.amount, v.currency, v.kind, NOW));
  })();
}

describe('the portfolio from derived data', () => {
  let kith: TestBackend;
  beforeAll(async () => (kith = await startTestBackend()));
  afterAll(async () => kith.dispose());

  it('is built for the dormancy window the health engine uses', () => {
    expect(GAP_CADENCES).toBe(DORMANT_CADENCES);
  });

  it('gives exactly the reference answers on random contacts, histories and client value', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        fill(kith.sqlite, w);
        expect(derivedStored(kith.sqlite)).toEqual(derivedFromScratch(kith.sqlite));
        const now = NOW + w.nowShift;
        expect(portfolioOf(kith.sqlite, now, w.zone)).toEqual(referencePortfolioOf(kith.sqlite, now, w.zone));
      }),
      { numRuns: 150 },
    );
  });

  it('is exact where a window ends on a point, a millisecond either side, and where a contact was added', () => {
    const db = kith.sqlite;
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kathmandu']) {
      const today = localDateOf(NOW, zone);
      const points = [...Array.from({ length: 12 }, (_, i) => startOfLocalDay(addDaysToDate(monthsBack(today, 12 - i), 1), zone) - 1), NOW];
      db.exec('DELETE FROM value_entries; DELETE FROM interactions; DELETE FROM contacts;');
      db.transaction(() => {
        let n = 0;
        for (const cadence of [1, 10]) {
          const w = cadence * DORMANT_CADENCES * DAY;
          for (const [p, at] of points.entries()) {
            for (const off of [-1, 0, 1]) {
              for (const shape of ['last', 'gap', 'created'] as const) {
                const id = `b${n++}`;
                // last: the latest interaction ends its window at the point; gap: a later one comes
                // after the point; created: added exactly a window before the point, never talked to
                const created = shape === 'created' ? at - w + off : points[0]! - 400 * DAY;
                db.prepare(`INSERT INTO contacts (id, display_name, cadence_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(id, id, cadence, created, NOW);
                const times = shape === 'created' ? [] : [points[0]! - 500 * DAY + p, at - w + off, ...(shape === 'gap' ? [at + 1 + off] : [])];
                times.forEach((t, j) => {
                  db.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, created_at, updated_at) VALUES (?, ?, 'call', 'mutual', ?, ?)`).run(`${id}-${j}`, t, NOW, NOW);
                  db.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction) VALUES (?, ?, ?, 'call', 'mutual')`).run(`${id}-${j}`, id, t);
                });
              }
            }
          }
        }
      })();
      expect(derivedStored(db)).toEqual(derivedFromScratch(db));
      expect(portfolioOf(db, NOW, zone)).toEqual(referencePortfolioOf(db, NOW, zone));
    }
  });

  it('stays exact through any sequence of writes the triggers must follow', () => {
    const db = kith.sqlite;
    const op = fc.oneof(
      fc.record({ t: fc.constant('log' as const), at: fc.integer({ min: -800, max: 10 }), who: fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 3 }) }),
      fc.record({ t: fc.constant('deleteInteraction' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('moveParticipant' as const), pick: fc.nat(), by: fc.integer({ min: -300, max: 300 }) }),
      fc.record({ t: fc.constant('moveInteraction' as const), pick: fc.nat(), by: fc.integer({ min: -300, max: 300 }) }),
      fc.record({ t: fc.constant('reassign' as const), pick: fc.nat(), to: fc.nat(9) }),
      fc.record({ t: fc.constant('cadence' as const), who: fc.nat(9), own: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 2 }) }),
      fc.record({ t: fc.constant('circle' as const), who: fc.nat(9), circle: fc.option(fc.constantFrom(...CIRCLE_IDS, 'circle-extra'), { nil: null }) }),
      // a circle's default: longer, shorter, 0 and back (the triggers take different paths)
      fc.record({ t: fc.constant('circleDefault' as const), circle: fc.constantFrom(...CIRCLE_IDS, 'circle-extra'), days: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ t: fc.constant('circleDefault' as const), circle: fc.constantFrom(...CIRCLE_IDS, 'circle-extra'), days: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ t: fc.constant('deleteCircle' as const) }),
      fc.record({ t: fc.constant('archive' as const), who: fc.nat(9) }),
      fc.record({ t: fc.constant('created' as const), who: fc.nat(9), ago: fc.integer({ min: -10, max: 900 }) }),
      fc.record({ t: fc.constant('deleteContact' as const), who: fc.nat(9) }),
      // rhythms from tags and tolerances (migration 0031)
      fc.record({ t: fc.constant('tagRhythm' as const), tag: fc.constantFrom('tag-a', 'tag-b'), rhythm: rhythmArb }),
      fc.record({ t: fc.constant('tag' as const), who: fc.nat(9), tag: fc.constantFrom('tag-a', 'tag-b') }),
      fc.record({ t: fc.constant('untag' as const), who: fc.nat(9), tag: fc.constantFrom('tag-a', 'tag-b') }),
      fc.record({ t: fc.constant('deleteTag' as const), tag: fc.constantFrom('tag-a', 'tag-b') }),
      fc.record({ t: fc.constant('ownLatest' as const), who: fc.nat(9), extra: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }),
      fc.record({ t: fc.constant('circleLatest' as const), circle: fc.constantFrom(...CIRCLE_IDS), extra: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }),
    );
    fc.assert(
      fc.property(worldArb, fc.array(op, { minLength: 1, maxLength: 30, size: 'large' }), (w, ops) => {
        fill(db, w);
        db.prepare(`INSERT OR IGNORE INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at) VALUES ('circle-extra', 'Extra', '#000000', 10, 9, 1, 1)`).run();
        const contactIds = () => db.prepare(`SELECT id FROM contacts ORDER BY id`).pluck().all() as string[];
        const participants = () => db.prepare(`SELECT interaction_id, contact_id FROM interaction_participants ORDER BY 1, 2`).raw().all() as Array<[string, string]>;
        let n = 0;
        for (const o of ops) {
          const ids = contactIds();
          if (!ids.length) break;
          const who = 'who' in o && typeof o.who === 'number' ? ids[o.who % ids.length]! : ids[0]!;
          const rows = participants();
          const row = 'pick' in o && rows.length ? rows[o.pick % rows.length]! : null;
          switch (o.t) {
            case 'log': {
              const id = `y${n++}`;
              const at = NOW + o.at * DAY;
              db.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, created_at, updated_at) VALUES (?,?,'call','mutual',?,?)`).run(id, at, NOW, NOW);
              for (const k of new Set(o.who.map((i) => ids[i % ids.length]!))) db.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction) VALUES (?,?,?,'call','mutual')`).run(id, k, at);
              break;
            }
            case 'deleteInteraction':
              if (row) db.prepare(`DELETE FROM interactions WHERE id = ?`).run(row[0]);
              break;
            case 'moveParticipant':
              if (row) db.prepare(`UPDATE interaction_participants SET occurred_at = occurred_at + ? WHERE interaction_id = ? AND contact_id = ?`).run(o.by * DAY, row[0], row[1]);
              break;
            case 'moveInteraction':
              if (row) db.prepare(`UPDATE interaction_participants SET occurred_at = occurred_at + ? WHERE interaction_id = ?`).run(o.by * DAY, row[0]);
              break;
            case 'reassign':
              if (row) db.prepare(`UPDATE OR IGNORE interaction_participants SET contact_id = ? WHERE interaction_id = ? AND contact_id = ?`).run(ids[o.to % ids.length], row[0], row[1]);
              break;
            case 'cadence':
              db.prepare(`UPDATE contacts SET cadence_days = :own, cadence_latest_days = CASE WHEN :own > 0 AND cadence_latest_days >= :own THEN cadence_latest_days END WHERE id = :who`).run({ own: o.own, who });
              break;
            case 'circle':
              db.prepare(`UPDATE contacts SET circle_id = :circle WHERE id = :who AND (:circle IS NULL OR EXISTS (SELECT 1 FROM circles WHERE id = :circle))`).run({ circle: o.circle, who });
              break;
            case 'circleDefault':
              db.prepare(`UPDATE circles SET default_cadence_days = :days, default_cadence_latest_days = CASE WHEN :days > 0 AND default_cadence_latest_days >= :days THEN default_cadence_latest_days END WHERE id = :circle`).run({ days: o.days, circle: o.circle });
              break;
            case 'deleteCircle': // its contacts fall back to no circle (ON DELETE SET NULL)
              db.prepare(`DELETE FROM circles WHERE id = 'circle-extra'`).run();
              break;
            case 'archive': // archive, or restore an archived one
              db.prepare(`UPDATE contacts SET archived_at = CASE WHEN archived_at IS NULL THEN ? END WHERE id = ?`).run(NOW, who);
              break;
            case 'created':
              db.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(NOW - o.ago * DAY, who);
              break;
            case 'deleteContact':
              db.prepare(`DELETE FROM contacts WHERE id = ?`).run(who);
              break;
            case 'tagRhythm':
              db.prepare(`UPDATE tags SET cadence_days = ?, cadence_latest_days = ? WHERE id = ?`).run(o.rhythm?.days ?? null, latestOf(o.rhythm?.days ?? null, o.rhythm?.extra ?? null), o.tag);
              break;
            case 'tag':
              db.prepare(`INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE id = ?`).run(who, o.tag);
              break;
            case 'untag':
              db.prepare(`DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = ?`).run(who, o.tag);
              break;
            case 'deleteTag': // its links go with it (ON DELETE CASCADE)
              db.prepare(`DELETE FROM tags WHERE id = ?`).run(o.tag);
              break;
            case 'ownLatest':
              db.prepare(`UPDATE contacts SET cadence_latest_days = CASE WHEN cadence_days > 0 AND ? IS NOT NULL THEN cadence_days + ? END WHERE id = ?`).run(o.extra, o.extra, who);
              break;
            case 'circleLatest':
              db.prepare(`UPDATE circles SET default_cadence_latest_days = CASE WHEN default_cadence_days > 0 AND ? IS NOT NULL THEN default_cadence_days + ? END WHERE id = ?`).run(o.extra, o.extra, o.circle);
              break;
          }
        }
        expect(derivedStored(db)).toEqual(derivedFromScratch(db));
        const now = NOW + w.nowShift;
        expect(portfolioOf(db, now, w.zone)).toEqual(referencePortfolioOf(db, now, w.zone));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the portfolio through the app', () => {
  it('stays exact through logging, editing, archive, restore, permanent delete, circles, import and a JSON restore', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
    const kith = await startTestBackend({ clock });
    let fresh: TestBackend | null = null;
    try {
      const now = () => clock.now().getTime();
      const check = () => expectConsistent(kith.sqlite, now());
      const ann = (await kith.call('contacts.create', { displayName: 'Ann', circleId: 'circle-friends', cadenceDays: 7, methods: [{ kind: 'email', value: 'ann@example.org' }] })).id;
      const ben = (await kith.call('contacts.create', { displayName: 'Ben', circleId: 'circle-clients' })).id;
      const cem = (await kith.call('contacts.create', { displayName: 'Cem', cadenceDays: 0 })).id;
      const dora = (await kith.call('contacts.create', { displayName: 'Dora', circleId: 'circle-family' })).id;
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id IN (?, ?, ?, ?)`).run(now() - 700 * DAY, ann, ben, cem, dora);
      const logged: string[] = [];
      for (const [daysAgo, who] of [[600, [ann, ben]], [500, [ann]], [420, [ben, cem]], [300, [ann, dora]], [200, [ann]], [90, [ben]], [40, [ann, ben, cem]], [3, [dora]]] as const) {
        logged.push((await kith.call('interactions.log', { kind: 'call', participantIds: [...who], occurredAt: now() - daysAgo * DAY })).id);
      }
      await kith.call('value.create', { contactId: ben, occurredOn: '2026-01-10', amountMinor: 120_000, currency: 'EUR', kind: 'invoiced' });
      await kith.call('value.create', { contactId: ann, occurredOn: '2025-12-01', amountMinor: 50_000, currency: 'EUR', kind: 'paid' });
      check();

      await kith.call('interactions.update', { id: logged[3]!, occurredAt: now() - 150 * DAY, participantIds: [dora, cem] });
      check();
      await kith.call('interactions.delete', { id: logged[4]! });
      check();
      await kith.call('contacts.update', { id: ann, cadenceDays: null });
      check();
      await kith.call('contacts.update', { id: ben, circleId: 'circle-family' });
      check();
      const circles = (await kith.call('circles.list', {})) as Array<{ id: string; name: string }>;
      const family = circles.find((c) => c.name === 'Family')!.id;
      for (const days of [5, 40, 0, 20]) {
        await kith.call('circles.update', { id: family, defaultCadenceDays: days }); // shorter, longer, none, back
        check();
      }
      const extra = await kith.call('circles.create', { name: 'Climbing', color: '#30a46c', defaultCadenceDays: 3 });
      await kith.call('contacts.update', { id: dora, circleId: extra.id });
      check();
      await kith.call('circles.delete', { id: extra.id, moveToId: null });
      check();
      await kith.call('contacts.archive', { id: ann });
      check();
      await kith.call('contacts.restore', { id: ann });
      check();

      // a vCard import: one new contact, one merged into Ann by email
      const vcf = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Eve New', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann', 'EMAIL:ann@example.org', 'TEL:+44 20 7946 0001', 'END:VCARD'].join('\r\n');
      const { summary } = await importFile(kith, 'people.vcf', vcf, { defaultAction: 'merge' });
      expect(summary.added + summary.merged).toBeGreaterThan(0);
      check();

      await kith.call('contacts.archive', { id: cem });
      await kith.call('contacts.deletePermanently', { id: cem });
      check();

      // the full JSON export restored into an empty Kith rebuilds every derived row the same way
      const file = await kith.call('transfer.export', { format: 'json' });
      fresh = await startTestBackend({ clock });
      await importFile(fresh, file.fileName, file.content!);
      expectConsistent(fresh.sqlite, now());
      expect(derivedStored(fresh.sqlite)).toEqual(derivedStored(kith.sqlite));
      expect(portfolioOf(fresh.sqlite, now(), 'Europe/Berlin')).toEqual(portfolioOf(kith.sqlite, now(), 'Europe/Berlin'));
      const portfolio = await kith.call('health.portfolio', {});
      // as of the end of today (where the history's rule and the health table's local-day rule meet);
      // today's dormant count is the health table's, the one every figure of the dashboard uses
      const endOfToday = startOfLocalDay(addDaysToDate(localDateOf(now(), 'Europe/Berlin'), 1), 'Europe/Berlin') - 1;
      const { dormantNow, ...history } = portfolio.retention;
      expect(history).toEqual(referenceRetention(kith.sqlite, endOfToday, 'Europe/Berlin'));
      expect(dormantNow).toBe(history.points.at(-1)!.dormant);
      expect(dormantNow).toBe((await kith.call('health.dashboard', {})).flagged.dormant);
    } finally {
      await kith.dispose();
      await fresh?.dispose();
    }
  });
});

// 0007 filled the gaps first; 0031 rebuilds them all for the rhythm rule (tags and tolerances,
// which exist from 0022), so a file from before 0031 is where the history must come out right
describe('migration 0031 on an existing file', () => {
  it('fills first interactions and gaps from the history already there, as the triggers would', async () => {
    const names = Object.keys(migrations).sort();
    const before0031 = Object.fromEntries(names.filter((n) => n < '0031').map((n) => [n, migrations[n]!]));
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const { dir, cleanup } = tempDir();
        const handle = openDatabase(join(dir, 'kith.sqlite'));
        try {
          await migrateToLatest(handle, { migrations: before0031 });
          fill(handle.sqlite, w);
          const report = await migrateToLatest(handle, { backupDir: join(dir, 'backups') });
          expect(report.applied).toContain('0031_portfolio_rhythms');
          expectConsistent(handle.sqlite, NOW + w.nowShift, [w.zone]);
        } finally {
          await handle.close();
          cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });
});
