// Health through the real back end on real SQLite files: the all-contacts table against the pure
// engine on random data, writes and days, the dashboard's lists, snoozing, sorting, and client value entries.
import { fc } from '@fast-check/vitest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { allContactsHealth, computeAllContactsHealth, type ContactHealthRow } from '../../db/queries/health';
import { epochDayOf } from '../../shared/domain/epochDay';
import { effectiveCadence } from '../../shared/domain/cadence';
import { computeHealth, FLAG_BIT, type ContactHealth, type HealthInteraction } from '../../shared/domain/health';
import { DIRECTIONS, INTERACTION_KINDS } from '../../shared/domain/interaction';
import type { InputOf } from '../../shared/api/contract';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const DAY = 86_400_000;
const CIRCLES: Record<string, number> = { 'circle-family': 14, 'circle-friends': 30, 'circle-colleagues': 60, 'circle-clients': 30 };

describe('the all-contacts health table', () => {
  let kith: TestBackend;
  beforeAll(async () => (kith = await startTestBackend()));
  afterAll(async () => kith.dispose());

  it('always says what the pure engine says, through writes, days passing and zone changes', () => {
    const start = Date.parse('2026-06-01T12:00:00Z');
    const contactArb = fc.record({
      own: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })), { nil: null }),
      circle: fc.option(fc.constantFrom(...Object.keys(CIRCLES)), { nil: null }),
      createdAgo: fc.integer({ min: 0, max: 900 * DAY }),
      snoozeOffset: fc.option(fc.integer({ min: -20 * DAY, max: 40 * DAY }), { nil: null }),
      importance: fc.constantFrom('inner' as const, 'regular' as const, 'outer' as const),
      archived: fc.boolean(),
    });
    const interactionArb = (contacts: number) =>
      fc.record({
        // coarse times so that ties (same instant) happen; some after now, which must be ignored until they come
        at: fc.integer({ min: -700, max: 40 }).map((d) => start + d * DAY - (d % 3) * 3600_000),
        kind: fc.constantFrom(...INTERACTION_KINDS),
        direction: fc.constantFrom(...DIRECTIONS),
        rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        who: fc.uniqueArray(fc.integer({ min: 0, max: contacts - 1 }), { minLength: 1, maxLength: 3 }),
      });
    // what happens between two looks at the table
    const stepArb = (contacts: number) =>
      fc.oneof(
        fc.record({ t: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 8 * 3600_000 }), fc.integer({ min: 1, max: 3 }).map((d) => d * DAY), fc.integer({ min: 1, max: 400 }).map((d) => d * DAY + 7_000)) }),
        fc.record({ t: fc.constant('back' as const), ms: fc.integer({ min: 1, max: 3 * DAY }) }),
        fc.record({ t: fc.constant('zone' as const), zone: fc.constantFrom(...ZONES) }),
        fc.record({ t: fc.constant('log' as const), x: interactionArb(contacts) }),
        fc.record({ t: fc.constant('unlog' as const), n: fc.nat() }),
        fc.record({ t: fc.constant('move' as const), n: fc.nat(), days: fc.integer({ min: -60, max: 60 }) }),
        fc.record({ t: fc.constant('cadence' as const), who: fc.nat({ max: contacts - 1 }), days: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }) }),
        fc.record({ t: fc.constant('circle' as const), circle: fc.constantFrom(...Object.keys(CIRCLES)), days: fc.integer({ min: 0, max: 90 }) }),
        fc.record({ t: fc.constant('snooze' as const), who: fc.nat({ max: contacts - 1 }), days: fc.integer({ min: -5, max: 30 }) }),
        fc.record({ t: fc.constant('archive' as const), who: fc.nat({ max: contacts - 1 }) }),
        fc.record({ t: fc.constant('add' as const), importance: fc.constantFrom('inner' as const, 'regular' as const, 'outer' as const) }),
        fc.record({ t: fc.constant('delete' as const), who: fc.nat({ max: contacts - 1 }) }),
      );
    const world = fc.integer({ min: 1, max: 10 }).chain((count) =>
      fc.record({
        contacts: fc.array(contactArb, { minLength: count, maxLength: count }),
        interactions: fc.array(interactionArb(count), { maxLength: 100 }),
        zone: fc.constantFrom(...ZONES),
        steps: fc.array(stepArb(count), { minLength: 1, maxLength: 14 }),
      }),
    );
    const db = kith.sqlite;
    const nameOf = (i: number) => `Person ${i} ${'🙂'.repeat(i % 3)}`;
    const insertContact = db.prepare(`INSERT INTO contacts (id, display_name, circle_id, importance, cadence_days, checkin_snoozed_until, created_at, updated_at, archived_at) VALUES (?,?,?,?,?,?,?,?,?)`);
    const insertInteraction = db.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, rating, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`);
    const insertParticipant = db.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?,?,?,?,?,?)`);
    let serial = 0;
    const log = (x: { at: number; kind: string; direction: string; rating: number | null; who: number[] }) =>
      db.transaction(() => {
        const id = `x${String(serial++).padStart(5, '0')}`;
        insertInteraction.run(id, x.at, x.kind, x.direction, x.rating, start, start);
        for (const k of x.who) if (db.prepare(`SELECT 1 FROM contacts WHERE id = ?`).get(`c${k}`)) insertParticipant.run(id, `c${k}`, x.at, x.kind, x.direction, x.rating);
      })();
    fc.assert(
      fc.property(world, (w) => {
        db.exec('DELETE FROM interactions; DELETE FROM contacts; DELETE FROM health_meta; DELETE FROM health_dirty;');
        db.prepare(`UPDATE circles SET default_cadence_days = CASE id ${Object.entries(CIRCLES).map(([id, d]) => `WHEN '${id}' THEN ${d}`).join(' ')} END`).run();
        db.transaction(() => {
          w.contacts.forEach((c, i) => {
            insertContact.run(`c${i}`, nameOf(i), c.circle, c.importance, c.own, c.snoozeOffset === null ? null : start + c.snoozeOffset, start - c.createdAgo, start, c.archived ? start : null);
          });
        })();
        for (const x of w.interactions) log(x);
        let at = start;
        let zone = w.zone;
        let added = w.contacts.length;
        const check = (when: string) => {
          const table = shape(allContactsHealth(db, at, zone));
          const reference = shape(computeAllContactsHealth(db, at, zone));
          expect(table, when).toEqual(reference);
          expect(table, when).toEqual(pureHealth(db, at, zone));
          // the stored results the dashboard's lists and counts are read from
          expect(storedResults(db), when).toEqual(reference.map((r) => resultsOf(r.health)));
        };
        check('first look');
        for (const step of w.steps) {
          const nth = (n: number) => db.prepare(`SELECT id FROM interactions ORDER BY id LIMIT 1 OFFSET ?`).pluck().get(n % Math.max(1, db.prepare(`SELECT count(*) FROM interactions`).pluck().get() as number)) as string | undefined;
          switch (step.t) {
            case 'wait':
              at += step.ms;
              break;
            case 'back':
              at -= step.ms;
              break;
            case 'zone':
              zone = step.zone;
              break;
            case 'log':
              log({ ...step.x, at: at + (step.x.at - start) / 4 });
              break;
            case 'unlog': {
              const id = nth(step.n);
              if (id) db.prepare(`DELETE FROM interactions WHERE id = ?`).run(id);
              break;
            }
            case 'move': {
              const id = nth(step.n);
              if (id) db.prepare(`UPDATE interaction_participants SET occurred_at = occurred_at + ?, kind = 'meeting' WHERE interaction_id = ?`).run(step.days * DAY, id);
              break;
            }
            case 'cadence':
              db.prepare(`UPDATE contacts SET cadence_days = ? WHERE id = ?`).run(step.days, `c${step.who}`);
              break;
            case 'circle':
              db.prepare(`UPDATE circles SET default_cadence_days = ? WHERE id = ?`).run(step.days, step.circle);
              break;
            case 'snooze':
              db.prepare(`UPDATE contacts SET checkin_snoozed_until = ?, display_name = display_name || '.' WHERE id = ?`).run(at + step.days * DAY, `c${step.who}`);
              break;
            case 'archive':
              db.prepare(`UPDATE contacts SET archived_at = CASE WHEN archived_at IS NULL THEN ? END WHERE id = ?`).run(at, `c${step.who}`);
              break;
            case 'add':
              insertContact.run(`c${added}`, nameOf(added), null, step.importance, null, null, at - DAY, at, null);
              added++;
              break;
            case 'delete':
              db.prepare(`DELETE FROM contacts WHERE id = ?`).run(`c${step.who}`);
              break;
          }
          check(JSON.stringify(step));
        }
      }),
      { numRuns: 80 },
    );
  });
});

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const shape = (rows: ContactHealthRow[]) => rows.map((r) => ({ id: r.id, displayName: r.displayName, health: r.health })).sort(byId);

/** each active contact's health by the pure engine, from its interactions read one by one */
function pureHealth(db: Database.Database, at: number, zone: string) {
  const contacts = db
    .prepare(`SELECT c.id, c.display_name, c.cadence_days, ci.default_cadence_days, c.created_at, c.checkin_snoozed_until, c.importance FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.archived_at IS NULL`)
    .all() as Array<{ id: string; display_name: string; cadence_days: number | null; default_cadence_days: number | null; created_at: number; checkin_snoozed_until: number | null; importance: 'inner' }>;
  return contacts
    .map((c) => ({
      id: c.id,
      displayName: c.display_name,
      health: computeHealth(
        { cadenceDays: effectiveCadence(c.cadence_days, c.default_cadence_days), createdAt: c.created_at, snoozedUntil: c.checkin_snoozed_until, importance: c.importance },
        db.prepare(`SELECT interaction_id AS id, occurred_at AS occurredAt, kind, direction, rating FROM interaction_participants WHERE contact_id = ?`).all(c.id) as HealthInteraction[],
        at,
        zone,
      ),
    }))
    .sort(byId);
}

function resultsOf(h: ContactHealth) {
  return {
    score: h.score,
    band: h.band,
    nextDay: h.nextCheckIn === null ? null : epochDayOf(h.nextCheckIn),
    flags: h.flags.reduce((bits, f) => bits | FLAG_BIT[f.flag], 0),
    flagCount: h.flags.length,
  };
}

function storedResults(db: Database.Database) {
  return (db.prepare(`SELECT contact_id, score, band, next_day, flags, flag_count FROM contact_health ORDER BY contact_id`).all() as Array<Record<string, never>>).map((r) => ({
    score: r.score,
    band: r.band,
    nextDay: r.next_day,
    flags: r.flags,
    flagCount: r.flag_count,
  }));
}

describe('the health table on a day of use', () => {
  it('recomputes only the contact a write touched, and on the next day only what changed', async () => {
    const clock = fixedClock('2026-06-15T08:00:00Z', 'Europe/Berlin');
    const kith = await startTestBackend({ clock });
    try {
      const ids: string[] = [];
      for (const name of ['Ann', 'Ben', 'Cem']) ids.push((await kith.call('contacts.create', { displayName: name })).id);
      await kith.call('interactions.log', { kind: 'call', participantIds: [ids[0]!], occurredAt: clock.now().getTime() - 3 * DAY });
      const dirty = () => kith.sqlite.prepare(`SELECT contact_id FROM health_dirty ORDER BY contact_id`).pluck().all();
      const meta = () => kith.sqlite.prepare(`SELECT zone, day, computed_at FROM health_meta`).get();
      await kith.call('health.dashboard', {});
      expect(dirty()).toEqual([]);
      expect(meta()).toEqual({ zone: 'Europe/Berlin', day: epochDayOf('2026-06-15'), computed_at: clock.now().getTime() });
      clock.set('2026-06-15T15:00:00Z');
      await kith.call('interactions.log', { kind: 'meeting', participantIds: [ids[1]!] });
      expect(dirty()).toEqual([ids[1]]); // marked in the write's own transaction
      const dash = await kith.call('health.dashboard', {});
      expect(dirty()).toEqual([]);
      expect(dash.bands.thriving + dash.bands.steady).toBe(2);
      // a new local day: the windows slide instead of everything being read again
      clock.set('2026-06-16T08:00:00Z');
      const through = () => kith.sqlite.prepare(`SELECT contact_id, results_through FROM contact_health ORDER BY contact_id`).raw().all() as Array<[string, number]>;
      const before = through();
      await kith.call('health.dashboard', {});
      expect(meta()).toMatchObject({ day: epochDayOf('2026-06-16') });
      // the two talked to recently score 100-ish until their cadence runs out: their rows were not touched
      expect(through().filter(([id]) => id !== ids[2])).toEqual(before.filter(([id]) => id !== ids[2]));
      // a circle deleted under its contacts (ON DELETE SET NULL): they fall back to the default cadence
      await kith.call('contacts.update', { id: ids[0]!, circleId: 'circle-family' });
      await kith.call('health.dashboard', {});
      kith.sqlite.prepare(`DELETE FROM circles WHERE id = 'circle-family'`).run();
      expect(dirty()).toEqual([ids[0]]);
      expect(shape(allContactsHealth(kith.sqlite, clock.now().getTime(), 'Europe/Berlin'))).toEqual(shape(computeAllContactsHealth(kith.sqlite, clock.now().getTime(), 'Europe/Berlin')));
      expect(kith.sqlite.prepare(`SELECT cadence FROM contact_health WHERE contact_id = ?`).pluck().get(ids[0])).toBe(30);
    } finally {
      await kith.dispose();
    }
  });

  it('rebuilds every row in another zone with the table’s indexes as they were, and the lists and counts use them', async () => {
    let zone = 'Europe/Berlin';
    const clock = { ...fixedClock('2026-06-15T08:00:00Z'), timeZone: () => zone };
    const kith = await startTestBackend({ clock });
    try {
      for (const name of ['Ann', 'Ben', 'Cem']) {
        const { id } = await kith.call('contacts.create', { displayName: name });
        await kith.call('interactions.log', { kind: 'call', participantIds: [id], occurredAt: clock.now().getTime() - 40 * DAY });
      }
      const schema = () => kith.sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'contact_health' ORDER BY name`).all();
      await kith.call('health.dashboard', {});
      const before = schema();
      expect(before.filter((r: any) => r.type === 'index').length).toBeGreaterThan(5);
      // travelling: every row is computed again, in the bare table, and its indexes are built once at the end
      zone = 'America/New_York';
      const dash = await kith.call('health.dashboard', {});
      expect(kith.sqlite.prepare(`SELECT zone FROM health_meta`).pluck().get()).toBe('America/New_York');
      expect(schema()).toEqual(before);
      expect(dash.overdue.total).toBe(3);
      expect(shape(allContactsHealth(kith.sqlite, clock.now().getTime(), 'America/New_York'))).toEqual(shape(computeAllContactsHealth(kith.sqlite, clock.now().getTime(), 'America/New_York')));
      const plan = kith.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT contact_id FROM contact_health WHERE flag_count > 0 ORDER BY flag_count DESC, score, name_key, contact_id LIMIT 50`).all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toContain('contact_health_attention');
      // the dashboard's count of each warning sign reads one index, not every flagged row of the table
      const flagged = kith.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT total(flags & 1 > 0), total(flags & 2 > 0), total(flags & 4 > 0) FROM contact_health WHERE flag_count > 0`).all() as Array<{ detail: string }>;
      expect(flagged.map((p) => p.detail).join(' ')).toContain('COVERING INDEX contact_health_flags');
      expect(dash.flagged.dormant).toBe(kith.sqlite.prepare(`SELECT count(*) FROM contact_health WHERE flags & 4`).pluck().get());
    } finally {
      await kith.dispose();
    }
  });
});

describe('the dashboard through the API', () => {
  let kith: TestBackend;
  const clock = fixedClock('2026-06-15T10:00:00Z', 'Europe/Berlin');
  beforeEach(async () => {
    clock.set('2026-06-15T10:00:00Z');
    kith = await startTestBackend({ clock });
  });
  afterEach(async () => kith.dispose());

  /** a contact added a year ago, with one interaction `daysAgo` days ago */
  async function person(displayName: string, daysAgo: number | null, extra: Omit<InputOf<'contacts.create'>, 'displayName'> = {}) {
    clock.set('2025-06-15T10:00:00Z');
    const c = await kith.call('contacts.create', { displayName, circleId: 'circle-friends', ...extra });
    clock.set('2026-06-15T10:00:00Z');
    if (daysAgo !== null) await kith.call('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: clock.now().getTime() - daysAgo * DAY });
    return c;
  }

  it('lists overdue follow-ups by days overdue weighted by importance, and what comes up in 14 days', async () => {
    await person('Regular 40', 40); // 10 days overdue, weight 1 -> 10
    await person('Inner 38', 38, { importance: 'inner' }); // 8 overdue, weight 2 -> 16
    await person('Outer 60', 60, { importance: 'outer' }); // 30 overdue, weight 0.5 -> 15
    await person('Gone', 100, { importance: 'outer' }); // 70 overdue, weight 0.5 -> 35, and dormant
    await person('Fine', 5); // due in 25 days: not overdue, not within 14
    await person('Soon', 20); // due in 10 days: coming up
    await person('Never', 200, { cadenceDays: 0 });
    await person('Birthday', 2, { birthday: { month: 6, day: 20, year: 1990 } });
    const dash = await kith.call('health.dashboard', {});
    expect(dash.overdue.items.map((o) => [o.displayName, o.daysOverdue, o.priority])).toEqual([
      ['Gone', 70, 35],
      ['Inner 38', 8, 16],
      ['Outer 60', 30, 15],
      ['Regular 40', 10, 10],
    ]);
    expect(dash.comingUp.map((u) => [u.kind, u.displayName, u.daysAway, u.turns])).toEqual([
      ['birthday', 'Birthday', 5, 36],
      ['checkin', 'Soon', 10, null],
    ]);
    expect(dash.trackedCount).toBe(7);
    expect(dash.contactCount).toBe(8);
    // Never (cadence 0) has no score and is nowhere on the lists
    expect(JSON.stringify(dash)).not.toContain('"Never"');
    expect(dash.attention.items.map((a) => [a.displayName, a.flags.map((f) => f.reason)])).toEqual([
      ['Gone', ['You are in touch less than half as much as before: not at all in the last 3 months, against more in the 3 months before.', 'You have not talked for over 3 months; you aim for every month.']],
    ]);
  });

  it('shows open manual reminders and anniversaries coming up', async () => {
    const c = await person('Ann', 1);
    kith.sqlite
      .prepare(`INSERT INTO reminders (id, contact_id, title, due_date, created_at, updated_at) VALUES ('r1', ?, 'Send the contract', '2026-06-18', 0, 0), ('r2', NULL, 'Far away', '2026-07-30', 0, 0), ('r3', NULL, 'Done one', '2026-06-16', 0, 0)`)
      .run(c.id);
    kith.sqlite.prepare(`UPDATE reminders SET status = 'done' WHERE id = 'r3'`).run();
    kith.sqlite.prepare(`INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES ('d1', ?, 'Wedding anniversary', 6, 15, 2016)`).run(c.id);
    const dash = await kith.call('health.dashboard', {});
    expect(dash.comingUp.map((u) => [u.kind, u.title, u.daysAway, u.turns])).toEqual([
      ['anniversary', 'Wedding anniversary', 0, 10],
      ['reminder', 'Send the contract', 3, null],
    ]);
  });

  it('snoozes a check-in for a week: off the overdue list, back when the week is over', async () => {
    const c = await person('Late', 40);
    expect((await kith.call('health.dashboard', {})).overdue.total).toBe(1);
    const snoozed = await kith.call('health.snoozeCheckIn', { contactId: c.id });
    expect(snoozed.nextCheckIn).toBe('2026-06-22');
    expect((await kith.call('health.dashboard', {})).overdue.total).toBe(0);
    clock.set('2026-06-22T08:00:00Z');
    expect((await kith.call('health.dashboard', {})).overdue.items.map((o) => o.daysOverdue)).toEqual([0]);
    const never = await person('Never', 1, { cadenceDays: 0 });
    expect(await kith.dispatch('health.snoozeCheckIn', { contactId: never.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'contactId' } });
    expect(await kith.dispatch('health.snoozeCheckIn', { contactId: c.id, days: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'days' } });
  });

  it('keeps its totals while nothing changes and counts again after any write: a log, an archive, another connection, the next day', async () => {
    const a = await person('Late A', 40);
    await person('Late B', 50);
    const totals = (d: Awaited<ReturnType<typeof kith.call<'health.dashboard'>>>) => [d.contactCount, d.overdue.total, d.attention.total, d.flagged.dormant];
    const first = await kith.call('health.dashboard', {});
    expect(totals(first)).toEqual([2, 2, 0, 0]);
    // answered again from what was counted: the same, and not the same objects
    first.bands.thriving = 999;
    expect((await kith.call('health.dashboard', {})).bands.thriving).not.toBe(999);
    await kith.call('interactions.log', { kind: 'call', participantIds: [a.id] });
    expect(totals(await kith.call('health.dashboard', {}))).toEqual([2, 1, 0, 0]);
    await kith.call('contacts.archive', { id: a.id });
    expect(totals(await kith.call('health.dashboard', {}))).toEqual([1, 1, 0, 0]);
    // another connection's write (an import's, another process's)
    const other = new Database(join(kith.dir, 'kith.sqlite'));
    other.prepare(`UPDATE contacts SET archived_at = NULL WHERE id = ?`).run(a.id);
    other.close();
    expect(totals(await kith.call('health.dashboard', {}))).toEqual([2, 1, 0, 0]);
    // 100 days on: both long overdue, and the one not talked to since is dormant
    clock.set('2026-09-23T10:00:00Z');
    expect(totals(await kith.call('health.dashboard', {}))).toEqual([2, 2, 2, 2]);
  });

  it('still refuses interactions in the future (the score ignores them)', async () => {
    const c = await person('Ann', null);
    const res = await kith.dispatch('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: clock.now().getTime() + 2 * 3600_000 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'occurredAt' } });
  });

  it('gives one contact its score, reasons and a 12-week history', async () => {
    const c = await person('Ann', 45);
    const report = await kith.call('health.forContact', { contactId: c.id });
    expect(report.health.explanation).toBe("You've talked once in the last 3 months (last time 45 days ago); you aim for every month.");
    expect(report.weekly).toHaveLength(12);
    expect(report.weekly.at(-1)!.score).toBe(report.health.score);
    // 12 weeks back there was nothing yet; 42 days ago the call was 3 days old (71); since then it falls
    const scores = report.weekly.map((w) => w.score!);
    expect(scores.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(scores[5]).toBe(71);
    expect(scores[11]).toBe(53);
    expect(scores.slice(5)).toEqual([...scores.slice(5)].sort((a, b) => b - a));
  });

  it('sorts the contacts list by health (lowest first) and by next check-in', async () => {
    await person('Good', 1);
    await person('Bad', 80);
    await person('Mid', 35);
    await person('Never', 1, { cadenceDays: 0 });
    const byHealth = await kith.call('contacts.list', { sort: 'health' });
    expect(byHealth.items.map((c) => c.displayName)).toEqual(['Bad', 'Mid', 'Good', 'Never']);
    const byCheckIn = await kith.call('contacts.list', { sort: 'nextCheckIn' });
    expect(byCheckIn.items.map((c) => c.displayName)).toEqual(['Bad', 'Mid', 'Good', 'Never']);
  });

  it('keeps client value entries with totals, and warns when one client brings over half', async () => {
    const a = await person('Acme', 1);
    const b = await person('Beta', 1);
    await kith.call('value.create', { contactId: a.id, occurredOn: '2026-05-01', amountMinor: 600000, currency: 'eur', kind: 'paid', note: 'May retainer' });
    const inv = await kith.call('value.create', { contactId: a.id, occurredOn: '2026-06-01', amountMinor: 150000, currency: 'EUR' });
    await kith.call('value.create', { contactId: b.id, occurredOn: '2026-03-01', amountMinor: 250000, currency: 'EUR', kind: 'paid' });
    await kith.call('value.create', { contactId: b.id, occurredOn: '2024-03-01', amountMinor: 999999, currency: 'EUR', kind: 'paid' }); // older than 12 months
    const list = await kith.call('value.listForContact', { contactId: a.id });
    expect(list.entries.map((e) => e.note)).toEqual(['', 'May retainer']);
    expect(list.totals).toEqual([{ currency: 'EUR', totalMinor: 750000, paidMinor: 600000, outstandingMinor: 150000, lastYearMinor: 750000 }]);
    await kith.call('value.update', { id: inv.id, kind: 'paid' });
    expect((await kith.call('value.listForContact', { contactId: a.id })).totals[0]!.outstandingMinor).toBe(0);

    const portfolio = await kith.call('health.portfolio', {});
    const eur = portfolio.clients.currencies[0]!;
    expect(eur.currency).toBe('EUR');
    expect(eur.totalMinor).toBe(1000000);
    expect(eur.clients.map((c) => [c.displayName, c.share])).toEqual([
      ['Acme', 0.75],
      ['Beta', 0.25],
    ]);
    expect(eur.overReliance).toMatchObject({ displayName: 'Acme', share: 0.75 });

    // bad input names the field and writes nothing
    const before = kith.sqlite.prepare('SELECT count(*) FROM value_entries').pluck().get();
    for (const [input, field] of [
      [{ contactId: a.id, occurredOn: '2026-02-30', amountMinor: 100, currency: 'EUR' }, 'occurredOn'],
      [{ contactId: a.id, occurredOn: '2026-06-01', amountMinor: 0, currency: 'EUR' }, 'amountMinor'],
      [{ contactId: a.id, occurredOn: '2026-06-01', amountMinor: 12.5, currency: 'EUR' }, 'amountMinor'],
      [{ contactId: a.id, occurredOn: '2026-06-01', amountMinor: 100, currency: 'EURO' }, 'currency'],
      [{ contactId: a.id, occurredOn: '2026-06-01', amountMinor: 100, currency: 'XYZ' }, 'currency'],
      [{ contactId: a.id, occurredOn: '2026-07-01', amountMinor: 100, currency: 'EUR' }, 'occurredOn'],
      [{ contactId: 'ghost', occurredOn: '2026-06-01', amountMinor: 100, currency: 'EUR' }, 'contactId'],
    ] as const) {
      const res = await kith.dispatch('value.create', input);
      expect(res, JSON.stringify(input)).toMatchObject({ ok: false, error: { field } });
    }
    expect(kith.sqlite.prepare('SELECT count(*) FROM value_entries').pluck().get()).toBe(before);
    await kith.call('value.delete', { id: inv.id });
    expect(await kith.dispatch('value.delete', { id: inv.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('sums the portfolio: health per circle, retention and churn, weekly activity, average duration', async () => {
    await person('Alive', 3);
    await person('Gone', 200);
    await person('Never', 10, { cadenceDays: 0 });
    const p = await kith.call('health.portfolio', {});
    const friends = p.circles.find((c) => c.circleId === 'circle-friends')!;
    expect(friends.untracked).toBe(1);
    expect(Object.values(friends.bands).reduce((a, b) => a + b, 0)).toBe(2);
    expect(p.retention.points).toHaveLength(13);
    expect(p.retention.points.at(-1)).toMatchObject({ date: '2026-06-15', alive: 1, dormant: 1 });
    // a year ago both were just added (alive); now one has gone dormant
    expect(p.retention).toMatchObject({ aliveYearAgo: 2, kept: 1, churned: 1 });
    expect(p.weekly).toHaveLength(26);
    expect(p.weekly.reduce((a, w) => a + w.count, 0)).toBe(2); // the 200-day-old call is older than 26 weeks
    expect(p.averageDurationDays).toBe(365);
  });

  it('an import of people with nothing logged makes them New, not at risk, counted nowhere as failing', async () => {
    for (let i = 0; i < 12; i++) await kith.call('contacts.create', { displayName: `Imported ${i}`, circleId: i % 2 ? 'circle-family' : 'circle-friends' });
    const dash = await kith.call('health.dashboard', {});
    expect(dash.bands).toEqual({ thriving: 0, steady: 0, cooling: 0, 'at-risk': 0, new: 12 });
    expect(dash.trackedCount).toBe(12);
    expect(dash.attention.total).toBe(0);
    expect(dash.overdue.total).toBe(0);
    expect(dash.flagged).toEqual({ cooling: 0, 'one-sided': 0, dormant: 0 });
    const one = await kith.call('health.forContact', { contactId: (await kith.call('contacts.list', {})).items[0]!.id });
    expect(one.health).toMatchObject({ score: null, band: 'new', flags: [] });
    const p = await kith.call('health.portfolio', {});
    expect(p.retention.points.at(-1)).toMatchObject({ alive: 12, dormant: 0 });
    expect(p.circles.flatMap((c) => [c.bands['at-risk'], c.bands.new])).toEqual([0, 6, 0, 6]);
    // Family's first cadence (14 days) passes with nothing logged: now they are scored (and at risk)
    clock.set('2026-06-29T10:00:00Z');
    const later = await kith.call('health.dashboard', {});
    expect(later.bands).toMatchObject({ 'at-risk': 6, new: 6 });
    expect(later.overdue.total).toBe(6);
  });

  it('counts the same people dormant everywhere: warning signs, "dormant now" and the chart agree', async () => {
    // around the dormancy edge of a 30-day cadence (90 days), at hours near midnight in Berlin
    for (const [name, hoursAgo] of [['A', 89 * 24], ['B', 90 * 24 - 9], ['C', 90 * 24 - 11], ['D', 90 * 24 + 2], ['E', 200 * 24], ['F', 10]] as const) {
      const c = await person(name, null);
      await kith.call('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: clock.now().getTime() - hoursAgo * 3600_000 });
    }
    await person('Never', null, { cadenceDays: 0 });
    for (const at of ['2026-06-15T10:00:00Z', '2026-06-15T21:59:00Z', '2026-06-16T03:00:00Z', '2026-07-20T12:00:00Z']) {
      clock.set(at);
      const dash = await kith.call('health.dashboard', {});
      const p = await kith.call('health.portfolio', {});
      const flaggedDormant = dash.attention.items.filter((a) => a.flags.some((f) => f.flag === 'dormant')).length;
      expect(dash.flagged.dormant, at).toBe(flaggedDormant);
      expect(p.retention.dormantNow, at).toBe(flaggedDormant);
      expect(p.retention.points.at(-1), at).toMatchObject({ dormant: flaggedDormant, alive: dash.trackedCount - flaggedDormant });
      // the month before uses the same rule from its own day: nobody is alive there and dormant a day later without a reason
      expect(p.retention.kept + p.retention.churned).toBe(p.retention.aliveYearAgo);
    }
  });
});
