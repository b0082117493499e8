// The WAL is folded back into the file once writes settle (db/connection.ts checkpointWhenIdle),
// not inside every hundredth write: a burst of writes grows it, a pause lets it be reused, so it
// does not keep growing while Kith is in use.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
beforeAll(async () => (kith = await startTestBackend()));
afterAll(async () => kith.dispose());

const walSize = () => statSync(`${kith.handle.path}-wal`).size;

async function burst(contactId: string, n: number) {
  for (let i = 0; i < n; i++) await kith.call('interactions.log', { kind: 'call', participantIds: [contactId], summary: `call ${i}` });
}

it('checkpoints after a pause, so the next burst reuses the WAL instead of growing it', async () => {
  const { id } = await kith.call('contacts.create', { displayName: 'Ada' });
  await burst(id, 200);
  const afterFirst = walSize();
  expect(afterFirst).toBeGreaterThan(200 * 4096); // no checkpoint inside the burst (SQLite's own waits for 40 MB)
  await new Promise((resolve) => setTimeout(resolve, 900));
  await burst(id, 200);
  // the second burst wrote over the checkpointed frames: the file did not double
  expect(walSize()).toBeLessThan(afterFirst * 1.3);
  expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(400);
});
