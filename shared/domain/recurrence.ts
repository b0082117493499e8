// Repeating reminders: every N days, weeks, months or years, counted from the series' anchor (its
// first occurrence). Counting from the anchor, never chaining from the previous occurrence, is what
// brings a monthly reminder on the 31st back to the 31st after a short month, and a yearly one on
// 29 February back to the 29th in leap years. All maths is on calendar dates: no zone, no clock.
import { addDays, addMonths, addWeeks, addYears } from 'date-fns';

export const RECURRENCE_UNITS = ['none', 'day', 'week', 'month', 'year'] as const;
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number];

export interface Recurrence {
  unit: RecurrenceUnit;
  interval: number;
}

/**
 * A calendar date as a Date at local noon: date-fns steps by the Date's local fields, and noon
 * exists on every day in every zone (clock changes happen at night), so the process's own zone
 * cannot shift the answer.
 */
function toDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const value = new Date(2000, 0, 1, 12);
  value.setFullYear(y, m - 1, d); // setFullYear keeps years below 100 as written
  return value;
}

function toIso(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The n-th occurrence of a series (n = 0 is the anchor). A day the month lacks falls on the month's
 * last day (31st -> 30 April, 29 February -> 28 February in common years), as date-fns clamps.
 */
export function occurrenceDate(anchor: string, recurrence: Recurrence, n: number): string {
  const start = toDate(anchor);
  const steps = n * recurrence.interval;
  switch (recurrence.unit) {
    case 'none':
      return anchor;
    case 'day':
      return toIso(addDays(start, steps));
    case 'week':
      return toIso(addWeeks(start, steps));
    case 'month':
      return toIso(addMonths(start, steps));
    case 'year':
      return toIso(addYears(start, steps));
  }
}

/** roughly how many days one step spans: only to jump close to the answer before stepping */
const APPROX_DAYS: Record<Exclude<RecurrenceUnit, 'none'>, number> = { day: 1, week: 7, month: 30.436875, year: 365.2425 };

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** the first occurrence strictly after `after` (a date), or null for a one-off */
export function nextOccurrenceAfter(anchor: string, recurrence: Recurrence, after: string): string | null {
  return firstOccurrenceFrom(anchor, recurrence, after, false);
}

/** the first occurrence on or after `from`, or null for a one-off whose date has passed */
export function occurrenceOnOrAfter(anchor: string, recurrence: Recurrence, from: string): string | null {
  return firstOccurrenceFrom(anchor, recurrence, from, true);
}

function firstOccurrenceFrom(anchor: string, recurrence: Recurrence, bound: string, inclusive: boolean): string | null {
  const passes = (date: string) => (inclusive ? date >= bound : date > bound);
  if (recurrence.unit === 'none') return passes(anchor) ? anchor : null;
  if (passes(anchor)) return anchor;
  const span = APPROX_DAYS[recurrence.unit] * recurrence.interval;
  // start a step or two early and walk forward: exact whatever the month lengths
  let n = Math.max(0, Math.floor((dayNumber(bound) - dayNumber(anchor)) / span) - 1);
  for (;;) {
    const date = occurrenceDate(anchor, recurrence, n);
    if (passes(date)) return date;
    n += 1;
  }
}

/** "Every week", "Every 3 months"… for the UI */
export function describeRecurrence(recurrence: Recurrence): string {
  if (recurrence.unit === 'none') return 'Does not repeat';
  if (recurrence.interval === 1) return `Every ${recurrence.unit}`;
  return `Every ${recurrence.interval} ${recurrence.unit}s`;
}
