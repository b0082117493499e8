// What notifications and the tray say.
import { describe, expect, it } from 'vitest';
import { composeNotification, trayMenuLabel } from '../../electron/scheduler/messages';
import type { CheckInDue, Reminder } from '../../shared/domain/reminder';

const reminder = (over: Partial<Reminder>): Reminder => ({
  id: 'r1', contactId: null, contactName: null, title: 'Pay rent', notes: '', dueDate: '2026-03-10', dueTime: null,
  recurrence: { unit: 'none', interval: 1 }, status: 'open', snoozedUntil: null, lastNotifiedAt: null, completedAt: null,
  source: 'manual', leadDays: 0, seriesId: null, remindOn: '2026-03-10', fireAt: 0, updatedAt: 0, ...over,
});
const checkIn = (name: string, daysOverdue: number): CheckInDue => ({ contactId: `c-${name}`, contactName: name, dueDate: '2026-03-01', daysOverdue });

describe('notification text', () => {
  it('one reminder speaks for itself and opens its contact, or itself when free-standing', () => {
    expect(composeNotification([reminder({ dueTime: '14:00', contactId: 'ada', contactName: 'Ada' })], [], '2026-03-10')).toEqual({ title: 'Pay rent', body: 'Ada · due at 14:00', path: '/contacts/ada', count: 1 });
    expect(composeNotification([reminder({})], [], '2026-03-10')?.path).toBe('/reminders/r1');
    expect(composeNotification([reminder({ remindOn: '2026-03-08' })], [], '2026-03-10')?.body).toBe('overdue');
  });

  it('several make one digest that counts them', () => {
    const three = [reminder({ id: 'a', title: 'A' }), reminder({ id: 'b', title: 'B' }), reminder({ id: 'c', title: 'C' })];
    const n = composeNotification(three, [checkIn('Grace', 2), checkIn('Alan', 0)], '2026-03-10')!;
    expect(n).toEqual({ title: '3 reminders and 2 check-ins are due', body: 'A, B, C and 2 more', path: '/reminders', count: 5 });
    expect(composeNotification([], [checkIn('Grace', 2), checkIn('Alan', 0)], '2026-03-10')?.title).toBe('2 check-ins are due');
    expect(composeNotification([reminder({})], [checkIn('Grace', 1)], '2026-03-10')?.title).toBe('1 reminder and 1 check-in are due');
    expect(composeNotification([], [], '2026-03-10')).toBeNull();
  });

  it('a single check-in names its next-time topics; a digest does not', () => {
    const topics = new Map([['c-Grace', ['Ask about the marathon']]]);
    expect(composeNotification([], [checkIn('Grace', 0)], '2026-03-10', topics)?.body).toBe('Your check-in is due today · Bring up: Ask about the marathon');
    expect(composeNotification([], [checkIn('Alan', 0)], '2026-03-10', topics)?.body).toBe('Your check-in is due today');
    expect(composeNotification([], [checkIn('Grace', 0), checkIn('Alan', 1)], '2026-03-10', topics)?.body).toBe('Grace, Alan');
  });

  it('the tray says what is overdue', () => {
    expect(trayMenuLabel({ overdue: 1, dueToday: 4 })).toBe('1 overdue reminder');
    expect(trayMenuLabel({ overdue: 3, dueToday: 0 })).toBe('3 overdue reminders');
    expect(trayMenuLabel({ overdue: 0, dueToday: 2 })).toBe('2 due today');
    expect(trayMenuLabel({ overdue: 0, dueToday: 0 })).toBe('Nothing overdue');
  });
});
