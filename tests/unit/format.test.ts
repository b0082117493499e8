// Dates and numbers are written one way (shared/format), from the locale and zone passed in.
import { describe, expect, it } from 'vitest';
import { ageOf, formatAge, formatAgo, formatCount, formatDateTime, formatDay, formatDaySpan, formatDayNear, formatDaysAgo, formatNumber, formatOverdue, formatPercent, formatTime, formatWhen, type Locale } from '../../shared/format';

const US: Locale = { language: 'en-US', timeZone: 'UTC' };
const DE: Locale = { language: 'de-DE', timeZone: 'Europe/Berlin' };

describe('formatDaySpan', () => {
  it('picks the coarsest unit that still reads true, rounding down', () => {
    const cases: [number, string][] = [
      [0, '0 days'],
      [1, '1 day'],
      [13, '13 days'],
      [14, '2 weeks'],
      [59, '8 weeks'],
      [60, '1 month'],
      [364, '11 months'],
      [365, '1 year'],
      [4178, '11 years'],
    ];
    for (const [days, text] of cases) expect(formatDaySpan(days, US)).toBe(text);
  });

  it('speaks the user’s language', () => {
    expect(formatDaySpan(4178, DE)).toBe('11 Jahre');
    expect(formatDaySpan(3, { language: 'fr-FR', timeZone: 'UTC' })).toMatch(/^3\sjours$/);
  });

  it('overdue and ago read as sentences', () => {
    expect(formatOverdue(4178, US)).toBe('11 years overdue');
    expect(formatOverdue(0, US)).toBe('Due today');
    expect(formatDaysAgo(1, US)).toBe('yesterday');
    expect(formatDaysAgo(45, US)).toBe('6 weeks ago');
    expect(formatDaysAgo(null, US)).toBe('never');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('says a day or more as formatDaySpan does, so "ago" and "overdue" round the same way', () => {
    // 4,178 days: formatDistanceStrict said "12 years ago" beside "11 years overdue"
    expect(formatAgo(now - 4178 * 86_400_000, now, US)).toBe('11 years ago');
    expect(formatAgo(now - 59 * 86_400_000, now, US)).toBe('8 weeks ago');
    expect(formatAgo(now + 3 * 86_400_000, now, US)).toBe('in 3 days');
  });
  it('keeps hours and minutes under a day, rounded down, and "just now" under a minute', () => {
    expect(formatAgo(now - 5.9 * 3_600_000, now, US)).toBe('5 hours ago');
    expect(formatAgo(now - 30_000, now, US)).toBe('just now');
  });
});

describe('numbers', () => {
  it('group digits the way the language does', () => {
    expect(formatNumber(2165, US)).toBe('2,165');
    expect(formatNumber(2165, DE)).toBe('2.165');
    expect(formatCount(1, 'person', 'people', US)).toBe('1 person');
    expect(formatCount(10000, 'person', 'people', DE)).toBe('10.000 people');
    expect(formatPercent(0.426, US)).toBe('43%');
  });
});

describe('instants', () => {
  // 23:30 UTC on 31 Dec 2026 is already 1 Jan 2027 in Berlin
  const ms = Date.UTC(2026, 11, 31, 23, 30);
  it('are shown in the zone passed, not the machine’s', () => {
    expect(formatDay(ms, US)).toBe('Dec 31, 2026');
    expect(formatDay(ms, DE)).toBe('1. Jan. 2027');
    expect(formatTime(ms, US)).toBe('23:30');
    expect(formatTime(ms, DE)).toBe('00:30');
    expect(formatDateTime(ms, DE)).toMatch(/^1\. Jan\. 2027.*00:30$/);
  });
  it('drop the year only within the same year in that zone', () => {
    const now = Date.UTC(2027, 0, 5, 12);
    expect(formatWhen(ms, now, DE)).toMatch(/^Fr\.? 1 Jan/);
    expect(formatWhen(ms, now, US)).toMatch(/2026/);
  });
});

describe('ages', () => {
  it('count whole years and name the next birthday', () => {
    expect(ageOf({ month: 12, day: 10, year: 1990 }, '2026-12-09')).toEqual({ age: 35, turns: 36, on: '2026-12-10', inDays: 1 });
    expect(ageOf({ month: 12, day: 10, year: 1990 }, '2026-12-10')).toEqual({ age: 36, turns: 36, on: '2026-12-10', inDays: 0 });
    expect(ageOf({ month: 3, day: 1, year: 1990 }, '2026-12-10')?.on).toBe('2027-03-01');
    expect(formatAge({ month: 12, day: 10, year: 1990 }, '2026-06-01', US)).toBe('35 · turns 36 on 10 Dec');
    expect(formatAge({ month: 12, day: 10, year: 1990 }, '2026-12-10', US)).toBe('36 · turns 36 today');
  });
  it('keep 29 February on 28 February in other years, and know nothing without a year', () => {
    expect(ageOf({ month: 2, day: 29, year: 2000 }, '2026-02-28')).toMatchObject({ age: 26, inDays: 0 });
    expect(ageOf({ month: 2, day: 29, year: 2000 }, '2026-02-27')).toMatchObject({ age: 25, turns: 26 });
    expect(ageOf({ month: 5, day: 1, year: null }, '2026-02-27')).toBeNull();
    expect(formatAge({ month: 5, day: 1, year: null }, '2026-02-27', US)).toBeNull();
  });
});

describe('formatDayNear', () => {
  it('leaves the year out only within today\'s year, so a date eleven years ago does not read as this June', () => {
    expect(formatDayNear('2026-06-24', '2026-12-01', US)).toBe('24 Jun');
    expect(formatDayNear('2015-06-24', '2026-12-01', US)).toBe('24 Jun 2015');
    expect(formatDayNear('2027-01-05', '2026-12-01', US)).toBe('5 Jan 2027');
  });
});
