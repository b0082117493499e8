// How a reminder's timing reads in the list: relative to the board's "today", in the user's words.
import { differenceInCalendarDays } from 'date-fns';
import type { Reminder } from '../../../../shared/domain/reminder';
import { formatCalendarDay, formatOverdue, formatTime } from '../../lib/format';
import { dateOfDay } from '../../../../shared/format';

export const dateOf = dateOfDay;

/** "Today", "Tomorrow", "Yesterday", "Friday" (this week), "Tue 3 Mar", "3 Mar 2027" */
export function dayLabel(date: string, today: string): string {
  const diff = differenceInCalendarDays(dateOf(date), dateOf(today));
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Tomorrow';
  if (diff === -1) return 'Yesterday';
  if (diff > 1 && diff < 7) return formatCalendarDay(date, 'weekdayLong');
  if (date.slice(0, 4) !== today.slice(0, 4)) return formatCalendarDay(date, 'rowDayYear');
  return formatCalendarDay(date, 'rowDay');
}

export function timeOfInstant(ms: number): string {
  return formatTime(ms);
}

/** the when-column of a row */
export function dueLabel(r: Reminder, today: string): string {
  if (r.snoozedUntil !== null) return `${dayLabel(r.remindOn, today)} ${timeOfInstant(r.snoozedUntil)}`;
  const day = dayLabel(r.remindOn, today);
  return r.dueTime ? `${day} ${r.dueTime}` : day;
}

/** a short overdue note: "3 days overdue", "1 year overdue" */
export function overdueNote(r: Reminder, today: string): string | null {
  const days = differenceInCalendarDays(dateOf(today), dateOf(r.remindOn));
  if (days <= 0) return null;
  return formatOverdue(days);
}

/** for sentences: "today", "tomorrow", "on Friday", "on Tue 3 Mar" */
export function whenPhrase(date: string, today: string): string {
  const label = dayLabel(date, today);
  return /^(Today|Tomorrow|Yesterday)$/.test(label) ? label.toLowerCase() : `on ${label}`;
}

/** "Birthday on Tue 10 Mar" for reminders that ring ahead of their date */
export function eventNote(r: Reminder, today: string): string | null {
  if (r.leadDays === 0) return null;
  return `${r.source === 'birthday' ? 'Birthday' : 'The day is'} ${whenPhrase(r.dueDate, today)}`;
}
