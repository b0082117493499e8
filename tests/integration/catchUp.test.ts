// The catch-up plan through the dispatcher over a real SQLite file: the budget setting, the order,
// and a check-in made today counted against today's share.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const open: TestBackend[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.dispose();
});

describe('health.catchUp', () => {
  it('spreads the due check-ins by the weekly budget, the most pressing first, today’s share less what was done today', async () => {
    const kith = await startTestBackend({ clock: fixedClock('2026-03-10T10:00:00Z', 'Europe/Berlin') });
    open.push(kith);
    const made = [];
    for (const [name, importance] of [['Olive', 'outer'], ['Ian', 'inner'], ['Rita', 'regular'], ['Rob', 'regular'], ['Cleo', 'regular']] as const) {
      const c = await kith.call('contacts.create', { displayName: name, importance, cadenceDays: 10 });
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-01-01T12:00:00Z'), c.id);
      made.push(c);
    }
    const cleo = made[4]!;
    // Cleo is a client: her value puts her ahead of the other regulars
    kith.sqlite.prepare(`INSERT INTO value_entries (id, contact_id, occurred_on, amount_minor, currency, kind, created_at) VALUES ('v1', ?, '2026-02-01', 500000, 'EUR', 'invoiced', 0)`).run(cleo.id);
    await kith.call('settings.update', { catchUpWeeklyBudget: 7 });

    let plan = await kith.call('health.catchUp', {});
    expect(plan).toMatchObject({ today: '2026-03-10', weeklyBudget: 7, backlog: 5, doneToday: 0 });
    expect(plan.days.map((d) => d.items.map((c) => c.displayName))).toEqual([['Ian'], ['Cleo'], ['Rita'], ['Rob'], ['Olive'], [], []]);
    expect(plan.clearedBy).toBe('2026-03-14');

    // a check-in with Ian today: today's share is used up, and the rest keep their days
    await kith.call('interactions.log', { kind: 'call', direction: 'outbound', participantIds: [made[1]!.id], summary: 'Caught up' });
    plan = await kith.call('health.catchUp', {});
    expect(plan.doneToday).toBe(1);
    expect(plan.backlog).toBe(4);
    expect(plan.days[0]!.items).toEqual([]);
    expect(plan.days[1]!.items.map((c) => c.displayName)).toEqual(['Cleo']);

    // no budget, no plan
    await kith.call('settings.update', { catchUpWeeklyBudget: 0 });
    plan = await kith.call('health.catchUp', {});
    expect(plan.days.every((d) => d.items.length === 0)).toBe(true);
    expect(plan.clearedBy).toBeNull();
  });

  it('counts overdue from the latest interval of the rhythm that applies, a tag’s included', async () => {
    const kith = await startTestBackend({ clock: fixedClock('2026-03-10T10:00:00Z', 'Europe/Berlin') });
    open.push(kith);
    // both last talked 20 days ago: Ada every 10 days at worst 30 (due, not overdue); Ben by the
    // tag "Weekly" every 7 days at worst 14 (6 days overdue), though his circle says 60
    const ada = await kith.call('contacts.create', { displayName: 'Ada', cadenceDays: 10, cadenceLatestDays: 30 });
    const ben = await kith.call('contacts.create', { displayName: 'Ben', circleId: 'circle-colleagues', tags: ['Weekly'] });
    const weekly = (await kith.call('tags.list', {})).find((t) => t.name === 'Weekly')!;
    await kith.call('tags.setCadence', { id: weekly.id, cadenceDays: 7, cadenceLatestDays: 14 });
    for (const c of [ada, ben]) {
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-01-01T12:00:00Z'), c.id);
      await kith.call('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: Date.parse('2026-02-18T10:00:00Z') });
    }
    const plan = await kith.call('health.catchUp', {});
    const items = plan.days.flatMap((d) => d.items);
    expect(Object.fromEntries(items.map((c) => [c.displayName, c.daysOverdue]))).toEqual({ Ada: 0, Ben: 6 });
    expect(items[0]!.displayName).toBe('Ben');
  });

  it('refuses a budget that is not a whole number from 0 to 200, naming the setting', async () => {
    const kith = await startTestBackend();
    open.push(kith);
    for (const bad of [-1, 2.5, 201]) {
      const err = await kith.call('settings.update', { catchUpWeeklyBudget: bad }).catch((e: ApiError) => e);
      expect((err as ApiError).field).toBe('catchUpWeeklyBudget');
    }
    expect((await kith.call('settings.get', {})).catchUpWeeklyBudget).toBe(15);
  });
});
