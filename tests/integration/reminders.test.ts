// Reminders through the dispatcher into a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const open: TestBackend[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.dispose();
});
async function backend(iso = '2026-03-10T10:00:00Z', zone = 'America/New_York') {
  const clock = fixedClock(iso, zone);
  const kith = await startTestBackend({ clock });
  open.push(kith);
  return { kith, clock };
}
const count = (k: TestBackend, where = '1') => k.sqlite.prepare(`SELECT count(*) FROM reminders WHERE ${where}`).pluck().get();

describe('reminders', () => {
  it('create, edit, list by section, delete; linked to a contact or free', async () => {
    const { kith } = await backend(); // Tuesday 10 March 2026, 06:00 in New York
    const ada = await kith.call('contacts.create', { displayName: 'Ada Lovelace' });
    const late = await kith.call('reminders.create', { title: 'Send the contract', dueDate: '2026-03-09', contactId: ada.id });
    const today = await kith.call('reminders.create', { title: 'Call the bank', dueDate: '2026-03-10', dueTime: '15:00' });
    const soon = await kith.call('reminders.create', { title: 'Lunch with Ada', dueDate: '2026-03-20', dueTime: '12:30', contactId: ada.id });
    const far = await kith.call('reminders.create', { title: 'Renew domain', dueDate: '2026-06-01' });
    expect(late.contactName).toBe('Ada Lovelace');
    expect(today.fireAt).toBe(Date.parse('2026-03-10T19:00:00Z'));

    let board = await kith.call('reminders.list', {});
    expect(board.today).toBe('2026-03-10');
    expect(board.overdue.map((r) => r.title)).toEqual(['Send the contract']);
    expect(board.dueToday.map((r) => r.title)).toEqual(['Call the bank']);
    expect(board.upcoming.map((r) => r.title)).toEqual(['Lunch with Ada']);
    expect(board.later.map((r) => r.title)).toEqual(['Renew domain']);
    expect((await kith.call('reminders.list', { contactId: ada.id })).upcoming.map((r) => r.id)).toEqual([soon.id]);
    expect(await kith.call('reminders.summary', {})).toEqual({ overdue: 1, dueToday: 1 });

    const edited = await kith.call('reminders.update', { id: far.id, title: 'Renew kith.app', dueDate: '2026-03-12', dueTime: '09:00', contactId: ada.id });
    expect(edited).toMatchObject({ title: 'Renew kith.app', dueDate: '2026-03-12', dueTime: '09:00', contactName: 'Ada Lovelace' });
    await kith.call('reminders.delete', { id: far.id });
    expect(count(kith, `id = '${far.id}'`)).toBe(0);
    board = await kith.call('reminders.list', {});
    expect(board.upcoming.map((r) => r.title)).toEqual(['Lunch with Ada']);
  });

  it('an edit of one field keeps the others: a repeating reminder whose notes change still repeats', async () => {
    const { kith } = await backend();
    const call = await kith.call('reminders.create', { title: 'Call Mum', dueDate: '2026-03-15', recurrence: { unit: 'week', interval: 2 } });
    const edited = await kith.call('reminders.update', { id: call.id, notes: 'Ask about the garden' });
    expect(edited).toMatchObject({ notes: 'Ask about the garden', recurrence: { unit: 'week', interval: 2 }, dueDate: '2026-03-15' });
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const { kith } = await backend();
    const attempts: [unknown, string][] = [
      [{ title: '  ', dueDate: '2026-03-10' }, 'title'],
      [{ title: 'x', dueDate: '2026-02-30' }, 'dueDate'],
      [{ title: 'x', dueDate: '2026-03-10', dueTime: '25:00' }, 'dueTime'],
      [{ title: 'x', dueDate: '2026-03-10', recurrence: { unit: 'week', interval: 0 } }, 'recurrence.interval'],
      [{ title: 'x', dueDate: '2026-03-10', contactId: 'nobody' }, 'contactId'],
    ];
    for (const [input, field] of attempts) {
      const err = await kith.call('reminders.create', input as never).catch((e: ApiError) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).field).toBe(field);
    }
    expect(count(kith)).toBe(0);
    const r = await kith.call('reminders.create', { title: 'Real', dueDate: '2026-03-12' });
    const past = await kith.call('reminders.snooze', { id: r.id, until: { date: '2026-03-01', time: '09:00' } }).catch((e: ApiError) => e);
    expect((past as ApiError).field).toBe('until');
    expect((await kith.call('reminders.get', { id: r.id })).snoozedUntil).toBeNull();
  });

  it('completing a repeating reminder keeps a done record and moves the series on from its due date, not from today', async () => {
    const { kith, clock } = await backend();
    const r = await kith.call('reminders.create', { title: 'Pay rent', dueDate: '2026-01-31', recurrence: { unit: 'month', interval: 1 } });
    const first = await kith.call('reminders.complete', { id: r.id });
    expect(first.done).toMatchObject({ status: 'done', dueDate: '2026-01-31', seriesId: r.id, completedAt: clock.now().getTime() });
    expect(first.next).toMatchObject({ id: r.id, status: 'open', dueDate: '2026-02-28' });
    const second = await kith.call('reminders.complete', { id: r.id });
    expect(second.next?.dueDate).toBe('2026-03-31'); // back to the 31st: counted from the anchor
    const board = await kith.call('reminders.list', {});
    expect(board.done.map((d) => d.dueDate)).toEqual(['2026-02-28', '2026-01-31']);
    expect(board.upcoming.map((u) => [u.title, u.dueDate])).toEqual([['Pay rent', '2026-03-31']]);

    // undo the last completion: the series returns to that occurrence and the record goes
    const undone = await kith.call('reminders.reopen', { id: second.done.id });
    expect(undone).toMatchObject({ id: r.id, dueDate: '2026-02-28' });
    expect(count(kith, `series_id = '${r.id}'`)).toBe(1);

    // dismiss skips an occurrence, recorded as dismissed
    const skipped = await kith.call('reminders.dismiss', { id: r.id });
    expect(skipped.done.status).toBe('dismissed');
    expect(skipped.next?.dueDate).toBe('2026-03-31');

    // a one-off closes in place
    const once = await kith.call('reminders.create', { title: 'Once', dueDate: '2026-03-11' });
    const closed = await kith.call('reminders.complete', { id: once.id });
    expect(closed).toMatchObject({ done: { id: once.id, status: 'done' }, next: null });
    await expect(kith.call('reminders.complete', { id: once.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('birthdays and anniversaries become yearly reminders some days ahead, idempotently', async () => {
    const { kith, clock } = await backend('2026-02-20T15:00:00Z', 'Europe/Berlin');
    const leap = await kith.call('contacts.create', { displayName: 'Leap Baby', birthday: { month: 2, day: 29, year: 2000 } });
    const ada = await kith.call('contacts.create', { displayName: 'Ada', birthday: { month: 12, day: 10, year: null } });
    kith.sqlite.prepare(`INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES ('wed', ?, 'Wedding anniversary', 3, 1, 2015)`).run(ada.id);

    let board = await kith.call('reminders.list', {});
    await kith.call('reminders.list', {});
    expect(count(kith, `source IN ('birthday','anniversary')`)).toBe(3);
    const leapReminder = board.upcoming.find((r) => r.contactId === leap.id)!;
    expect(leapReminder).toMatchObject({ title: 'Leap Baby’s birthday', dueDate: '2026-02-28', remindOn: '2026-02-25', leadDays: 3, source: 'birthday' });
    expect(board.upcoming.find((r) => r.source === 'anniversary')).toMatchObject({ title: 'Ada: Wedding anniversary', dueDate: '2026-03-01', remindOn: '2026-02-26' });
    expect(board.later.map((r) => r.title)).toEqual(['Ada’s birthday']);

    // the setting changes how far ahead
    await kith.call('settings.update', { birthdayLeadDays: 9 });
    board = await kith.call('reminders.list', {});
    expect(board.dueToday.map((r) => r.title)).toEqual(['Ada: Wedding anniversary']); // 1 March - 9 days = today, 20 Feb
    expect(board.overdue.map((r) => r.title)).toEqual(['Leap Baby’s birthday']); // 28 Feb - 9 = 19 Feb

    // done for this year: next year's, even after the day passes; 2028 is a leap year
    const done = await kith.call('reminders.complete', { id: leapReminder.id });
    expect(done.next?.dueDate).toBe('2027-02-28');
    clock.set('2027-03-05T12:00:00Z');
    board = await kith.call('reminders.list', {});
    expect(board.later.find((r) => r.contactId === leap.id)?.dueDate).toBe('2028-02-29');

    // a removed birthday takes its reminder with it; a changed one moves it
    await kith.call('contacts.update', { id: leap.id, birthday: null });
    await kith.call('contacts.update', { id: ada.id, birthday: { month: 4, day: 2, year: null } });
    board = await kith.call('reminders.list', {});
    expect(board.upcoming.concat(board.later).filter((r) => r.source === 'birthday').map((r) => [r.title, r.dueDate])).toEqual([['Ada’s birthday', '2027-04-02']]);
    await expect(kith.call('reminders.update', { id: board.upcoming.find((r) => r.source === 'birthday')!.id, dueDate: '2027-05-01' })).rejects.toMatchObject({ field: 'dueDate' });
  });

  it('lists due check-ins from cadences', async () => {
    const { kith } = await backend();
    const grace = await kith.call('contacts.create', { displayName: 'Grace', cadenceDays: 10 });
    kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-02-20T17:00:00Z'), grace.id);
    await kith.call('contacts.create', { displayName: 'Never', cadenceDays: 0 });
    const board = await kith.call('reminders.checkIns', {});
    expect(board.checkIns).toEqual([{ contactId: grace.id, contactName: 'Grace', dueDate: '2026-03-02', daysOverdue: 8 }]);
  });

  it('a contact page lists only that contact’s check-ins, due and coming up, with its own totals', async () => {
    const { kith } = await backend();
    const make = async (name: string, cadenceDays: number, created: string) => {
      const c = await kith.call('contacts.create', { displayName: name, cadenceDays });
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse(created), c.id);
      return c;
    };
    const grace = await make('Grace', 10, '2026-02-20T17:00:00Z');
    await make('Hal', 5, '2026-02-20T17:00:00Z');
    const soon = await make('Soon', 3, '2026-03-10T09:00:00Z');
    await make('Later', 14, '2026-03-10T09:00:00Z');
    expect((await kith.call('reminders.checkIns', {})).checkInTotal).toBe(2);
    const mine = await kith.call('reminders.checkIns', { contactId: grace.id });
    expect(mine.checkIns).toEqual([{ contactId: grace.id, contactName: 'Grace', dueDate: '2026-03-02', daysOverdue: 8 }]);
    expect(mine.checkInTotal).toBe(1);
    expect(mine.checkInsSoon).toEqual([]);
    const theirs = await kith.call('reminders.checkIns', { contactId: soon.id });
    expect(theirs.checkIns).toEqual([]);
    expect(theirs.checkInsSoon).toEqual([{ contactId: soon.id, contactName: 'Soon', dueDate: '2026-03-13', daysOverdue: -3 }]);
    expect(theirs.checkInSoonTotal).toBe(1);
  });

  it('lists the check-ins falling due in the next 14 days, as the dashboard’s "Coming up" does, soonest first', async () => {
    const { kith } = await backend();
    const added = Date.parse('2026-03-10T09:00:00Z'); // today, as the clock has it
    const make = async (name: string, cadenceDays: number) => {
      const c = await kith.call('contacts.create', { displayName: name, cadenceDays });
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(added, c.id);
      return c;
    };
    const soon = await make('Soon', 3);
    const later = await make('Later', 14);
    await make('Beyond', 15);
    await make('Due', 0);
    const board = await kith.call('reminders.checkIns', {});
    expect(board.checkInsSoon).toEqual([
      { contactId: soon.id, contactName: 'Soon', dueDate: '2026-03-13', daysOverdue: -3 },
      { contactId: later.id, contactName: 'Later', dueDate: '2026-03-24', daysOverdue: -14 },
    ]);
    expect(board.checkInSoonTotal).toBe(2);
    const dashboard = await kith.call('health.dashboard', {});
    expect(dashboard.comingUp.filter((i) => i.kind === 'checkin').map((i) => i.displayName)).toEqual(['Soon', 'Later']);
  });
});
