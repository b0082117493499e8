// Health through the real back end on real SQLite files: the all-contacts path against the pure
// engine on random data, the dashboard's lists, snoozing, sorting, and client value entries.
import { fc } from '@fast-check/vitest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allContactsHealth } from '../../db/queries/health';
import { effectiveCadence } from '../../shared/domain/cadence';
import { computeHealth, type HealthInteraction } from '../../shared/domain/health';
import { DIRECTIONS, INTERACTION_KINDS } from '../../shared/domain/interaction';
import type { InputOf } from '../../shared/api/contract';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const DAY = 86_400_000;
const CIRCLES: Record<string, number> = { 'circle-family': 14, 'circle-friends': 30, 'circle-colleagues': 60, 'circle-clients': 30 };

describe('the all-contacts database path', () => {
  let kith: TestBackend;
  beforeAll(async () => (kith = await startTestBackend()));
  afterAll(async () => kith.dispose());

  it('gives exactly the numbers of the pure engine, on random contacts and histories', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
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
        // coarse times so that ties (same instant) happen; some after now, which must be ignored
        at: fc.integer({ min: -700, max: 5 }).map((d) => now + d * DAY - (d % 3) * 3600_000),
        kind: fc.constantFrom(...INTERACTION_KINDS),
        direction: fc.constantFrom(...DIRECTIONS),
        rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        who: fc.uniqueArray(fc.integer({ min: 0, max: contacts - 1 }), { minLength: 1, maxLength: 3 }),
      });
    const world = fc.integer({ min: 1, max: 12 }).chain((count) =>
      fc.record({
        contacts: fc.array(contactArb, { minLength: count, maxLength: count }),
        interactions: fc.array(interactionArb(count), { maxLength: 120 }),
        zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'),
        nowShift: fc.integer({ min: -30 * DAY, max: 0 }),
        laterToday: fc.integer({ min: 0, max: 6 * 3600_000 }),
      }),
    );
    const db = kith.sqlite;
    // a name with the separator the fast path packs rows with must come back whole
    const nameOf = (i: number) => `Person ${i}\u001f${'🙂'.repeat(i % 3)}`;
    const insertContact = db.prepare(`INSERT INTO contacts (id, display_name, circle_id, importance, cadence_days, checkin_snoozed_until, created_at, updated_at, archived_at) VALUES (?,?,?,?,?,?,?,?,?)`);
    const insertInteraction = db.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, rating, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`);
    const insertParticipant = db.prepare(`INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?,?,?,?,?,?)`);
    fc.assert(
      fc.property(world, (w) => {
        const at = now + w.nowShift;
        db.exec('DELETE FROM interactions; DELETE FROM contacts; DELETE FROM health_facts_cache;');
        const perContact = new Map<string, HealthInteraction[]>();
        db.transaction(() => {
          w.contacts.forEach((c, i) => {
            const id = `c${i}`;
            perContact.set(id, []);
            insertContact.run(id, nameOf(i), c.circle, c.importance, c.own, c.snoozeOffset === null ? null : now + c.snoozeOffset, now - c.createdAgo, now, c.archived ? now : null);
          });
          w.interactions.forEach((x, j) => {
            const id = `x${String(j).padStart(3, '0')}`;
            insertInteraction.run(id, x.at, x.kind, x.direction, x.rating, now, now);
            for (const k of x.who) {
              insertParticipant.run(id, `c${k}`, x.at, x.kind, x.direction, x.rating);
              perContact.get(`c${k}`)!.push({ id, occurredAt: x.at, kind: x.kind, direction: x.direction, rating: x.rating });
            }
          });
        })();
        const simple = allContactsHealth(db, at, w.zone, { useCache: false });
        const cold = allContactsHealth(db, at, w.zone); // computes and fills the cache
        const warm = allContactsHealth(db, at + w.laterToday, w.zone); // served from it where still valid
        const expected = w.contacts.flatMap((c, i) =>
          c.archived
            ? []
            : [
                {
                  id: `c${i}`,
                  displayName: nameOf(i),
                  health: computeHealth(
                    {
                      cadenceDays: effectiveCadence(c.own, c.circle ? CIRCLES[c.circle] : null),
                      createdAt: now - c.createdAgo,
                      snoozedUntil: c.snoozeOffset === null ? null : now + c.snoozeOffset,
                      importance: c.importance,
                    },
                    perContact.get(`c${i}`)!,
                    at,
                    w.zone,
                  ),
                },
              ],
        );
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
        const shape = (rows: typeof simple) => rows.map((r) => ({ id: r.id, displayName: r.displayName, health: r.health })).sort(byId);
        expect(shape(simple)).toEqual(expected.sort(byId));
        expect(shape(cold)).toEqual(shape(simple));
        expect(shape(warm)).toEqual(shape(allContactsHealth(db, at + w.laterToday, w.zone, { useCache: false })));
        // a cadence changed by the contact or by its circle makes the cached facts stale
        db.prepare(`UPDATE contacts SET cadence_days = 7 WHERE id = 'c0'`).run();
        db.prepare(`UPDATE circles SET default_cadence_days = 45 WHERE id = 'circle-friends'`).run();
        expect(shape(allContactsHealth(db, at, w.zone))).toEqual(shape(allContactsHealth(db, at, w.zone, { useCache: false })));
        db.prepare(`UPDATE circles SET default_cadence_days = 30 WHERE id = 'circle-friends'`).run();
        expect(shape(allContactsHealth(db, at, w.zone))).toEqual(shape(allContactsHealth(db, at, w.zone, { useCache: false })));
        // so do edits of the contact itself: name, snooze, archive
        db.prepare(`UPDATE contacts SET display_name = 'Renamed', checkin_snoozed_until = ? WHERE id = 'c0'`).run(now + 3 * DAY);
        db.prepare(`UPDATE contacts SET archived_at = CASE WHEN archived_at IS NULL THEN ? END WHERE id = ?`).run(now, `c${w.contacts.length - 1}`);
        expect(shape(allContactsHealth(db, at, w.zone))).toEqual(shape(allContactsHealth(db, at, w.zone, { useCache: false })));
        // a write (here: deleting an interaction, which cascades to its participants) drops the cached rows it touches
        if (w.interactions.length > 0) {
          db.prepare(`DELETE FROM interactions WHERE id = 'x000'`).run();
          expect(shape(allContactsHealth(db, at, w.zone))).toEqual(shape(allContactsHealth(db, at, w.zone, { useCache: false })));
          db.prepare(`UPDATE interaction_participants SET kind = 'meeting', occurred_at = occurred_at - 86400000 WHERE interaction_id = 'x001'`).run();
          expect(shape(allContactsHealth(db, at, w.zone))).toEqual(shape(allContactsHealth(db, at, w.zone, { useCache: false })));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the health facts cache', () => {
  it('serves the rest of the day from the cache, and recomputes only the contact a write touched', async () => {
    const clock = fixedClock('2026-06-15T08:00:00Z', 'Europe/Berlin');
    const kith = await startTestBackend({ clock });
    try {
      const ids: string[] = [];
      for (const name of ['Ann', 'Ben', 'Cem']) ids.push((await kith.call('contacts.create', { displayName: name })).id);
      await kith.call('interactions.log', { kind: 'call', participantIds: [ids[0]!], occurredAt: clock.now().getTime() - 3 * DAY });
      const computedAt = () => kith.sqlite.prepare(`SELECT contact_id, computed_at FROM health_facts_cache ORDER BY contact_id`).raw().all() as Array<[string, number]>;
      await kith.call('health.dashboard', {});
      const first = computedAt();
      expect(first).toHaveLength(3);
      clock.set('2026-06-15T15:00:00Z');
      await kith.call('health.dashboard', {});
      expect(computedAt()).toEqual(first);
      await kith.call('interactions.log', { kind: 'meeting', participantIds: [ids[1]!] });
      expect(computedAt()).toHaveLength(2); // Ben's row went with the write, in its transaction
      const dash = await kith.call('health.dashboard', {});
      expect(dash.bands.thriving + dash.bands.steady).toBe(2);
      clock.set('2026-06-16T08:00:00Z'); // a new local day: everything is computed again
      await kith.call('health.dashboard', {});
      expect(computedAt().every(([, at]) => at === clock.now().getTime())).toBe(true);
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
      ['Gone', ['Contact is dropping off: 0 in the last 90 days against 0.8 in the 90 before.', 'Nothing for 100 days, over 3× the 30 days you aim for.']],
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

  it('still refuses interactions in the future (the score ignores them)', async () => {
    const c = await person('Ann', null);
    const res = await kith.dispatch('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: clock.now().getTime() + 2 * 3600_000 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'occurredAt' } });
  });

  it('gives one contact its score, reasons and a 12-week history', async () => {
    const c = await person('Ann', 45);
    const report = await kith.call('health.forContact', { contactId: c.id });
    expect(report.health.explanation).toBe('Last talked 45 days ago; you aim for every 30 days. 0.8 of 3 expected contacts in the last 90 days.');
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
    expect(portfolio.clients.currency).toBe('EUR');
    expect(portfolio.clients.totalMinor).toBe(1000000);
    expect(portfolio.clients.clients.map((c) => [c.displayName, c.share])).toEqual([
      ['Acme', 0.75],
      ['Beta', 0.25],
    ]);
    expect(portfolio.clients.overReliance).toMatchObject({ displayName: 'Acme', share: 0.75 });

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
});
