// The reminder scheduler against a real SQLite file, with a clock and timers the test moves and a
// notifier that records. The zone is the clock's, so the process's TZ must not change any answer.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { harness } from '../helpers/scheduler';
import { attachScheduler } from '../../electron/scheduler/attach';

const open: TestBackend[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.dispose();
});

async function setup(iso: string, zone = 'Europe/Berlin') {
  const clock = fixedClock(iso, zone);
  const kith = await startTestBackend({ clock });
  open.push(kith);
  return { clock, kith };
}

describe('the reminder scheduler', () => {
  it('arms one timer for the earliest of mixed reminders, and a write re-arms it', async () => {
    // Monday 2 March 2026, 08:30 in Berlin (07:30Z)
    const { clock, kith } = await setup('2026-03-02T07:30:00Z');
    const h = harness(kith, clock);
    await h.scheduler.start();
    await kith.call('reminders.create', { title: 'Pay rent', dueDate: '2026-03-02' }); // whole day: rings at the 09:00 digest time
    await kith.call('reminders.create', { title: 'Dentist', dueDate: '2026-03-05', dueTime: '10:00' });
    await kith.call('reminders.create', { title: 'Weekly review', dueDate: '2026-03-06', dueTime: '16:00', recurrence: { unit: 'week', interval: 1 } });
    await kith.call('contacts.create', { displayName: 'Ada', birthday: { month: 3, day: 10, year: null } }); // 3 days ahead: 7 March, 09:00
    await h.scheduler.idle();
    expect(h.nextFireAt()).toBe('2026-03-02T08:00:00.000Z');
    expect(h.timerAt()).toBe('2026-03-02T08:00:00.000Z');

    // a new reminder, earlier than everything: the write alone re-arms the timer
    await kith.call('reminders.create', { title: 'Call Bob', dueDate: '2026-03-02', dueTime: '08:45' });
    await h.scheduler.idle();
    expect(h.nextFireAt()).toBe('2026-03-02T07:45:00.000Z');

    await h.runUntil('2026-03-07T12:00:00Z');
    expect(h.rung.map((r) => [r.at, r.title])).toEqual([
      ['2026-03-02T07:45:00.000Z', 'Call Bob'],
      ['2026-03-02T08:00:00.000Z', 'Pay rent'],
      ['2026-03-05T09:00:00.000Z', 'Dentist'],
      ['2026-03-06T15:00:00.000Z', 'Weekly review'],
      ['2026-03-07T08:00:00.000Z', 'Ada’s birthday'],
    ]);
    expect(h.rung[4]!.body).toBe('Ada · on Tuesday 10 March');
    expect(h.rung[4]!.path).toMatch(/^\/contacts\//);
    // never more than an hour between looks, whatever is (not) due
    expect(new Date(h.timerAt()!).getTime() - clock.now().getTime()).toBeLessThanOrEqual(3_600_000);
    h.scheduler.detach();
  });

  it('after a long sleep, announces everything that came due as one digest, then nothing twice', async () => {
    const { clock, kith } = await setup('2026-03-02T10:00:00Z');
    const ada = await kith.call('contacts.create', { displayName: 'Ada Lovelace', cadenceDays: 7 });
    const h = harness(kith, clock);
    await h.scheduler.start();
    expect(h.rung).toEqual([]);
    await kith.call('reminders.create', { title: 'Send invoice', dueDate: '2026-03-03', dueTime: '14:00' });
    await kith.call('reminders.create', { title: 'Water plants', dueDate: '2026-03-04' });
    await kith.call('reminders.create', { title: 'Book flights', dueDate: '2026-03-10', dueTime: '11:00' });
    await h.scheduler.idle();

    h.sleepUntil('2026-03-12T08:30:00Z'); // the lid stays shut for ten days; no timer ran
    await h.scheduler.rearm('resume');
    expect(h.rung).toHaveLength(1);
    expect(h.rung[0]).toMatchObject({ title: '3 reminders and 1 check-in are due', path: '/reminders', count: 4 });
    expect(h.rung[0]!.body).toBe('Send invoice, Water plants, Book flights and 1 more');
    const stored = kith.sqlite.prepare(`SELECT count(*) FROM reminders WHERE last_notified_at = ?`).pluck().get(Date.parse('2026-03-12T08:30:00Z'));
    expect(stored).toBe(3);

    await h.runUntil('2026-03-13T12:00:00Z');
    await h.scheduler.rearm('resume');
    expect(h.rung).toHaveLength(1);
    // her check-in comes round again a week after a call, and is announced at that day's digest
    await kith.call('interactions.log', { kind: 'call', participantIds: [ada.id], occurredAt: Date.parse('2026-03-13T11:00:00Z') });
    await h.runUntil('2026-03-21T12:00:00Z');
    expect(h.rung.map((r) => [r.at, r.title])).toEqual([
      ['2026-03-12T08:30:00.000Z', '3 reminders and 1 check-in are due'],
      ['2026-03-20T08:00:00.000Z', 'Time to check in with Ada Lovelace'],
    ]);
    h.scheduler.detach();
  });

  it('a restart after a week closed gives one digest, and no duplicate later or at the next start', async () => {
    const { clock, kith } = await setup('2026-06-01T08:00:00Z');
    let h = harness(kith, clock);
    await h.scheduler.start();
    await kith.call('reminders.create', { title: 'Renew passport', dueDate: '2026-06-02', dueTime: '12:00' });
    await kith.call('reminders.create', { title: 'Stand-up notes', dueDate: '2026-06-03', dueTime: '09:30', recurrence: { unit: 'day', interval: 1 } });
    await h.scheduler.idle();
    h.scheduler.detach(); // Kith quits

    clock.set('2026-06-08T07:15:00Z'); // a week later, 09:15 in Berlin
    h = harness(kith, clock);
    await h.scheduler.start();
    expect(h.rung.map((r) => r.title)).toEqual(['2 reminders are due']);
    await h.runUntil('2026-06-08T20:00:00Z');
    expect(h.rung).toHaveLength(1);
    h.scheduler.detach();

    const again = harness(kith, clock);
    await again.scheduler.start();
    expect(again.rung).toEqual([]);
    // completing the daily one late moves it to its next date from its due date (4 June, already past):
    // it is on screen as overdue, so it does not ring; the one after that rings in its turn
    const standUp = kith.sqlite.prepare(`SELECT id FROM reminders WHERE title = 'Stand-up notes' AND status = 'open'`).pluck().get() as string;
    const { next } = await kith.call('reminders.complete', { id: standUp });
    expect(next?.dueDate).toBe('2026-06-04');
    await again.scheduler.idle();
    expect(again.rung).toEqual([]);
    for (let i = 0; i < 5; i++) await kith.call('reminders.complete', { id: standUp });
    expect((await kith.call('reminders.get', { id: standUp })).dueDate).toBe('2026-06-09');
    await again.runUntil('2026-06-09T12:00:00Z');
    expect(again.rung.map((r) => [r.at, r.title])).toEqual([['2026-06-09T07:30:00.000Z', 'Stand-up notes']]);
    again.scheduler.detach();
  });

  it('defers what falls due in quiet hours to their end', async () => {
    const { clock, kith } = await setup('2026-01-15T18:00:00Z'); // 19:00 Berlin
    const h = harness(kith, clock);
    await h.scheduler.start();
    await kith.call('settings.update', { quietHours: { enabled: true, start: '22:00', end: '07:30' } });
    await kith.call('reminders.create', { title: 'Take out the bins', dueDate: '2026-01-15', dueTime: '23:00' });
    await h.scheduler.idle();
    expect(h.nextFireAt()).toBe('2026-01-16T06:30:00.000Z'); // 07:30 Berlin
    await h.runUntil('2026-01-16T06:29:00Z');
    expect(h.rung).toEqual([]);
    await h.runUntil('2026-01-16T09:00:00Z');
    expect(h.rung.map((r) => [r.at, r.title])).toEqual([['2026-01-16T06:30:00.000Z', 'Take out the bins']]);
    h.scheduler.detach();
  });

  it('snoozing moves the next fire time, and the reminder rings once more at the new time', async () => {
    const { clock, kith } = await setup('2026-05-04T07:00:00Z'); // 09:00 Berlin (summer time)
    const h = harness(kith, clock);
    await h.scheduler.start();
    const r = await kith.call('reminders.create', { title: 'Reply to Grace', dueDate: '2026-05-04', dueTime: '10:00' });
    await h.runUntil('2026-05-04T08:05:00Z');
    expect(h.rung.map((n) => n.at)).toEqual(['2026-05-04T08:00:00.000Z']);
    await kith.call('reminders.snooze', { id: r.id, preset: 'hour' });
    await h.scheduler.idle();
    expect(h.nextFireAt()).toBe('2026-05-04T09:05:00.000Z');
    await kith.call('reminders.snooze', { id: r.id, preset: 'tomorrow' });
    await h.scheduler.idle();
    expect(h.nextFireAt()).toBe('2026-05-05T07:00:00.000Z'); // 09:00 Berlin
    await h.runUntil('2026-05-06T00:00:00Z');
    expect(h.rung.map((n) => n.at)).toEqual(['2026-05-04T08:00:00.000Z', '2026-05-05T07:00:00.000Z']);
    h.scheduler.detach();
  });

  it('follows the user to a new time zone: 09:00 stays 09:00 local', async () => {
    const clock = fixedClock('2026-06-01T05:00:00Z', 'Europe/Berlin');
    let zone = 'Europe/Berlin';
    clock.timeZone = () => zone;
    const kith = await startTestBackend({ clock });
    open.push(kith);
    const h = harness(kith, clock);
    await h.scheduler.start();
    await kith.call('reminders.create', { title: 'Morning call', dueDate: '2026-06-02', dueTime: '09:00' });
    await h.scheduler.idle();
    expect(h.nextFireAt()).toBe('2026-06-02T07:00:00.000Z');
    zone = 'America/New_York';
    await h.scheduler.checkTimeZone();
    expect(h.nextFireAt()).toBe('2026-06-02T13:00:00.000Z');
    await h.runUntil('2026-06-02T14:00:00Z');
    expect(h.rung.map((n) => n.at)).toEqual(['2026-06-02T13:00:00.000Z']);
    h.scheduler.detach();
  });

  it('with notifications off, rings nothing and does not save them up for later', async () => {
    const { clock, kith } = await setup('2026-03-02T10:00:00Z');
    const h = harness(kith, clock);
    await h.scheduler.start();
    await kith.call('settings.update', { notificationsEnabled: false });
    await kith.call('reminders.create', { title: 'Quiet one', dueDate: '2026-03-02', dueTime: '12:00' });
    await h.runUntil('2026-03-02T12:00:00Z');
    await kith.call('settings.update', { notificationsEnabled: true });
    await h.runUntil('2026-03-02T15:00:00Z');
    expect(h.rung).toEqual([]);
    h.scheduler.detach();
  });

  it('announces a due check-in once, at the digest time the user chose', async () => {
    const { clock, kith } = await setup('2026-03-02T05:00:00Z'); // 06:00 Berlin
    await kith.call('settings.update', { digestTime: '08:15', quietHours: { enabled: false, start: '22:00', end: '08:00' } });
    const grace = await kith.call('contacts.create', { displayName: 'Grace Hopper', cadenceDays: 14 });
    kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-02-10T12:00:00Z'), grace.id); // due 24 Feb
    const h = harness(kith, clock);
    await h.scheduler.start();
    expect(h.rung).toEqual([]);
    expect(h.nextFireAt()).toBe('2026-03-02T07:15:00.000Z');
    await h.runUntil('2026-03-04T12:00:00Z');
    expect(h.rung.map((n) => [n.at, n.title])).toEqual([['2026-03-02T07:15:00.000Z', 'Time to check in with Grace Hopper']]);
    expect(h.rung[0]!.body).toBe('Your check-in is 6 days overdue');
    h.scheduler.detach();
  });

  it('a refused notification is retried five minutes later, not lost and not silent', async () => {
    const { clock, kith } = await setup('2026-03-02T10:00:00Z');
    let failures = 1;
    const h = harness(kith, clock, {
      beforeNotify: () => {
        if (failures-- > 0) throw new Error('the notification service is not running');
      },
    });
    await h.scheduler.start();
    await kith.call('reminders.create', { title: 'Water the ferns', dueDate: '2026-03-02', dueTime: '11:30' });
    await h.runUntil('2026-03-02T10:30:00Z'); // 11:30 Berlin: the system refuses the notification
    expect(h.rung).toEqual([]);
    expect(h.timerAt()).toBe('2026-03-02T10:35:00.000Z');
    await h.runUntil('2026-03-02T12:00:00Z');
    expect(h.rung.map((n) => [n.at, n.title])).toEqual([['2026-03-02T10:35:00.000Z', 'Water the ferns']]);
    h.scheduler.detach();
  });

  it('runs with the real timer functions too (what the apps use)', async () => {
    const { kith } = await setup('2026-03-02T10:00:00Z');
    const rung: string[] = [];
    const s = attachScheduler(kith, { notifier: { notify: (n) => rung.push(n.title) }, watchTimeZone: false });
    await kith.call('reminders.create', { title: 'Already due', dueDate: '2026-03-02', dueTime: '10:30' });
    kith.sqlite.prepare(`UPDATE reminders SET last_notified_at = NULL`).run();
    await s.start();
    expect(rung).toEqual(['Already due']);
    s.detach();
  });
});
