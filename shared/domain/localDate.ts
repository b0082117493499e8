// The user's calendar: instants (epoch ms) seen as local dates and wall-clock times in an IANA
// time zone. Every function takes the zone; none reads the clock. Dates are 'YYYY-MM-DD' strings.
import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';

/** the local calendar date of an instant in a zone */
export function localDateOf(instant: number, timeZone: string): string {
  return format(new TZDate(instant, timeZone), 'yyyy-MM-dd');
}

/** the local wall-clock time ('HH:mm') of an instant in a zone */
export function localTimeOf(instant: number, timeZone: string): string {
  return format(new TZDate(instant, timeZone), 'HH:mm');
}

/** a calendar date moved by whole days (no time zone involved) */
export function addDaysToDate(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** whole calendar days from a to b (b - a) */
export function daysBetween(a: string, b: string): number {
  return differenceInCalendarDays(parseISO(b), parseISO(a));
}

/**
 * The instant a local date and time happen in a zone. A time the clocks skip (02:30 on the night
 * they spring forward) moves forward by the gap, as calendar apps do; a time that happens twice
 * (autumn) is its first occurrence.
 */
export function instantOfLocal(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, mo - 1, d, h, mi, 0, 0, timeZone).getTime();
}

/** the instant a local day starts (its first moment, usually 00:00) */
export function startOfLocalDay(date: string, timeZone: string): number {
  return instantOfLocal(date, '00:00', timeZone);
}
