// The Reminders board a page at a time (reminders.list's first pages, reminders.section's next
// ones) against a real SQLite file: every reminder once, in order, in the right section.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { Reminder, ReminderSectionKey } from '../../shared/domain/reminder';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const open: TestBackend[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.dispose();
});

async function backend() {
  // Tuesday 10 March 2026, 11:00 in Berlin
  const kith = await startTestBackend({ clock: fixedClock('2026-03-10T10:00:00Z', 'Europe/Berlin') });
  open.push(kith);
  return kith;
}

/** every page of a section, from the board's first one */
async function allOf(kith: TestBackend, section: ReminderSectionKey, limit: number, contactId?: string): Promise<Reminder[]> {
  const board = await kith.call('reminders.list', { limit, doneLimit: limit, ...(contactId ? { contactId } : {}) });
  const first = { overdue: board.overdue, today: board.dueToday, upcoming: board.upcoming, later: board.later, done: board.done }[section];
  expect(first.length).toBeLessThanOrEqual(limit);
  const rows = [...first];
  let next = board.next[section];
  while (next) {
    const page = await kith.call('reminders.section', { section, cursor: next, limit, ...(contactId ? { contactId } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    rows.push(...page.items);
    next = page.next;
  }
  expect(rows.length).toBe(board.totals[section]);
  return rows;
}

describe('reminders board pages', () => {
  it('pages every section in order with no row twice or missed, snoozed ones merged by their snooze', async () => {
    const kith = await backend();
    const ada = await kith.call('contacts.create', { displayName: 'Ada' });
    const made: Reminder[] = [];
    // 12 days back to 60 ahead, several a day, some with times, some with the same title
    for (let d = -12; d <= 60; d += 2) {
      const date = new Date(Date.UTC(2026, 2, 10 + d)).toISOString().slice(0, 10);
      made.push(await kith.call('reminders.create', { title: `Task ${String((d * 7 + 100) % 13).padStart(2, '0')}`, dueDate: date }));
      made.push(await kith.call('reminders.create', { title: 'Same title', dueDate: date, dueTime: '08:30', contactId: d % 4 === 0 ? ada.id : null }));
      if (d % 6 === 0) made.push(await kith.call('reminders.create', { title: 'Evening', dueDate: date, dueTime: '21:00' }));
    }
    // today: one whose time has passed (overdue), one to come
    const passed = await kith.call('reminders.create', { title: 'Earlier today', dueDate: '2026-03-10', dueTime: '09:00' });
    const toCome = await kith.call('reminders.create', { title: 'Later today', dueDate: '2026-03-10', dueTime: '18:00' });
    // snoozed from the past into today's evening and into next week
    const s1 = await kith.call('reminders.snooze', { id: made[0]!.id, until: { date: '2026-03-10', time: '19:30' } });
    const s2 = await kith.call('reminders.snooze', { id: made[1]!.id, until: { date: '2026-03-16', time: '07:00' } });
    // closed ones for Done
    for (const r of made.slice(5, 12)) await kith.call('reminders.complete', { id: r.id });

    const sections = {} as Record<ReminderSectionKey, Reminder[]>;
    for (const s of ['overdue', 'today', 'upcoming', 'later', 'done'] as const) sections[s] = await allOf(kith, s, 4);
    const ids = Object.values(sections).flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(made.length + 2);

    // each open section is ordered by its listed day, then the time (whole-day first), title, id
    const berlinTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const key = (r: Reminder) => [r.remindOn, r.snoozedUntil !== null ? berlinTime.format(r.snoozedUntil) : (r.dueTime ?? ''), r.title, r.id];
    const byKey = (a: string[], b: string[]) => a.findIndex((x, i) => x !== b[i]) < 0 ? 0 : a[a.findIndex((x, i) => x !== b[i])]! < b[a.findIndex((x, i) => x !== b[i])]! ? -1 : 1;
    for (const s of ['overdue', 'today', 'upcoming', 'later'] as const) {
      const keys = sections[s].map(key);
      expect(keys).toEqual([...keys].sort(byKey));
    }
    expect(sections.overdue.every((r) => r.remindOn < '2026-03-10' || (r.remindOn === '2026-03-10' && r.fireAt < Date.parse('2026-03-10T10:00:00Z')))).toBe(true);
    expect(sections.overdue.at(-1)!.id).toBe(passed.id);
    // whole-day first, then by time: 18:00, the snooze's 19:30, 21:00
    expect(sections.today.map((r) => r.dueTime ?? (r.id === s1.id ? 'snoozed' : 'all day'))).toEqual(['all day', '18:00', 'snoozed', '21:00']);
    expect(sections.today[1]!.id).toBe(toCome.id);
    expect(sections.upcoming.every((r) => r.remindOn > '2026-03-10' && r.remindOn <= '2026-04-09')).toBe(true);
    expect(sections.upcoming.map((r) => r.id)).toContain(s2.id);
    expect(sections.later.every((r) => r.remindOn > '2026-04-09')).toBe(true);
    // Done: newest first
    const doneAt = sections.done.map((r) => r.completedAt!);
    expect(doneAt).toEqual([...doneAt].sort((a, b) => b - a));

    // one contact's board pages the same way
    const adas = await allOf(kith, 'upcoming', 2, ada.id);
    expect(adas.length).toBeGreaterThan(2);
    expect(adas.every((r) => r.contactId === ada.id)).toBe(true);
  });

  it('the first answer is bounded however many there are', async () => {
    const kith = await backend();
    const insert = kith.sqlite.prepare(`INSERT INTO reminders (id, title, due_date, status, created_at, updated_at) VALUES (?, ?, ?, 'open', 0, 0)`);
    kith.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`r${i}`, `Old ${i}`, `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
    })();
    const board = await kith.call('reminders.list', {});
    expect(board.overdue.length).toBe(50);
    expect(board.totals.overdue).toBe(3000);
    expect(board.next.overdue).not.toBeNull();
  });

  it('refuses a cursor it did not give out, naming it', async () => {
    const kith = await backend();
    for (const cursor of ['nonsense', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["a","b","c"]').toString('base64url')]) {
      const err = await kith.call('reminders.section', { section: 'overdue', cursor }).catch((e: ApiError) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('invalid_input');
      expect((err as ApiError).field).toBe('cursor');
    }
  });

  it('check-ins: the most overdue first, a bounded head and the total', async () => {
    const kith = await backend();
    const names = ['Zoe', 'Ann', 'Bob', 'Cy', 'Dee'];
    for (const [i, name] of names.entries()) {
      const c = await kith.call('contacts.create', { displayName: name, cadenceDays: 10 });
      // Zoe and Ann the same day (a tie at the limit: ordered by name)
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-02-01T12:00:00Z') + Math.max(0, i - 1) * 86_400_000, c.id);
    }
    const board = await kith.call('reminders.checkIns', { limit: 2 });
    expect(board.checkInTotal).toBe(5);
    expect(board.checkIns.map((c) => c.contactName)).toEqual(['Ann', 'Zoe']);
    const all = await kith.call('reminders.checkIns', { limit: 50 });
    expect(all.checkIns.map((c) => c.contactName)).toEqual(['Ann', 'Zoe', 'Bob', 'Cy', 'Dee']);
  });
});
