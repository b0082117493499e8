// Recurrence maths on calendar dates: counted from the series' anchor, clamped to short months.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { describeRecurrence, nextOccurrenceAfter, occurrenceDate, occurrenceOnOrAfter, type Recurrence } from '../../shared/domain/recurrence';
import { isIsoDate } from '../../shared/domain/calendar';

const monthly: Recurrence = { unit: 'month', interval: 1 };
const yearly: Recurrence = { unit: 'year', interval: 1 };

describe('repeating dates', () => {
  it('monthly on the 31st falls on the last day of short months and comes back to the 31st', () => {
    const series = [0, 1, 2, 3, 4, 5].map((n) => occurrenceDate('2026-01-31', monthly, n));
    expect(series).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    // the next after February's is 31 March, not 28 March (which chaining from 28 Feb would give)
    expect(nextOccurrenceAfter('2026-01-31', monthly, '2026-02-28')).toBe('2026-03-31');
    expect(occurrenceDate('2024-01-31', monthly, 1)).toBe('2024-02-29');
  });

  it('yearly on 29 February is 28 February in common years and the 29th in leap years', () => {
    expect([1, 2, 3, 4].map((n) => occurrenceDate('2024-02-29', yearly, n))).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
    expect(nextOccurrenceAfter('2024-02-29', yearly, '2027-02-28')).toBe('2028-02-29');
    expect(occurrenceOnOrAfter('2000-02-29', yearly, '2026-03-01')).toBe('2027-02-28');
    expect(occurrenceOnOrAfter('2000-02-29', yearly, '2026-02-28')).toBe('2026-02-28');
  });

  it('every N days and weeks, across a daylight-saving change', () => {
    expect(nextOccurrenceAfter('2026-03-25', { unit: 'day', interval: 3 }, '2026-03-29')).toBe('2026-03-31');
    expect(nextOccurrenceAfter('2026-03-02', { unit: 'week', interval: 2 }, '2026-03-16')).toBe('2026-03-30');
    expect(nextOccurrenceAfter('2026-10-20', { unit: 'week', interval: 1 }, '2026-10-27')).toBe('2026-11-03');
  });

  it('a one-off has no next occurrence', () => {
    expect(nextOccurrenceAfter('2026-03-02', { unit: 'none', interval: 1 }, '2026-03-02')).toBeNull();
    expect(occurrenceOnOrAfter('2026-03-02', { unit: 'none', interval: 1 }, '2026-03-01')).toBe('2026-03-02');
  });

  it('describes itself for the UI', () => {
    expect(describeRecurrence({ unit: 'week', interval: 1 })).toBe('Every week');
    expect(describeRecurrence({ unit: 'month', interval: 3 })).toBe('Every 3 months');
  });

  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const recurrence = fc.record({ unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const), interval: fc.integer({ min: 1, max: 12 }) });

  test.prop([date, recurrence, date])('the next occurrence is the first one of the series after the given date', (anchor, r, after) => {
    const next = nextOccurrenceAfter(anchor, r, after)!;
    expect(isIsoDate(next)).toBe(true);
    expect(next > after).toBe(true);
    // it is one of the series' dates, and the one before it is not after `after`
    let n = 0;
    while (occurrenceDate(anchor, r, n) < next) n += 1;
    expect(occurrenceDate(anchor, r, n)).toBe(next);
    if (n > 0) expect(occurrenceDate(anchor, r, n - 1) <= after).toBe(true);
  });
});
