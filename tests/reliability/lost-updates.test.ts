// Lost updates: twenty clients read a contact, add one tag each and write it back at the same time.
// Each write carries the version it edits (updatedAt); a stale one is refused as `stale`, the client
// reads again and retries, and all twenty tags are kept. Without the version, most were lost.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { ApiError } from '../../shared/api/errors';

let kith: TestBackend;
beforeAll(async () => (kith = await startTestBackend({ host: 'web' })));
afterAll(async () => kith.dispose());

it('20 concurrent read-then-update tag additions keep 20 tags', async () => {
  const { id } = await kith.call('contacts.create', { displayName: 'Ada' });
  let staleAnswers = 0;
  const addTag = async (tag: string) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const current = await kith.call('contacts.get', { id });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5)); // the user types
      try {
        await kith.call('contacts.update', { id, updatedAt: current.updatedAt, tags: [...current.tags, tag] });
        return;
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'stale') throw err;
        staleAnswers++;
      }
    }
    throw new Error(`gave up adding ${tag}`);
  };
  await Promise.all(Array.from({ length: 20 }, (_, i) => addTag(`tag-${String(i).padStart(2, '0')}`)));
  const final = await kith.call('contacts.get', { id });
  expect(final.tags).toHaveLength(20);
  expect(staleAnswers).toBeGreaterThan(0);
});

it('a stale update writes nothing and says what happened; one without a version (internal callers) still works', async () => {
  const ada = await kith.call('contacts.create', { displayName: 'Grace' });
  const renamed = await kith.call('contacts.update', { id: ada.id, updatedAt: ada.updatedAt, nickname: 'Amazing' });
  expect(renamed.updatedAt).toBeGreaterThan(ada.updatedAt);
  const stale = await kith.dispatch('contacts.update', { id: ada.id, updatedAt: ada.updatedAt, nickname: 'Overwritten' });
  expect(stale).toMatchObject({ ok: false, error: { code: 'stale', field: 'updatedAt', message: expect.stringContaining('changed elsewhere') } });
  expect((await kith.call('contacts.get', { id: ada.id })).nickname).toBe('Amazing');
  expect((await kith.call('contacts.update', { id: ada.id, company: 'Navy' })).company).toBe('Navy');
});

it('an interaction edited elsewhere meanwhile is not overwritten: stale, and the edit made there stays', async () => {
  const { id: contactId } = await kith.call('contacts.create', { displayName: 'Linus' });
  const logged = await kith.call('interactions.log', { kind: 'call', participantIds: [contactId], summary: 'first' });
  const there = await kith.call('interactions.update', { id: logged.id, updatedAt: logged.updatedAt, summary: 'edited in another tab' });
  const here = await kith.dispatch('interactions.update', { id: logged.id, updatedAt: logged.updatedAt, summary: 'edited here' });
  expect(here).toMatchObject({ ok: false, error: { code: 'stale', field: 'updatedAt' } });
  expect((await kith.call('interactions.get', { id: logged.id })).summary).toBe('edited in another tab');
  expect((await kith.call('interactions.update', { id: logged.id, updatedAt: there.updatedAt, summary: 'edited here, on the latest' })).summary).toBe('edited here, on the latest');
});

// Reminders, circles and client value entries carry the version too: twenty clients each read the
// record, add one line / one day / one cent, and write it back at the same time; all twenty are kept.
async function readThenUpdate<T extends { updatedAt: number }>(read: () => Promise<T>, write: (current: T) => Promise<unknown>) {
  let staleAnswers = 0;
  const once = async () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const current = await read();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5)); // the user types
      try {
        await write(current);
        return;
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'stale') throw err;
        staleAnswers++;
      }
    }
    throw new Error('gave up');
  };
  await Promise.all(Array.from({ length: 20 }, once));
  return staleAnswers;
}

it('20 concurrent read-then-update edits of a reminder, a circle and a value entry lose nothing', async () => {
  const reminder = await kith.call('reminders.create', { title: 'Pack', dueDate: '2030-01-01' });
  let line = 0;
  const reminderStale = await readThenUpdate(
    () => kith.call('reminders.get', { id: reminder.id }),
    (r) => kith.call('reminders.update', { id: r.id, updatedAt: r.updatedAt, notes: `${r.notes}item ${line++}\n` }),
  );
  expect((await kith.call('reminders.get', { id: reminder.id })).notes.split('\n').filter(Boolean)).toHaveLength(20);

  const circle = await kith.call('circles.create', { name: 'Climbing', color: '#112233', defaultCadenceDays: 10 });
  const circleStale = await readThenUpdate(
    async () => (await kith.call('circles.list', {})).find((c) => c.id === circle.id)!,
    (c) => kith.call('circles.update', { id: c.id, updatedAt: c.updatedAt, defaultCadenceDays: c.defaultCadenceDays + 1 }),
  );
  expect((await kith.call('circles.list', {})).find((c) => c.id === circle.id)!.defaultCadenceDays).toBe(30);

  const { id: contactId } = await kith.call('contacts.create', { displayName: 'Client Co' });
  const entry = await kith.call('value.create', { contactId, occurredOn: '2020-01-01', amountMinor: 100, currency: 'EUR' });
  const readEntry = async () => (await kith.call('value.listForContact', { contactId })).entries.find((e) => e.id === entry.id)!;
  const valueStale = await readThenUpdate(readEntry, (e) => kith.call('value.update', { id: e.id, updatedAt: e.updatedAt, amountMinor: e.amountMinor + 1 }));
  expect((await readEntry()).amountMinor).toBe(120);

  expect(reminderStale + circleStale + valueStale).toBeGreaterThan(0);
});

it('a stale reminder, circle or value update writes nothing and answers stale on updatedAt', async () => {
  const reminder = await kith.call('reminders.create', { title: 'Old title', dueDate: '2030-01-01' });
  await kith.call('reminders.update', { id: reminder.id, updatedAt: reminder.updatedAt, title: 'There' });
  expect(await kith.dispatch('reminders.update', { id: reminder.id, updatedAt: reminder.updatedAt, title: 'Here' })).toMatchObject({ ok: false, error: { code: 'stale', field: 'updatedAt' } });
  expect((await kith.call('reminders.get', { id: reminder.id })).title).toBe('There');

  const circle = await kith.call('circles.create', { name: 'Stale circle', color: '#445566', defaultCadenceDays: 7 });
  await kith.call('circles.update', { id: circle.id, updatedAt: circle.updatedAt, name: 'There circle' });
  expect(await kith.dispatch('circles.update', { id: circle.id, updatedAt: circle.updatedAt, name: 'Here circle' })).toMatchObject({ ok: false, error: { code: 'stale', field: 'updatedAt' } });
  expect((await kith.call('circles.list', {})).find((c) => c.id === circle.id)!.name).toBe('There circle');

  const { id: contactId } = await kith.call('contacts.create', { displayName: 'Stale Client' });
  const entry = await kith.call('value.create', { contactId, occurredOn: '2020-01-01', amountMinor: 500, currency: 'EUR' });
  await kith.call('value.update', { id: entry.id, updatedAt: entry.updatedAt, note: 'there' });
  expect(await kith.dispatch('value.update', { id: entry.id, updatedAt: entry.updatedAt, note: 'here' })).toMatchObject({ ok: false, error: { code: 'stale', field: 'updatedAt' } });
  expect((await kith.call('value.listForContact', { contactId })).entries[0]!.note).toBe('there');
});
