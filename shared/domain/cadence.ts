// Check-in cadences: which one applies to a contact, and when its next check-in falls due.
import type { Importance } from './contact';
import { daysBetween } from './localDate';
import { dateOfEpochDay, localEpochDay } from './epochDay';

/** when neither the contact nor its circle says anything */
export const DEFAULT_CADENCE_DAYS = 30;

/** the contact's own cadence, else its circle's default, else 30 days; 0 means "never remind" */
export function effectiveCadence(own: number | null, circleDefault: number | null | undefined): number {
  return own ?? circleDefault ?? DEFAULT_CADENCE_DAYS;
}


/**
 * The local date a contact's next check-in falls due: its last interaction (or, never contacted,
 * the day it was added) plus the cadence, not before a snooze ends. null = cadence 0, never.
 */
export function nextCheckInDate(
  p: { lastInteractionAt: number | null; createdAt: number; cadenceDays: number; snoozedUntil: number | null },
  timeZone: string,
): string | null {
  const day = nextCheckInDay({
    lastInteractionDay: p.lastInteractionAt === null ? null : localEpochDay(p.lastInteractionAt, timeZone),
    createdDay: localEpochDay(p.createdAt, timeZone),
    cadenceDays: p.cadenceDays,
    snoozedUntilDay: p.snoozedUntil === null ? null : localEpochDay(p.snoozedUntil, timeZone),
  });
  return day === null ? null : dateOfEpochDay(day);
}

/** the same rule on local days as integers (epochDay.ts), for paths over every contact at once */
export function nextCheckInDay(p: { lastInteractionDay: number | null; createdDay: number; cadenceDays: number; snoozedUntilDay: number | null }): number | null {
  if (p.cadenceDays <= 0) return null;
  const due = (p.lastInteractionDay ?? p.createdDay) + p.cadenceDays;
  return p.snoozedUntilDay !== null && p.snoozedUntilDay > due ? p.snoozedUntilDay : due;
}

/** days past the check-in date: 0 on the day it falls due, negative before */
export function daysOverdue(nextCheckIn: string, today: string): number {
  return daysBetween(nextCheckIn, today);
}

/** how much an overdue check-in matters: inner circle first */
export const IMPORTANCE_WEIGHT: Record<Importance, number> = { inner: 2, regular: 1, outer: 0.5 };

/** the follow-up list's order: days overdue weighted by importance, highest first */
export function followUpPriority(overdueDays: number, importance: Importance): number {
  return overdueDays * IMPORTANCE_WEIGHT[importance];
}
