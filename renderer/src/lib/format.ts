// Dates as the user reads them: date-fns with the locale of the OS/browser.
import { format, formatDistanceStrict, isSameYear, type Locale } from 'date-fns';
import { de, enGB, enUS, es, fr, it, ja, nl, pl, ptBR, sv } from 'date-fns/locale';
import type { MonthDay } from '../../../shared/domain/contact';
import { formatMoney as formatMoneyIn } from '../../../shared/domain/money';

const LOCALES: Record<string, Locale> = { 'en-US': enUS, en: enGB, de, es, fr, it, ja, nl, pl, pt: ptBR, sv };

/** the best date-fns locale for the user's language: exact tag, then language, then English */
export function userLocale(language: string = typeof navigator === 'undefined' ? 'en-US' : navigator.language): Locale {
  return LOCALES[language] ?? LOCALES[language.split('-')[0]!] ?? enUS;
}

const locale = () => userLocale();

/** "12 Mar 2026" style, in the user's locale */
export function formatDay(ms: number): string {
  return format(ms, 'PP', { locale: locale() });
}

/** "12 Mar 2026, 14:05" style */
export function formatDateTime(ms: number): string {
  return format(ms, 'PPp', { locale: locale() });
}

/** a timeline's date: the weekday and time this year, the full date before */
export function formatWhen(ms: number, now: number): string {
  return isSameYear(ms, now) ? format(ms, 'EEE d MMM · p', { locale: locale() }) : format(ms, 'PP · p', { locale: locale() });
}

/** "3 days ago", "in 2 months" */
export function formatAgo(ms: number, now: number): string {
  if (Math.abs(now - ms) < 60_000) return 'just now';
  return formatDistanceStrict(ms, now, { addSuffix: true, locale: locale() });
}

/** a birthday: "10 December" or "10 December 1815" */
export function formatMonthDay(d: MonthDay): string {
  // a leap year, so 29 February can be shown without a year
  const date = new Date(d.year ?? 2000, d.month - 1, d.day);
  return format(date, d.year ? 'PPP' : 'd MMMM', { locale: locale() });
}

/** month names in the user's language, for pickers */
export function monthNames(): string[] {
  return Array.from({ length: 12 }, (_, m) => format(new Date(2000, m, 1), 'LLLL', { locale: locale() }));
}

/** the value of an <input type="datetime-local"> for an instant, in the user's zone */
export function toLocalInputValue(ms: number): string {
  return format(ms, "yyyy-MM-dd'T'HH:mm");
}

// Money: the one module is shared/domain/money.ts; these pass it the user's locale.
/** the user's locale tag for numbers and money */
export function userLanguage(): string {
  return typeof navigator === 'undefined' ? 'en-US' : navigator.language;
}

/** 123456 EUR -> "€1,234.56" in the user's locale */
export function formatMoney(amountMinor: number, currency: string): string {
  return formatMoneyIn(amountMinor, currency, userLanguage());
}
