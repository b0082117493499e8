// Dates and numbers as this user reads them: the one module is shared/format; this binds it to the
// user's language (the browser's) and time zone (the system's), so screens call it without either.
import { format } from 'date-fns';
import * as f from '../../../shared/format';
import type { MonthDay } from '../../../shared/domain/contact';

/** the user's language tag (the browser's), for Intl */
export function userLanguage(): string {
  return typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';
}

/** how long the system's time zone is taken as known: the zone is read again after this */
const ZONE_KEPT_MS = 60_000;
let kept: { locale: f.Locale; at: number } | null = null;

/**
 * The user's language and time zone. Kept for a minute: asking Intl for the zone makes a
 * DateTimeFormat each time, which was most of the script of a scroll step on the Reminders page
 * (every row formats a few dates); a zone changed by the system shows within the minute.
 */
export function userLocale(): f.Locale {
  const now = Date.now();
  const language = userLanguage();
  if (!kept || now - kept.at > ZONE_KEPT_MS || now < kept.at || kept.locale.language !== language) {
    kept = { locale: { language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' }, at: now };
  }
  return kept.locale;
}

const L = userLocale;
export const formatNumber = (n: number) => f.formatNumber(n, L());
export const formatCount = (n: number, one: string, many: string) => f.formatCount(n, one, many, L());
export const formatPercent = (share: number) => f.formatPercent(share, L());
export const formatDaySpan = (days: number) => f.formatDaySpan(days, L());
export const formatOverdue = (days: number) => f.formatOverdue(days, L());
export const formatDaysAgo = (days: number | null) => f.formatDaysAgo(days, L());
export const formatInDays = f.formatInDays;
export const formatDay = (ms: number) => f.formatDay(ms, L());
export const formatDateTime = (ms: number) => f.formatDateTime(ms, L());
export const formatTime = (ms: number) => f.formatTime(ms, L());
export const formatWhen = (ms: number, now: number) => f.formatWhen(ms, now, L());
export const formatAgo = (ms: number, now: number) => f.formatAgo(ms, now, L());
export const formatCalendarDay = (date: string, style: f.DayStyle = 'day') => f.formatCalendarDay(date, style, L());
export const formatDayNear = (date: string, today: string) => f.formatDayNear(date, today, L());
export const formatMonthDay = (d: MonthDay) => f.formatMonthDay(d, L());
export const formatAge = (d: MonthDay, today: string) => f.formatAge(d, today, L());
export const monthNames = () => f.monthNames(L());
export const formatMoney = (amountMinor: number, currency: string) => f.formatMoney(amountMinor, currency, L());

/** the value of an <input type="datetime-local"> for an instant, in the user's zone (not display) */
export function toLocalInputValue(ms: number): string {
  return format(ms, "yyyy-MM-dd'T'HH:mm");
}

/** today in the browser's zone, as YYYY-MM-DD (a date input's value) */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
