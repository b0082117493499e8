// Words and colours the dashboard and the contact page share.
import type { HealthBand, HealthFlag } from '../../../../shared/domain/health';
import { formatDaySpan, formatDaysAgo, formatOverdue } from '../../lib/format';

export const BAND_COLOR_VAR: Record<HealthBand, string> = {
  thriving: 'var(--band-thriving)',
  steady: 'var(--band-steady)',
  cooling: 'var(--band-cooling)',
  'at-risk': 'var(--band-at-risk)',
  new: 'var(--band-new)',
};

export const FLAG_LABEL: Record<HealthFlag, string> = { cooling: 'Cooling', 'one-sided': 'One-sided', dormant: 'Dormant' };

/** a 'YYYY-MM-DD' local date as a Date at local midnight (for formatting only) */
export function localDate(date: string): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function shortDate(date: string): string {
  return localDate(date).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

export function longDate(date: string): string {
  return localDate(date).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
}

export function weekday(date: string): string {
  return localDate(date).toLocaleDateString(undefined, { weekday: 'short' });
}

export function inDays(n: number): string {
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  return `in ${n} days`;
}

/** "today", "yesterday", "3 weeks ago" (lib/format.ts) */
export const daysAgo = (n: number | null): string => formatDaysAgo(n);

/** "Due today", "11 years overdue" (lib/format.ts) */
export const overdueText = (days: number): string => formatOverdue(days);

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** an average length of a relationship: "5 months", "3 years" (lib/format.ts) */
export const duration = (days: number): string => formatDaySpan(days);
