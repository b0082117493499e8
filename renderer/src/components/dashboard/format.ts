// Words and colours the dashboard and the contact page share.
import type { HealthBand, HealthFlag } from '../../../../shared/domain/health';

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

export function daysAgo(n: number | null): string {
  if (n === null) return 'never';
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  return `${n} days ago`;
}

export function overdueText(days: number): string {
  if (days === 0) return 'Due today';
  return `${days} day${days === 1 ? '' : 's'} overdue`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** 400 days -> "1 year 1 month"; 45 -> "1 month"; 10 -> "10 days" */
export function duration(days: number): string {
  if (days < 31) return `${days} day${days === 1 ? '' : 's'}`;
  const years = Math.floor(days / 365);
  const months = Math.floor((days - years * 365) / 30.4);
  const parts = [];
  if (years) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (months) parts.push(`${months} month${months === 1 ? '' : 's'}`);
  return parts.join(' ');
}
