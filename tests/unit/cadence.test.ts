import { describe, expect, it } from 'vitest';
import { daysOverdue, effectiveCadence, followUpPriority, nextCheckInDate } from '../../shared/domain/cadence';

const at = (iso: string) => Date.parse(iso);

describe('cadences', () => {
  it('inherits: own cadence, else the circle default, else 30; 0 stays 0 (never)', () => {
    expect(effectiveCadence(7, 30)).toBe(7);
    expect(effectiveCadence(null, 14)).toBe(14);
    expect(effectiveCadence(null, null)).toBe(30);
    expect(effectiveCadence(0, 14)).toBe(0);
  });

  it('puts the next check-in a cadence after the last interaction, in the local calendar', () => {
    const p = { lastInteractionAt: at('2026-03-01T23:30:00Z'), createdAt: at('2025-01-01T00:00:00Z'), cadenceDays: 14, snoozedUntil: null };
    expect(nextCheckInDate(p, 'UTC')).toBe('2026-03-15');
    expect(nextCheckInDate(p, 'Europe/Berlin')).toBe('2026-03-16'); // 00:30 on 2 March there
  });

  it('counts from the day a contact was added when there was never an interaction; never for cadence 0', () => {
    expect(nextCheckInDate({ lastInteractionAt: null, createdAt: at('2026-05-10T10:00:00Z'), cadenceDays: 30, snoozedUntil: null }, 'UTC')).toBe('2026-06-09');
    expect(nextCheckInDate({ lastInteractionAt: null, createdAt: at('2026-05-10T10:00:00Z'), cadenceDays: 0, snoozedUntil: null }, 'UTC')).toBeNull();
  });

  it('does not fall due before a snooze ends', () => {
    const p = { lastInteractionAt: at('2026-03-01T12:00:00Z'), createdAt: 0, cadenceDays: 7, snoozedUntil: at('2026-03-20T09:00:00Z') };
    expect(nextCheckInDate(p, 'UTC')).toBe('2026-03-20');
  });

  it('weights days overdue by importance', () => {
    expect(daysOverdue('2026-03-10', '2026-03-15')).toBe(5);
    expect(daysOverdue('2026-03-20', '2026-03-15')).toBe(-5);
    expect(followUpPriority(5, 'inner')).toBeGreaterThan(followUpPriority(8, 'outer'));
  });
});
