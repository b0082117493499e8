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
