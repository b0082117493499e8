// The integer-day calendar used by hot paths must agree with localDate.ts everywhere.
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dateOfEpochDay, epochDayOf, localEpochDay } from '../../shared/domain/epochDay';
import { addDaysToDate, localDateOf } from '../../shared/domain/localDate';

const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia', 'Pacific/Kiritimati'];

describe('local days as integers', () => {
  it('round-trips dates, leap days included', () => {
    expect(epochDayOf('1970-01-01')).toBe(0);
    expect(dateOfEpochDay(epochDayOf('2024-02-29'))).toBe('2024-02-29');
    expect(dateOfEpochDay(epochDayOf('2024-02-29') + 1)).toBe('2024-03-01');
  });

  it('knows the local day around a clock change (Berlin, 29 March 2026)', () => {
    expect(dateOfEpochDay(localEpochDay(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin'))).toBe('2026-03-29');
    expect(dateOfEpochDay(localEpochDay(Date.parse('2026-03-29T21:59:59Z'), 'Europe/Berlin'))).toBe('2026-03-29');
    expect(dateOfEpochDay(localEpochDay(Date.parse('2026-03-29T22:00:00Z'), 'Europe/Berlin'))).toBe('2026-03-30');
  });

  propTest.prop([fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2060-01-01') }), fc.constantFrom(...zones)])('agrees with localDateOf', (instant, zone) => {
    expect(dateOfEpochDay(localEpochDay(instant, zone))).toBe(localDateOf(instant, zone));
  });

  propTest.prop([fc.integer({ min: 0, max: 60000 }), fc.integer({ min: -4000, max: 4000 })])('adds days like addDaysToDate', (day, delta) => {
    expect(dateOfEpochDay(day + delta)).toBe(addDaysToDate(dateOfEpochDay(day), delta));
  });
});
