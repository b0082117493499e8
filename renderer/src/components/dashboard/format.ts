// Words and colours the dashboard and the contact page share.
import type { HealthBand, HealthFlag } from '../../../../shared/domain/health';
import { formatCalendarDay, formatDaySpan, formatDaysAgo, formatInDays, formatOverdue, formatPercent } from '../../lib/format';
import { dateOfDay } from '../../../../shared/format';

export const BAND_COLOR_VAR: Record<HealthBand, string> = {
  thriving: 'var(--band-thriving)',
  steady: 'var(--band-steady)',
  cooling: 'var(--band-cooling)',
  'at-risk': 'var(--band-at-risk)',
  new: 'var(--band-new)',
};

export const FLAG_LABEL: Record<HealthFlag, string> = { cooling: 'Cooling', 'one-sided': 'One-sided', dormant: 'Dormant' };

/** a 'YYYY-MM-DD' local date as a Date at local midnight (for formatting only) */
export const localDate = dateOfDay;

export const shortDate = (date: string): string => formatCalendarDay(date, 'short');
export const longDate = (date: string): string => formatCalendarDay(date, 'long');
export const weekday = (date: string): string => formatCalendarDay(date, 'weekday');
export const inDays = formatInDays;

/** "today", "yesterday", "3 weeks ago" (lib/format.ts) */
export const daysAgo = (n: number | null): string => formatDaysAgo(n);

/** "Due today", "11 years overdue" (lib/format.ts) */
export const overdueText = (days: number): string => formatOverdue(days);

export const percent = (share: number): string => formatPercent(share);

/** an average length of a relationship: "5 months", "3 years" (lib/format.ts) */
export const duration = (days: number): string => formatDaySpan(days);
