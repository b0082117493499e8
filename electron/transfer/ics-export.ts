// An iCalendar file of birthdays, anniversaries and other dates (yearly, all-day) and open reminders,
// written with ical-generator so RRULEs and escaping are right for calendar apps.
import ical, { ICalEventRepeatingFreq } from 'ical-generator';

export interface IcsContactDates {
  id: string;
  displayName: string;
  birthday: { month: number; day: number; year: number | null } | null;
  dates: { id: string; label: string; month: number; day: number; year: number | null }[];
}

export interface IcsReminder {
  id: string;
  title: string;
  notes: string;
  contactName: string | null;
  dueDate: string;
  dueTime: string | null;
  recurrenceUnit: 'none' | 'day' | 'week' | 'month' | 'year';
  recurrenceInterval: number;
}

const FREQ = { day: ICalEventRepeatingFreq.DAILY, week: ICalEventRepeatingFreq.WEEKLY, month: ICalEventRepeatingFreq.MONTHLY, year: ICalEventRepeatingFreq.YEARLY } as const;

/**
 * Dates without a year start in 2000, a leap year (so 29 February exists); with a year they start on the
 * real date. `stamp` is the export time, passed in so the output does not depend on the clock.
 */
export function buildIcs(contacts: IcsContactDates[], reminders: IcsReminder[], stamp: Date): string {
  const calendar = ical({ name: 'Kith', prodId: { company: 'Kith', product: 'Kith', language: 'EN' } });
  const yearly = (uid: string, summary: string, d: { month: number; day: number; year: number | null }) => {
    const year = d.year ?? 2000;
    calendar.createEvent({
      id: uid,
      start: localDate(year, d.month, d.day),
      allDay: true,
      summary,
      stamp,
      // 29 February falls on the last day of February in other years, as Kith's own reminders do
      repeating: d.month === 2 && d.day === 29 ? { freq: ICalEventRepeatingFreq.YEARLY, byMonth: 2, byMonthDay: -1 } : { freq: ICalEventRepeatingFreq.YEARLY },
    });
  };
  for (const c of contacts) {
    if (c.birthday) yearly(`birthday-${c.id}@kith`, `${c.displayName}’s birthday${c.birthday.year ? ` (born ${c.birthday.year})` : ''}`, c.birthday);
    for (const d of c.dates) yearly(`date-${d.id}@kith`, `${c.displayName}: ${d.label}${d.year ? ` (${d.year})` : ''}`, d);
  }
  for (const r of reminders) {
    const [y, m, day] = r.dueDate.split('-').map(Number) as [number, number, number];
    const [hh, mm] = r.dueTime ? (r.dueTime.split(':').map(Number) as [number, number]) : [0, 0];
    calendar.createEvent({
      id: `reminder-${r.id}@kith`,
      start: r.dueTime ? utcDate(y, m, day, hh, mm) : localDate(y, m, day),
      end: r.dueTime ? utcDate(y, m, day, hh, mm + 30) : undefined,
      allDay: !r.dueTime,
      // a reminder's time is the user's wall-clock time wherever they are
      floating: true,
      summary: r.contactName ? `${r.title} (${r.contactName})` : r.title,
      description: r.notes || undefined,
      stamp,
      repeating: r.recurrenceUnit === 'none' ? null : { freq: FREQ[r.recurrenceUnit], interval: r.recurrenceInterval },
    });
  }
  return calendar.toString();
}

/** a calendar date as a Date whose UTC fields are that date (ical-generator writes all-day dates from them when floating) */
function localDate(year: number, month: number, day: number): Date {
  return utcDate(year, month, day, 0, 0);
}

/** Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as it is */
function utcDate(year: number, month: number, day: number, hours: number, minutes: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, 0, 0);
  return date;
}
