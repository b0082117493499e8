// Life events against a real file: dated events per person, the follow-up and yearly reminders they
// leave (one transaction), a changed date moving the yearly one, and deletion with or without them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';

let kith: TestBackend;
let ada: string;
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
beforeEach(async () => {
  clock.set('2026-03-01T10:00:00Z');
  kith = await startTestBackend({ clock });
  ada = (await kith.call('contacts.create', { displayName: 'Ada Lovelace' })).id;
});
afterEach(async () => kith.dispose());

const reminders = () => kith.sqlite.prepare(`SELECT title, due_date, recurrence_unit, anchor_date, contact_id FROM reminders WHERE source = 'manual' ORDER BY due_date`).all();

describe('life events', () => {
  it('lists a person’s events newest first', async () => {
    await kith.call('lifeEvents.create', { contactId: ada, kind: 'graduated', title: 'Graduated in maths', occurredOn: '2020-06-30' });
    await kith.call('lifeEvents.create', { contactId: ada, kind: 'moved', title: 'Moved to Lisbon', occurredOn: '2025-11-02', note: 'Near the river' });
    const list = await kith.call('lifeEvents.listForContact', { contactId: ada });
    expect(list.map((e) => [e.kind, e.title, e.occurredOn])).toEqual([
      ['moved', 'Moved to Lisbon', '2025-11-02'],
      ['graduated', 'Graduated in maths', '2020-06-30'],
    ]);
    expect(list[0]).toMatchObject({ note: 'Near the river', followUpReminderId: null, yearlyReminderId: null });
  });

  it('a new job leaves a follow-up, counted from the event or from today for one entered late', async () => {
    const job = await kith.call('lifeEvents.create', { contactId: ada, kind: 'new_job', title: 'Started at the Engine Works', occurredOn: '2026-02-20', followUp: { title: 'Ask how the new job is going', inDays: 30 } });
    expect(job.followUpReminderId).not.toBeNull();
    // entered on 1 March for 20 February: 30 days from today, not a reminder already overdue
    expect(reminders()).toEqual([{ title: 'Ask how the new job is going', due_date: '2026-03-31', recurrence_unit: 'none', anchor_date: null, contact_id: ada }]);
    await kith.call('lifeEvents.create', { contactId: ada, kind: 'moved', title: 'Moving to Paris', occurredOn: '2026-04-10', followUp: { title: 'Ask how Paris is', inDays: 14 } });
    expect(reminders().map((r: any) => r.due_date)).toEqual(['2026-03-31', '2026-04-24']);
  });

  it('a wedding leaves a yearly reminder on its date, anchored at the event (29 February stays)', async () => {
    const w = await kith.call('lifeEvents.create', { contactId: ada, kind: 'married', title: 'Married William', occurredOn: '2024-02-29', yearly: true });
    expect(reminders()).toEqual([{ title: 'Ada Lovelace’s wedding anniversary', due_date: '2027-02-28', recurrence_unit: 'year', anchor_date: '2024-02-29', contact_id: ada }]);
    const board = await kith.call('reminders.list', { contactId: ada });
    expect([...board.upcoming, ...board.later].map((r) => r.title)).toContain('Ada Lovelace’s wedding anniversary');

    // the date was wrong: the open yearly reminder follows it
    await kith.call('lifeEvents.update', { id: w.id, occurredOn: '2019-07-08' });
    expect(reminders()).toEqual([{ title: 'Ada Lovelace’s wedding anniversary', due_date: '2026-07-08', recurrence_unit: 'year', anchor_date: '2019-07-08', contact_id: ada }]);
  });

  it('deleting keeps the reminders it made unless asked to remove them', async () => {
    const a = await kith.call('lifeEvents.create', { contactId: ada, kind: 'baby', title: 'Luis', occurredOn: '2026-02-01', yearly: true, followUp: { title: 'Ask how the baby is doing', inDays: 14 } });
    expect(reminders()).toHaveLength(2);
    await kith.call('lifeEvents.delete', { id: a.id });
    expect(reminders()).toHaveLength(2);
    const b = await kith.call('lifeEvents.create', { contactId: ada, kind: 'baby', title: 'Ana', occurredOn: '2026-02-15', yearly: true, followUp: { title: 'Ask about Ana', inDays: 14 } });
    expect(reminders()).toHaveLength(4);
    await kith.call('lifeEvents.delete', { id: b.id, removeReminders: true });
    expect(reminders().map((r: any) => r.title).sort()).toEqual(['Ask how the baby is doing', 'Birthday: Luis (Ada Lovelace)']);
    // a reminder deleted by hand leaves the event without it
    const c = await kith.call('lifeEvents.create', { contactId: ada, kind: 'new_job', title: 'Job', occurredOn: '2026-02-15', followUp: { title: 'Ask', inDays: 3 } });
    await kith.call('reminders.delete', { id: c.followUpReminderId! });
    expect((await kith.call('lifeEvents.listForContact', { contactId: ada }))[0]!.followUpReminderId).toBeNull();
  });

  it('refuses bad input naming the field, writing neither event nor reminder', async () => {
    const count = () => [kith.sqlite.prepare('SELECT count(*) FROM life_events').pluck().get(), kith.sqlite.prepare('SELECT count(*) FROM reminders').pluck().get()];
    const before = count();
    const bad = [
      await kith.call('lifeEvents.create', { contactId: ada, kind: 'party' as never, title: 'x', occurredOn: '2026-01-01' }).catch((e) => e),
      await kith.call('lifeEvents.create', { contactId: ada, kind: 'moved', title: 'x', occurredOn: '2026-02-30' }).catch((e) => e),
      await kith.call('lifeEvents.create', { contactId: ada, kind: 'moved', title: 'x', occurredOn: '2026-01-01', followUp: { title: 'Ask', inDays: 0 } }).catch((e) => e),
      await kith.call('lifeEvents.create', { contactId: 'nobody', kind: 'moved', title: 'x', occurredOn: '2026-01-01', yearly: true, followUp: { title: 'Ask', inDays: 3 } }).catch((e) => e),
    ];
    expect(bad.map((e) => [e.code, e.field])).toEqual([
      ['invalid_input', 'kind'],
      ['invalid_input', 'occurredOn'],
      ['invalid_input', 'followUp.inDays'],
      ['not_found', 'contactId'],
    ]);
    expect(count()).toEqual(before);
  });
});

describe('life events in the JSON export', () => {
  it('restore with the reminders they made, links intact', async () => {
    await kith.call('lifeEvents.create', { contactId: ada, kind: 'married', title: 'Married William', occurredOn: '2019-07-08', yearly: true, followUp: { title: 'Ask about the wedding', inDays: 30 } });
    const file = await kith.call('transfer.export', { format: 'json' });
    const fresh = await startTestBackend({ clock });
    try {
      const { summary } = await importFile(fresh, file.fileName, file.content!);
      expect(summary.restored).toMatchObject({ life_events: 1, reminders: 2 });
      const [event] = await fresh.call('lifeEvents.listForContact', { contactId: ada });
      expect(fresh.sqlite.prepare('SELECT title FROM reminders WHERE id IN (?, ?) ORDER BY title').pluck().all(event!.followUpReminderId, event!.yearlyReminderId)).toEqual(['Ada Lovelace’s wedding anniversary', 'Ask about the wedding']);
      expect(fresh.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await fresh.dispose();
    }
  });
});
