import { describe, expect, it } from 'vitest';
import { addDaysToDate, daysBetween, instantOfLocal, localDateOf, localTimeOf } from '../../shared/domain/localDate';

describe('local dates in a time zone', () => {
  it('gives the local date of an instant, which differs by zone', () => {
    const instant = Date.parse('2026-03-01T03:00:00Z');
    expect(localDateOf(instant, 'UTC')).toBe('2026-03-01');
    expect(localDateOf(instant, 'America/New_York')).toBe('2026-02-28');
    expect(localDateOf(instant, 'Australia/Lord_Howe')).toBe('2026-03-01');
  });

  it('finds the instant of a local time, across a daylight-saving change', () => {
    // Berlin springs forward on 29 March 2026: 02:00 -> 03:00; 02:30 does not exist
    expect(new Date(instantOfLocal('2026-03-29', '01:30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T00:30:00.000Z');
    const skipped = instantOfLocal('2026-03-29', '02:30', 'Europe/Berlin');
    expect(localDateOf(skipped, 'Europe/Berlin')).toBe('2026-03-29');
    expect(localTimeOf(skipped, 'Europe/Berlin')).toBe('03:30');
    // Lord Howe moves by half an hour (02:00 -> 02:30 on 4 October 2026)
    const lh = instantOfLocal('2026-10-04', '02:15', 'Australia/Lord_Howe');
    expect(localDateOf(lh, 'Australia/Lord_Howe')).toBe('2026-10-04');
    expect(localTimeOf(lh, 'Australia/Lord_Howe')).toBe('02:45');
  });

  it('counts calendar days whatever the length of the days between', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDaysToDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
  });
});
