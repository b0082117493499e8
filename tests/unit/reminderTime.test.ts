// When a reminder rings: floating local dates and wall times, in the zone passed in (never the
// process's). Run by `npm run test:tz` under three process zones to prove it.
import { describe, expect, it } from 'vitest';
import { reminderFireAt, reminderRemindOn } from '../../shared/domain/reminder';
import { endOfQuietHours, inQuietHours } from '../../shared/domain/settings';
import { snoozeUntil } from '../../electron/services/reminders';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (dueDate: string, dueTime: string | null, leadDays = 0) => ({ dueDate, dueTime, leadDays, snoozedUntil: null });

describe('when a reminder rings', () => {
  it('at 02:30 on the night the clocks skip that hour, it rings when the clocks say 03:30', () => {
    expect(iso(reminderFireAt(at('2026-03-29', '02:30'), 'Europe/Berlin', '09:00'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(reminderFireAt(at('2026-03-08', '02:30'), 'America/New_York', '09:00'))).toBe('2026-03-08T07:30:00.000Z');
    // Lord Howe skips only half an hour (02:00 -> 02:30 on 4 October 2026)
    expect(iso(reminderFireAt(at('2026-10-04', '02:15'), 'Australia/Lord_Howe', '09:00'))).toBe('2026-10-03T15:45:00.000Z');
    expect(iso(reminderFireAt(at('2026-10-04', '02:30'), 'Australia/Lord_Howe', '09:00'))).toBe('2026-10-03T15:30:00.000Z');
  });

  it('a whole-day reminder rings at the digest time; a birthday its lead days before', () => {
    expect(iso(reminderFireAt(at('2026-07-01', null), 'America/New_York', '08:30'))).toBe('2026-07-01T12:30:00.000Z');
    expect(iso(reminderFireAt(at('2028-02-29', null, 3), 'Europe/Berlin', '09:00'))).toBe('2028-02-26T08:00:00.000Z');
    expect(reminderRemindOn(at('2026-03-01', null, 3), 'Europe/Berlin')).toBe('2026-02-26');
  });

  it('a user who changes time zone still gets 09:00 local, on the same local date', () => {
    const r = at('2026-06-01', '09:00');
    expect(iso(reminderFireAt(r, 'Europe/Berlin', '09:00'))).toBe('2026-06-01T07:00:00.000Z');
    expect(iso(reminderFireAt(r, 'America/New_York', '09:00'))).toBe('2026-06-01T13:00:00.000Z');
    expect(iso(reminderFireAt(r, 'Australia/Lord_Howe', '09:00'))).toBe('2026-05-31T22:30:00.000Z');
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) expect(reminderRemindOn(r, zone)).toBe('2026-06-01');
  });

  it('a snooze wins, and lists the reminder on the snooze’s local date', () => {
    const snoozed = { ...at('2026-06-01', '09:00'), snoozedUntil: Date.parse('2026-06-02T22:30:00Z') };
    expect(reminderFireAt(snoozed, 'Europe/Berlin', '09:00')).toBe(Date.parse('2026-06-02T22:30:00Z'));
    expect(reminderRemindOn(snoozed, 'Europe/Berlin')).toBe('2026-06-03');
    expect(reminderRemindOn(snoozed, 'America/New_York')).toBe('2026-06-02');
  });

  it('snooze presets: an hour, tomorrow morning (across a clock change), next Monday morning, a picked time', () => {
    const now = Date.parse('2026-03-28T15:00:00Z'); // Saturday 16:00 in Berlin, the day before summer time
    expect(iso(snoozeUntil({ id: 'x', preset: 'hour' }, now, 'Europe/Berlin', '09:00'))).toBe('2026-03-28T16:00:00.000Z');
    expect(iso(snoozeUntil({ id: 'x', preset: 'tomorrow' }, now, 'Europe/Berlin', '09:00'))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(snoozeUntil({ id: 'x', preset: 'nextWeek' }, now, 'Europe/Berlin', '08:00'))).toBe('2026-03-30T06:00:00.000Z');
    expect(iso(snoozeUntil({ id: 'x', preset: 'nextWeek' }, Date.parse('2026-03-30T10:00:00Z'), 'Europe/Berlin', '08:00'))).toBe('2026-04-06T06:00:00.000Z');
    expect(iso(snoozeUntil({ id: 'x', until: { date: '2026-04-01', time: '18:45' } }, now, 'America/New_York', '09:00'))).toBe('2026-04-01T22:45:00.000Z');
  });

  it('quiet hours across midnight, and where they end', () => {
    const quiet = { enabled: true, start: '22:00', end: '08:00' };
    expect(inQuietHours(Date.parse('2026-01-10T22:30:00Z'), quiet, 'Europe/Berlin')).toBe(true); // 23:30
    expect(inQuietHours(Date.parse('2026-01-10T20:30:00Z'), quiet, 'Europe/Berlin')).toBe(false); // 21:30
    expect(iso(endOfQuietHours(Date.parse('2026-01-10T22:30:00Z'), quiet, 'Europe/Berlin'))).toBe('2026-01-11T07:00:00.000Z');
    expect(iso(endOfQuietHours(Date.parse('2026-01-11T05:00:00Z'), quiet, 'Europe/Berlin'))).toBe('2026-01-11T07:00:00.000Z');
    expect(inQuietHours(Date.parse('2026-01-10T22:30:00Z'), { ...quiet, enabled: false }, 'Europe/Berlin')).toBe(false);
  });
});
