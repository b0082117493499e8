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

/** a check-in rhythm: due every `days`, overdue only from `latestDays` ("every 4 weeks, at worst 6") */
export interface Rhythm {
  days: number;
  /** >= days; equal when no tolerance was given */
  latestDays: number;
  source: 'contact' | 'tag' | 'circle' | 'default';
}

/** a cadence as stored: the ideal interval and, optionally, the latest one */
export interface CadenceSetting {
  days: number;
  latestDays: number | null;
}

/**
 * The one rule for which rhythm applies to a contact (its SQL twin: db/queries/cadence.ts):
 * - the contact's own cadence wins, whatever it says (0 included: "never remind this person");
 * - otherwise, among its tags' cadences and its circle's default, the shortest one that reminds
 *   (not 0) wins, so adding a tag never loosens a rhythm; on equal cadences the tighter latest
 *   interval, then a tag before the circle. 0 only when every one of them says 0;
 * - with none of these, every 30 days.
 * The latest interval goes with the cadence that won (itself when it was not given).
 */
export function effectiveRhythm(own: CadenceSetting | null, tags: readonly CadenceSetting[], circle: CadenceSetting | null): Rhythm {
  const rhythm = (c: CadenceSetting, source: Rhythm['source']): Rhythm => ({ days: c.days, latestDays: Math.max(c.days, c.latestDays ?? c.days), source });
  if (own) return rhythm(own, 'contact');
  const candidates = [...tags.map((t) => rhythm(t, 'tag')), ...(circle ? [rhythm(circle, 'circle')] : [])];
  if (candidates.length === 0) return { days: DEFAULT_CADENCE_DAYS, latestDays: DEFAULT_CADENCE_DAYS, source: 'default' };
  const rank = (r: Rhythm) => [r.days === 0 ? 1 : 0, r.days, r.latestDays, r.source === 'tag' ? 0 : 1];
  return candidates.reduce((best, r) => {
    const a = rank(r);
    const b = rank(best);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? r : best;
    return best;
  });
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

/**
 * The day a check-in becomes overdue: the same rule as nextCheckInDay with the latest interval
 * (a snooze moves both). Between nextCheckInDay and this day the check-in is due, not overdue.
 */
export function latestCheckInDay(p: { lastInteractionDay: number | null; createdDay: number; cadenceDays: number; toleranceDays: number; snoozedUntilDay: number | null }): number | null {
  if (p.cadenceDays <= 0) return null;
  return nextCheckInDay({ ...p, cadenceDays: p.cadenceDays + p.toleranceDays });
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
