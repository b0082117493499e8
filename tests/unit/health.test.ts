// The health engine on hand-computed cases (DESIGN.md "Health score"), then its properties.
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { computeHealth, healthCore, resultsThrough, RESULTS_HORIZON_DAYS, type HealthDays, type HealthFacts, type HealthInteraction, type HealthSubject } from '../../shared/domain/health';
import { INTERACTION_KINDS, DIRECTIONS } from '../../shared/domain/interaction';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const subject = (over: Partial<HealthSubject> = {}): HealthSubject => ({ cadenceDays: 30, createdAt: Date.parse('2025-01-01T09:00:00Z'), snoozedUntil: null, importance: 'regular', ...over });
let n = 0;
const ix = (daysAgo: number, over: Partial<HealthInteraction> = {}): HealthInteraction => ({
  id: `i${++n}`,
  occurredAt: NOW - daysAgo * DAY,
  kind: 'meeting',
  direction: 'mutual',
  rating: null,
  ...over,
});
const health = (list: HealthInteraction[], over: Partial<HealthSubject> = {}, now = NOW, zone = 'UTC') => computeHealth(subject(over), list, now, zone);

describe('the health score on hand-computed cases (cadence 30, window 90 days, now 2026-06-01 12:00 UTC)', () => {
  it('no interactions: recency 0, frequency 0, score 0, at risk, dormant since added, check-in long overdue', () => {
    const h = health([]);
    expect(h.parts).toEqual({ recency: 0, frequency: 0, ratingAdjustment: 0 });
    expect(h.score).toBe(0);
    expect(h.band).toBe('at-risk');
    expect(h.nextCheckIn).toBe('2025-01-31'); // added 2025-01-01 + 30 days
    expect(h.daysOverdue).toBe(486);
    expect(h.flags.map((f) => f.flag)).toEqual(['dormant']);
    expect(h.flags[0]!.reason).toBe('Nothing logged since you added them over a year ago; you aim for every month.');
    expect(h.explanation).toBe('You have not talked yet; you aim for every month.');
  });

  it('a meeting today: recency 100, frequency 1 of 3 = 33.3, score round(60 + 13.33) = 73, steady', () => {
    const h = health([ix(0)]);
    expect(h.parts!.recency).toBe(100);
    expect(h.parts!.frequency).toBeCloseTo(100 / 3, 10);
    expect(h.score).toBe(73);
    expect(h.band).toBe('steady');
    expect(h.nextCheckIn).toBe('2026-07-01');
    expect(h.daysOverdue).toBe(-30);
    expect(h.flags).toEqual([]);
    expect(h.explanation).toBe("You've talked once in the last 3 months (last time today); you aim for every month.");
  });

  it('exactly at the cadence boundary (a call 30 days ago): recency still 100, due today', () => {
    const h = health([ix(30, { kind: 'call' })]);
    expect(h.daysSinceLast).toBe(30);
    expect(h.parts!.recency).toBe(100);
    expect(h.parts!.frequency).toBeCloseTo(0.8 * 100 / 3, 10); // 26.67
    expect(h.score).toBe(71); // round(60 + 10.67)
    expect(h.nextCheckIn).toBe('2026-06-01');
    expect(h.daysOverdue).toBe(0);
  });

  it('one cadence overdue (60 days): recency halves to 50, score round(30 + 13.33) = 43, cooling band', () => {
    const h = health([ix(60)]);
    expect(h.parts!.recency).toBe(50);
    expect(h.score).toBe(43);
    expect(h.band).toBe('cooling');
    expect(h.daysOverdue).toBe(30);
    expect(h.flags).toEqual([]);
  });

  it('two cadences overdue (90 days): recency 25, out of the window, score 15, cooling and dormant flags', () => {
    const h = health([ix(90)]);
    expect(h.parts!.recency).toBe(25);
    expect(h.parts!.frequency).toBe(0); // the window is the 90 days 2026-03-04..2026-06-01
    expect(h.score).toBe(15);
    expect(h.band).toBe('at-risk');
    expect(h.daysOverdue).toBe(60);
    expect(h.flags.map((f) => f.flag)).toEqual(['cooling', 'dormant']);
    expect(h.flags[1]!.reason).toBe('You have not talked for 3 months; you aim for every month.');
    expect(h.flags[0]!.reason).toBe('You are in touch less than half as much as before: not at all in the last 3 months, against more in the 3 months before.');
  });

  it('ratings move the score by (average − 3) × 5: +10 at 5, −10 at 1, and the result stays within 0–100', () => {
    expect(health([ix(0, { rating: 5 })]).score).toBe(83);
    expect(health([ix(0, { rating: 5 })]).band).toBe('thriving');
    expect(health([ix(0, { rating: 1 })]).score).toBe(63);
    expect(health([ix(0, { rating: 3 })]).score).toBe(73);
    // only the last 5 rated count: five 5s after an old 1
    expect(health([ix(10, { rating: 1 }), ...[0, 1, 2, 3, 4].map((d) => ix(d, { rating: 5 }))]).parts!.ratingAdjustment).toBe(10);
    const full = [0, 1, 2].map((d) => ix(d, { rating: 5 }));
    expect(health(full).parts).toMatchObject({ recency: 100, frequency: 100, ratingAdjustment: 10 });
    expect(health(full).score).toBe(100);
    expect(health([ix(400, { rating: 1 })]).score).toBe(0);
    expect(health([ix(0, { rating: 4 }), ix(1, { rating: 5 })]).explanation).toBe(
      "You've talked twice in the last 3 months (last time today); you aim for every month. Your last rated conversations went well (4.5 of 5 on average).",
    );
  });

  it('says it in plain words, never in fractional counts', () => {
    const h = health([ix(45), ix(60)]);
    expect(h.explanation).toBe("You've talked twice in the last 3 months (last time 45 days ago); you aim for every month.");
    // the example of issue 13: one call in the last 3 months, a two-week cadence
    expect(health([ix(20, { kind: 'call' })], { cadenceDays: 14 }).explanation).toBe("You've talked once in the last 3 months (last time 20 days ago); you aim for every 2 weeks.");
    expect(health([ix(100, { kind: 'email' })], { cadenceDays: 7 }).explanation).toBe("You haven't talked in the last 3 months (last time over 3 months ago); you aim for every week.");
    for (const list of [[ix(3, { kind: 'email' })], [ix(1, { kind: 'call' }), ix(2, { kind: 'message' })], []]) expect(health(list).explanation).not.toMatch(/\d\.\d|expected/);
    expect(h.score).toBe(Math.round(0.6 * 100 * 2 ** -0.5 + 0.4 * (200 / 3)));
  });

  it('a contact added less than a cadence ago with nothing logged is New: no score, no flags, not at risk', () => {
    const added = NOW - 5 * DAY;
    const h = health([], { createdAt: added, cadenceDays: 14 });
    expect(h).toMatchObject({ score: null, band: 'new', parts: null, flags: [], nextCheckIn: '2026-06-10', daysOverdue: -9 });
    expect(h.explanation).toBe('New: added 5 days ago, nothing logged yet. You aim for every 2 weeks, so a score starts in 9 days if you have not talked by then.');
    // added today (an import): New too
    expect(health([], { createdAt: NOW }).band).toBe('new');
    // its first cadence has passed: scored, and at risk since nothing happened
    const later = computeHealth(subject({ createdAt: added, cadenceDays: 14 }), [], added + 14 * DAY, 'UTC');
    expect(later.band).toBe('at-risk');
    expect(later.score).toBe(0);
    // the first interaction ends "new" at once
    expect(health([ix(1)], { createdAt: added, cadenceDays: 14 }).band).not.toBe('new');
    // never remind: not new, not scored
    expect(health([], { createdAt: added, cadenceDays: 0 }).band).toBeNull();
  });

  it('weights kinds: meeting and video 1.0, call 0.8, message/email/social 0.4, other 0.5', () => {
    const kinds = ['video', 'call', 'message', 'email', 'social', 'other'] as const;
    expect(health(kinds.map((kind) => ix(1, { kind }))).weightedCount).toBeCloseTo(1 + 0.8 + 0.4 * 3 + 0.5, 10);
    expect(health([ix(1, { kind: 'email' })], { cadenceDays: 60 }).windowDays).toBe(180); // max(90, 3C)
  });

  it('cadence 0: no score, no flags, no check-in', () => {
    const h = health([ix(500)], { cadenceDays: 0 });
    expect(h).toMatchObject({ score: null, band: null, parts: null, flags: [], nextCheckIn: null, daysOverdue: null });
    expect(h.explanation).toBe('Last talked over a year ago. You chose not to be reminded about this relationship.');
  });

  it('ignores interactions after now', () => {
    expect(health([ix(-1), ix(-30, { rating: 5 })])).toEqual(health([]));
    expect(health([ix(60), ix(-2)]).score).toBe(43);
  });

  it('one-sided when at least 8 of the last 10 were started by me (from 5 interactions on)', () => {
    const started = (outbound: number, total: number) =>
      health(Array.from({ length: total }, (_, i) => ix(i, { direction: i < outbound ? 'outbound' : 'inbound' }))).flags.map((f) => f.flag);
    expect(started(8, 10)).toContain('one-sided');
    expect(started(7, 10)).not.toContain('one-sided');
    expect(started(4, 4)).not.toContain('one-sided');
    expect(started(5, 5)).toContain('one-sided');
    // older interactions beyond the last 10 do not count
    const list = [...Array.from({ length: 10 }, (_, i) => ix(i, { direction: 'outbound' })), ...Array.from({ length: 10 }, (_, i) => ix(20 + i, { direction: 'inbound' }))];
    expect(health(list).flags.find((f) => f.flag === 'one-sided')!.reason).toBe('You started 10 of the last 10 interactions.');
  });

  it('cooling when the window holds under half of the window before it', () => {
    const before = [100, 110, 120, 130].map((d) => ix(d)); // 4.0 in 2025-12-04..2026-03-03
    expect(health([...before, ix(10)]).flags.map((f) => f.flag)).toContain('cooling'); // 1 < 2
    expect(health([...before, ix(10), ix(11)]).flags.map((f) => f.flag)).not.toContain('cooling'); // 2 = half
  });

  it('counts days in the user’s time zone', () => {
    const late = { ...ix(0), occurredAt: Date.parse('2026-05-31T22:30:00Z') }; // 1 June 00:30 in Berlin
    expect(health([late], {}, NOW, 'UTC').daysSinceLast).toBe(1);
    expect(health([late], {}, NOW, 'Europe/Berlin').daysSinceLast).toBe(0);
  });

  it('a snooze moves the check-in date', () => {
    expect(health([ix(60)], { snoozedUntil: Date.parse('2026-06-08T00:00:00Z') }).daysOverdue).toBe(-7);
  });
});

const interactionArb = (now: number) =>
  fc.record({
    id: fc.uuid(),
    occurredAt: fc.integer({ min: now - 800 * DAY, max: now }),
    kind: fc.constantFrom(...INTERACTION_KINDS),
    direction: fc.constantFrom(...DIRECTIONS),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  });
const subjectArb = fc.record({
  cadenceDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  createdAt: fc.integer({ min: NOW - 1000 * DAY, max: NOW }),
  snoozedUntil: fc.option(fc.integer({ min: NOW - 100 * DAY, max: NOW + 100 * DAY }), { nil: null }),
  importance: fc.constantFrom('inner' as const, 'regular' as const, 'outer' as const),
});
const zoneArb = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu');

describe('health properties', () => {
  propTest.prop([subjectArb, fc.array(interactionArb(NOW), { maxLength: 40 }), zoneArb])('the score is always within 0–100 (or absent for cadence 0)', (s, list, zone) => {
    const h = computeHealth(s, list, NOW, zone);
    if (s.cadenceDays === 0 || h.band === 'new') expect(h.score).toBeNull();
    else {
      expect(Number.isInteger(h.score)).toBe(true);
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(100);
    }
  });

  propTest.prop([subjectArb.filter((s) => s.cadenceDays > 0), fc.array(interactionArb(NOW), { maxLength: 30 }), interactionArb(NOW), zoneArb])(
    'a new interaction at now never lowers recency',
    (s, list, extra, zone) => {
      const before = computeHealth(s, list, NOW, zone).parts?.recency ?? 0;
      const after = computeHealth(s, [...list, { ...extra, occurredAt: NOW }], NOW, zone).parts!.recency;
      expect(after).toBeGreaterThanOrEqual(before);
      expect(after).toBe(100);
    },
  );

  propTest.prop([subjectArb.filter((s) => s.cadenceDays > 0), fc.array(interactionArb(NOW), { maxLength: 30 }), fc.integer({ min: 1, max: 400 * DAY }), zoneArb])(
    'moving now forward with no new interaction never raises the score',
    (s, list, forward, zone) => {
      const then = computeHealth(s, list, NOW, zone);
      const later = computeHealth(s, list, NOW + forward, zone);
      // a new contact has no score yet; once scored, time alone only lowers it
      if (then.band !== 'new') expect(later.score!).toBeLessThanOrEqual(then.score!);
    },
  );

  // the all-contacts table recomputes a row's results only after this day: it must be the last day
  // healthCore itself gives today's score and signs (asked day by day here, without the bisection)
  propTest.prop([
    fc.integer({ min: 0, max: 120 }),
    fc.record({
      lastAt: fc.constant(0),
      windowWeightTenths: fc.integer({ min: 0, max: 400 }),
      windowCount: fc.integer({ min: 0, max: 40 }),
      previousWeightTenths: fc.integer({ min: 0, max: 400 }),
      sampleCount: fc.integer({ min: 0, max: 10 }),
      sampleOutbound: fc.integer({ min: 0, max: 10 }),
      ratedCount: fc.integer({ min: 0, max: 5 }),
      ratingSum: fc.integer({ min: 0, max: 25 }),
    }),
    fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
    fc.integer({ min: 0, max: 900 }),
    fc.integer({ min: 0, max: 60 }),
  ])('resultsThrough is the last day healthCore keeps today’s score and signs', (cadence, facts: HealthFacts, lastAgo, createdAgo, tolerance) => {
    const today = 20_000;
    const days: HealthDays = { todayDay: today, lastDay: lastAgo === null ? null : today - lastAgo, createdDay: today - Math.max(createdAgo, lastAgo ?? 0), snoozedDay: null, toleranceDays: tolerance };
    const on = (day: number) => {
      const c = healthCore(cadence, facts, 90, { ...days, todayDay: day });
      return `${c.score}|${c.flags}|${c.isNew}`;
    };
    const through = resultsThrough(cadence, facts, 90, days);
    let expected = today;
    while (expected < today + RESULTS_HORIZON_DAYS && on(expected + 1) === on(today)) expected++;
    expect(through).toBe(cadence === 0 ? today + RESULTS_HORIZON_DAYS : expected);
  });
});
