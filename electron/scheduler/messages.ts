// What a notification says: one item speaks for itself; several become one digest.
import { format } from 'date-fns';
import type { CheckInDue, Reminder } from '../../shared/domain/reminder';
import { topicsLine } from '../../shared/domain/topics';

/** what the scheduler hands the notifier: text, and where a click should take the user */
export interface KithNotification {
  title: string;
  body: string;
  /** a route of the app, e.g. '/contacts/<id>' or '/reminders' */
  path: string;
  /** how many items it announces */
  count: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function whenText(r: Reminder, today: string): string {
  if (r.leadDays > 0 && r.dueDate !== today) return `on ${format(new Date(`${r.dueDate}T12:00:00`), 'EEEE d MMMM')}`;
  if (r.dueTime) return `due at ${r.dueTime}`;
  return r.remindOn < today ? 'overdue' : 'due today';
}

/** topics: each check-in contact's open next-time topics, oldest first (shown for a single check-in) */
export function composeNotification(reminders: Reminder[], checkIns: CheckInDue[], today: string, topics: ReadonlyMap<string, string[]> = new Map()): KithNotification | null {
  const count = reminders.length + checkIns.length;
  if (count === 0) return null;
  if (count === 1 && reminders[0]) {
    const r = reminders[0];
    return {
      title: r.title,
      body: [r.contactName, whenText(r, today)].filter(Boolean).join(' · '),
      path: r.contactId ? `/contacts/${encodeURIComponent(r.contactId)}` : `/reminders/${encodeURIComponent(r.id)}`,
      count,
    };
  }
  if (count === 1 && checkIns[0]) {
    const c = checkIns[0];
    return {
      title: `Time to check in with ${c.contactName}`,
      body: [
        c.daysOverdue === 0 ? 'Your check-in is due today' : `Your check-in is ${plural(c.daysOverdue, 'day', 'days')} overdue`,
        topics.get(c.contactId)?.length ? `Bring up: ${topicsLine(topics.get(c.contactId)!)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      path: `/contacts/${encodeURIComponent(c.contactId)}`,
      count,
    };
  }
  const parts = [];
  if (reminders.length) parts.push(plural(reminders.length, 'reminder', 'reminders'));
  if (checkIns.length) parts.push(plural(checkIns.length, 'check-in', 'check-ins'));
  const names = [...reminders.map((r) => r.title), ...checkIns.map((c) => c.contactName)];
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return { title: `${parts.join(' and ')} ${count === 1 ? 'is' : 'are'} due`, body: shown, path: '/reminders', count };
}

/** the tray menu's first line */
export function trayMenuLabel(status: { overdue: number; dueToday: number }): string {
  if (status.overdue > 0) return plural(status.overdue, 'overdue reminder', 'overdue reminders');
  if (status.dueToday > 0) return `${status.dueToday} due today`;
  return 'Nothing overdue';
}
