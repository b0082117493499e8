// How Kith writes dates and numbers, one way everywhere. Every function takes the reader's
// `Locale` (a BCP-47 language tag and an IANA time zone) and none reads the clock or the browser:
// the renderer binds them once to the user's (renderer/src/lib/format.ts); tests pass their own.
// Instants (epoch ms) are shown in the zone; calendar dates ('YYYY-MM-DD') have no zone.
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, formatDistanceStrict, type Locale as DateFnsLocale } from 'date-fns';
import { de, enGB, enUS, es, fr, it, ja, nl, pl, ptBR, sv } from 'date-fns/locale';
import type { MonthDay } from '../domain/contact';
import { formatMoney as formatMoneyIn } from '../domain/money';

export interface Locale {
  /** BCP-47 tag, e.g. 'en-GB' */
  language: string;
  /** IANA zone, e.g. 'Europe/Berlin' */
  timeZone: string;
}

const DATE_FNS: Record<string, DateFnsLocale> = { 'en-US': enUS, en: enGB, de, es, fr, it, ja, nl, pl, pt: ptBR, sv };

/** the best date-fns locale for a language: exact tag, then language, then English */
export function dateFnsLocale(language: string): DateFnsLocale {
  return DATE_FNS[language] ?? DATE_FNS[language.split('-')[0]!] ?? enUS;
}

const opts = (l: Locale) => ({ locale: dateFnsLocale(l.language) });
const inZone = (ms: number, l: Locale) => new TZDate(ms, l.timeZone);
/** a calendar date as a Date at local midnight, for formatting only */
export function dateOfDay(date: string): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

// ── numbers ──────────────────────────────────────────────────────────────────
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string, key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  const k = `${language} ${key}`;
  let f = numberFormats.get(k);
  if (!f) numberFormats.set(k, (f = make()));
  return f;
}

/** 2165 -> "2,165" (en), "2.165" (de) */
export function formatNumber(n: number, l: Locale): string {
  return numberFormat(l.language, 'n', () => new Intl.NumberFormat(l.language)).format(n);
}

/** "1 person", "2,165 people" */
export function formatCount(n: number, one: string, many: string, l: Locale): string {
  return `${formatNumber(n, l)} ${n === 1 ? one : many}`;
}

/** 0.42 -> "42%" */
export function formatPercent(share: number, l: Locale): string {
  return numberFormat(l.language, '%', () => new Intl.NumberFormat(l.language, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

/** 123456 EUR -> "€1,234.56" (shared/domain/money.ts is the one money rule) */
export function formatMoney(amountMinor: number, currency: string, l: Locale): string {
  return formatMoneyIn(amountMinor, currency, l.language);
}

// ── spans of days ────────────────────────────────────────────────────────────
function unit(language: string, u: 'day' | 'week' | 'month' | 'year'): Intl.NumberFormat {
  return numberFormat(language, u, () => new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: 'long' }));
}

/**
 * A span of whole days as a person says it, in the coarsest unit that still reads true (rounded
 * down): "1 day", "13 days", "3 weeks", "5 months", "11 years".
 */
export function formatDaySpan(days: number, l: Locale): string {
  const d = Math.max(0, Math.floor(days));
  if (d < 14) return unit(l.language, 'day').format(d);
  if (d < 60) return unit(l.language, 'week').format(Math.floor(d / 7));
  if (d < 365) return unit(l.language, 'month').format(Math.floor(d / 30.44));
  return unit(l.language, 'year').format(Math.floor(d / 365));
}

/** "Due today", "3 days overdue", "11 years overdue" */
export function formatOverdue(days: number, l: Locale): string {
  return days <= 0 ? 'Due today' : `${formatDaySpan(days, l)} overdue`;
}

/** "today", "yesterday", "3 weeks ago"; null: "never" */
export function formatDaysAgo(days: number | null, l: Locale): string {
  if (days === null) return 'never';
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${formatDaySpan(days, l)} ago`;
}

/** "today", "tomorrow", "in 5 days" */
export function formatInDays(n: number): string {
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  return `in ${n} days`;
}

// ── instants ─────────────────────────────────────────────────────────────────
/** "Mar 12, 2026" / "12 Mar 2026" */
export function formatDay(ms: number, l: Locale): string {
  return format(inZone(ms, l), 'PP', opts(l));
}

/** "Mar 12, 2026, 2:05 PM" */
export function formatDateTime(ms: number, l: Locale): string {
  return format(inZone(ms, l), 'PPp', opts(l));
}

/** the wall-clock time of an instant, "14:05" */
export function formatTime(ms: number, l: Locale): string {
  return format(inZone(ms, l), 'HH:mm', opts(l));
}

/** a timeline's date: the weekday and time this year, the full date before */
export function formatWhen(ms: number, now: number, l: Locale): string {
  const sameYear = inZone(ms, l).getFullYear() === inZone(now, l).getFullYear();
  return format(inZone(ms, l), sameYear ? 'EEE d MMM · p' : 'PP · p', opts(l));
}

/**
 * "just now", "5 hours ago", "3 days ago", "in 2 months": a day or more is said as formatDaySpan
 * says it (rounded down), so "Last talked 11 years ago" sits beside "11 years overdue", never
 * "12 years ago" beside it.
 */
export function formatAgo(ms: number, now: number, l: Locale): string {
  const diff = now - ms;
  if (Math.abs(diff) < 60_000) return 'just now';
  const days = Math.floor(Math.abs(diff) / 86_400_000);
  if (days >= 1) return diff > 0 ? `${formatDaySpan(days, l)} ago` : `in ${formatDaySpan(days, l)}`;
  return formatDistanceStrict(ms, now, { addSuffix: true, roundingMethod: 'floor', ...opts(l) });
}

// ── calendar dates ('YYYY-MM-DD') ────────────────────────────────────────────
/** how a calendar date is written: "Mar 12, 2026" (day), "12 Mar" (short), "Tuesday 12 March" (long), "Tue" (weekday), "Mar" (month) */
export type DayStyle = 'day' | 'short' | 'long' | 'weekday' | 'weekdayLong' | 'month' | 'rowDay' | 'rowDayYear';
const DAY_PATTERNS: Record<DayStyle, string> = {
  day: 'PP',
  short: 'd MMM',
  long: 'EEEE d MMMM',
  weekday: 'EEE',
  weekdayLong: 'EEEE',
  month: 'MMM',
  rowDay: 'EEE d MMM',
  rowDayYear: 'd MMM yyyy',
};
export function formatCalendarDay(date: string, style: DayStyle, l: Locale): string {
  return format(dateOfDay(date), DAY_PATTERNS[style], opts(l));
}

/** a day near today: "Jun 24" within today's year, "24 Jun 2015" otherwise, so a check-in due
 *  eleven years ago does not read as this coming June */
export function formatDayNear(date: string, today: string, l: Locale): string {
  return formatCalendarDay(date, date.slice(0, 4) === today.slice(0, 4) ? 'short' : 'rowDayYear', l);
}

/** a birthday: "10 December" or "December 10th, 1815" */
export function formatMonthDay(d: MonthDay, l: Locale): string {
  // a leap year, so 29 February can be shown without a year
  const date = new Date(d.year ?? 2000, d.month - 1, d.day);
  return format(date, d.year ? 'PPP' : 'd MMMM', opts(l));
}

/** month names in the language, for pickers */
export function monthNames(l: Locale): string[] {
  return Array.from({ length: 12 }, (_, m) => format(new Date(2000, m, 1), 'LLLL', opts(l)));
}

// ── ages ─────────────────────────────────────────────────────────────────────
/**
 * Age from a birthday with a known year, on `today` (a calendar date in the user's zone), and the
 * next birthday: "34" and "turns 35 on 10 December". A 29 February birthday is kept on 28
 * February in other years. Null when the year is unknown or in the future.
 */
export function ageOf(birthday: MonthDay, today: string): { age: number; turns: number; on: string; inDays: number } | null {
  if (birthday.year === null || birthday.year === undefined) return null;
  const y = Number(today.slice(0, 4));
  const dayIn = (year: number) => {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const day = birthday.month === 2 && birthday.day === 29 && !leap ? 28 : birthday.day;
    return `${year}-${String(birthday.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const thisYear = dayIn(y);
  const age = y - birthday.year - (thisYear <= today ? 0 : 1);
  if (age < 0) return null;
  if (thisYear === today) return { age, turns: age, on: today, inDays: 0 };
  const on = thisYear > today ? thisYear : dayIn(y + 1);
  return { age, turns: age + 1, on, inDays: differenceInCalendarDays(dateOfDay(on), dateOfDay(today)) };
}

/** "34 · turns 35 on 10 December" (null when the birth year is unknown) */
export function formatAge(birthday: MonthDay, today: string, l: Locale): string | null {
  const a = ageOf(birthday, today);
  if (!a) return null;
  if (a.inDays === 0) return `${a.age} · turns ${a.turns} today`;
  return `${a.age} · turns ${a.turns} on ${formatDayNear(a.on, today, l)}`;
}
