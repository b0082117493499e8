// The catch-up plan's rules, held by properties: everyone once, in priority order, never more in a
// week than the budget, cleared on the day a plain day-by-day count says.
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_WEEKLY_BUDGET, SUGGEST_BEYOND_WEEKS, catchUpPriority, dayShare, orderBacklog, planCatchUp, suggestedPace, type CatchUpCandidate } from '../../shared/domain/catchUp';
import { addDaysToDate, localDateOf } from '../../shared/domain/localDate';

const candidate = fc.record({
  contactId: fc.uuid(),
  displayName: fc.string({ maxLength: 8 }),
  daysOverdue: fc.integer({ min: 0, max: 5000 }),
  importance: fc.constantFrom('inner' as const, 'regular' as const, 'outer' as const),
  score: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  clientValue: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 })),
});
const backlog = fc.uniqueArray(candidate, { selector: (c) => c.contactId, maxLength: 300 });
const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Australia/Lord_Howe');
const instant = fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') });

/** the plan worked out day by day, no shortcuts: the date the last one lands on */
function clearedByCounting(n: number, budget: number, doneToday: number, today: string): string | null {
  if (n === 0) return today;
  if (budget === 0) return null;
  let left = n;
  for (let i = 0; ; i++) {
    left -= Math.min(left, i === 0 ? Math.max(0, dayShare(0, budget) - doneToday) : dayShare(i, budget));
    if (left === 0) return addDaysToDate(today, i);
  }
}

describe('the catch-up plan', () => {
  propTest.prop([backlog, fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 12 }), instant, zones])(
    'plans everyone once, in order, within the budget of any week, from today in the user’s zone',
    (cands, budget, doneToday, now, zone) => {
      const plan = planCatchUp(cands, { now, timeZone: zone, weeklyBudget: budget, doneToday, days: 14 });
      expect(plan.today).toBe(localDateOf(now, zone));
      expect(plan.days.map((d) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => addDaysToDate(plan.today, i)));
      const planned = plan.days.flatMap((d) => d.items);
      // a prefix of the backlog in priority order: nobody twice, nobody skipped ahead of
      expect(planned.map((c) => c.contactId)).toEqual(orderBacklog(cands).slice(0, planned.length).map((c) => c.contactId));
      plan.days.forEach((d, i) => expect(d.items.length).toBeLessThanOrEqual(dayShare(i, budget)));
      expect(plan.days[0]!.items.length).toBeLessThanOrEqual(Math.max(0, dayShare(0, budget) - doneToday));
      for (let i = 0; i + 7 <= 14; i++) expect(plan.days.slice(i, i + 7).reduce((n, d) => n + d.items.length, 0)).toBeLessThanOrEqual(budget);
      // a full budget is used while there is a backlog
      if (planned.length < cands.length) plan.days.slice(1).forEach((d, i) => expect(d.items.length).toBe(dayShare(i + 1, budget)));
      expect(plan.backlog).toBe(cands.length);
      expect(plan.clearedBy).toBe(clearedByCounting(cands.length, budget, doneToday, plan.today));
    },
  );

  propTest.prop([candidate, fc.integer({ min: 0, max: 10_000_000 })])('more pressing by each measure, all else equal', (c, maxValue) => {
    const p = (x: CatchUpCandidate) => catchUpPriority(x, Math.max(maxValue, c.clientValue + 1));
    expect(p({ ...c, importance: 'inner' })).toBeGreaterThan(p({ ...c, importance: 'regular' }));
    expect(p({ ...c, importance: 'regular' })).toBeGreaterThan(p({ ...c, importance: 'outer' }));
    expect(p({ ...c, daysOverdue: c.daysOverdue + 1 })).toBeGreaterThan(p(c));
    if (c.score !== null && c.score > 0) expect(p({ ...c, score: c.score - 1 })).toBeGreaterThan(p(c));
    expect(p({ ...c, clientValue: c.clientValue + 1 })).toBeGreaterThan(p(c));
  });

  it('a week of 10 is spread 1–2 a day; 500 overdue at 15 a week clear in about eight months', () => {
    expect(Array.from({ length: 7 }, (_, i) => dayShare(i, 10))).toEqual([1, 1, 2, 1, 2, 1, 2]);
    const many = Array.from({ length: 500 }, (_, i) => ({ contactId: `c${i}`, displayName: `P${i}`, daysOverdue: i, importance: 'regular' as const, score: 20, clientValue: 0 }));
    const plan = planCatchUp(many, { now: Date.parse('2026-03-10T12:00:00Z'), timeZone: 'Europe/Berlin', weeklyBudget: 15 });
    expect(plan.days[0]!.items.map((c) => c.contactId)).toEqual(['c499', 'c498']);
    expect(plan.clearedBy).toBe(clearedByCounting(500, 15, 0, '2026-03-10'));
    expect(plan.clearedBy! > '2026-10-01' && plan.clearedBy! < '2026-11-01').toBe(true);
  });
});

describe('suggestedPace', () => {
  it('says nothing while the backlog clears within 12 weeks, else the pace that would clear it then', () => {
    expect(suggestedPace(0, 0)).toBeNull();
    expect(suggestedPace(180, 15)).toBeNull(); // exactly 12 weeks
    expect(suggestedPace(181, 15)).toEqual({ pace: 16 });
    expect(suggestedPace(500, 0)).toEqual({ pace: 42 });
  });
  propTest.prop([fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: MAX_WEEKLY_BUDGET })])('a suggested pace is a setting that clears the backlog in time; "too many" only when none does', (backlog, budget) => {
    const s = suggestedPace(backlog, budget);
    if (s === null) expect(budget * SUGGEST_BEYOND_WEEKS).toBeGreaterThanOrEqual(backlog);
    else if (s === 'too-many') expect(MAX_WEEKLY_BUDGET * SUGGEST_BEYOND_WEEKS).toBeLessThan(backlog);
    else {
    expect(s.pace).toBeLessThanOrEqual(MAX_WEEKLY_BUDGET);
    expect(s.pace * SUGGEST_BEYOND_WEEKS).toBeGreaterThanOrEqual(backlog);
    expect((s.pace - 1) * SUGGEST_BEYOND_WEEKS).toBeLessThan(backlog);
    }
  });
});
