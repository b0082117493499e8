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

it('never checkpoints on the back end’s thread: writes past 40 MB of WAL leave the file alone until the checkpoint thread folds them in', async () => {
  // writes made outside the API (as the search index and health table catching up make them), in
  // one go on the app's connection: no event-loop turn, so nothing but SQLite itself could checkpoint
  kith.sqlite.exec('CREATE TABLE IF NOT EXISTS test_ballast (b BLOB)');
  const insert = kith.sqlite.prepare('INSERT INTO test_ballast (b) VALUES (randomblob(1048576))');
  const fileSize = () => statSync(kith.handle.path).size;
  const before = fileSize();
  // 50 commits of 1 MB each: SQLite's automatic checkpoint (1,000 pages by default, 10,000 as Kith
  // had it) would have run inside one of these commits, with an fsync of the whole WAL
  for (let i = 0; i < 50; i++) insert.run();
  expect(walSize()).toBeGreaterThan(50 * 1024 * 1024);
  expect(fileSize()).toBe(before);
  // the checkpoint thread notices the WAL changed (no call told it) and folds it into the file
  const deadline = Date.now() + 20_000;
  while (fileSize() < before + 50 * 1024 * 1024 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(fileSize()).toBeGreaterThanOrEqual(before + 50 * 1024 * 1024);
  expect(kith.sqlite.prepare('SELECT count(*) FROM test_ballast').pluck().get()).toBe(50);
}, 30_000);
