// Reminders as the API returns them, and the rules for when one is due and when it rings.
import type { Recurrence } from './recurrence';
import { addDaysToDate, instantOfLocal, localDateOf } from './localDate';

export type ReminderStatus = 'open' | 'done' | 'dismissed';
export type ReminderSource = 'manual' | 'birthday' | 'anniversary' | 'checkin';

export interface Reminder {
  id: string;
  contactId: string | null;
  contactName: string | null;
  title: string;
  notes: string;
  /** the local date it is about (for a birthday: the birthday itself) */
  dueDate: string;
  /** 'HH:mm' local wall time, or null for a whole-day reminder */
  dueTime: string | null;
  recurrence: Recurrence;
  status: ReminderStatus;
  snoozedUntil: number | null;
  lastNotifiedAt: number | null;
  completedAt: number | null;
  source: ReminderSource;
  /** birthdays and anniversaries remind this many days before their date */
  leadDays: number;
  /** a done record points at the repeating series it was an occurrence of */
  seriesId: string | null;
  /** the local date it shows under (the snooze's date when snoozed) */
  remindOn: string;
  /** the instant it rings */
  fireAt: number;
  /** the version: an update sends the one it edits (a changed one is refused as `stale`) */
  updatedAt: number;
}

/** the board's sections, in the order they are shown */
export const REMINDER_SECTIONS = ['overdue', 'today', 'upcoming', 'later', 'done'] as const;
export type ReminderSectionKey = (typeof REMINDER_SECTIONS)[number];

/** a page of one section; `next` asks reminders.section for the rows after it (null: the end) */
export interface ReminderPage {
  items: Reminder[];
  next: string | null;
}

/**
 * What the view shows: the first page of each section (open reminders by when, then the latest
 * done), how many each holds, and the cursor to the rest.
 */
export interface ReminderBoard {
  today: string;
  overdue: Reminder[];
  dueToday: Reminder[];
  upcoming: Reminder[];
  /** beyond the next 30 days */
  later: Reminder[];
  laterTotal: number;
  done: Reminder[];
  totals: Record<ReminderSectionKey, number>;
  next: Record<ReminderSectionKey, string | null>;
}

/**
 * The check-ins beside the board (reminders.checkIns): read from the health table, which on a new
 * day or after an import is brought up to date in slices first, so they are asked for apart from
 * the board and never hold up its first rows.
 */
export interface CheckInBoard {
  /** the most overdue check-ins first, at most `limit` of them */
  checkIns: CheckInDue[];
  checkInTotal: number;
  /** check-ins falling due after today within COMING_UP_DAYS, soonest first, at most `limit` */
  checkInsSoon: CheckInDue[];
  checkInSoonTotal: number;
}

/** how far ahead "coming up" looks: the dashboard's list and the Reminders page's coming check-ins */
export const COMING_UP_DAYS = 14;

export interface CheckInDue {
  contactId: string;
  contactName: string;
  dueDate: string;
  daysOverdue: number;
}

/** the fields that decide when a reminder rings */
export interface ReminderTiming {
  dueDate: string;
  dueTime: string | null;
  leadDays: number;
  snoozedUntil: number | null;
}

/**
 * The instant a reminder rings in the user's zone now. The date and time float: 09:00 is 09:00
 * wherever the user is. A whole-day reminder rings at the daily digest time; a snooze wins.
 */
export function reminderFireAt(r: ReminderTiming, timeZone: string, dayTime: string): number {
  if (r.snoozedUntil !== null) return r.snoozedUntil;
  const date = r.leadDays ? addDaysToDate(r.dueDate, -r.leadDays) : r.dueDate;
  return cachedInstantOfLocal(date, r.dueTime ?? dayTime, timeZone);
}

/** the local date a reminder is listed under */
export function reminderRemindOn(r: ReminderTiming, timeZone: string): string {
  if (r.snoozedUntil !== null) return localDateOf(r.snoozedUntil, timeZone);
  return r.leadDays ? addDaysToDate(r.dueDate, -r.leadDays) : r.dueDate;
}

// Thousands of reminders share a few hundred (date, time) pairs, and a zone's rules do not change
// while Kith runs: remember the answers rather than ask Intl again for each row.
const instants = new Map<string, number>();
function cachedInstantOfLocal(date: string, time: string, timeZone: string): number {
  const key = `${date} ${time} ${timeZone}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size > 20_000) instants.clear();
    instant = instantOfLocal(date, time, timeZone);
    instants.set(key, instant);
  }
  return instant;
}
