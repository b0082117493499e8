// Sliced work takes turns (electron/services/turns.ts): when two jobs catch up at once (here the
// search index of two open files, as the index and the health table after an import), each turn of
// the event loop runs one slice, not one of each, so a call waits for at most one slice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { refreshSearchIndexInSlices } from '../../electron/services/searchIndex';
import { searchSlices } from '../../electron/services/search';

let a: TestBackend;
let b: TestBackend;
beforeAll(async () => {
  a = await startTestBackend();
  b = await startTestBackend();
});
afterAll(async () => {
  await a.dispose();
  await b.dispose();
});

async function people(kith: TestBackend, n: number) {
  for (let i = 0; i < n; i++) await kith.call('contacts.create', { displayName: `Person ${i}`, notes: `note ${i}` });
}

it('runs one slice per turn of the event loop however many jobs are slicing', { timeout: 30_000 }, async () => {
  await people(a, 40);
  await people(b, 40);
  // the back end's own catch-up (3 s after it opened) has run: only the two jobs below slice
  await new Promise((resolve) => setTimeout(resolve, 3500));
  for (const kith of [a, b]) kith.sqlite.exec('INSERT OR IGNORE INTO search_dirty (contact_id) SELECT id FROM contacts');
  let slicesSinceTick = 0;
  let mostInOneTurn = 0;
  let slices = 0;
  // slices of one contact each (a 0.01 ms slice holds one); each holds the thread 2 ms at least,
  // so the 1 ms timer is due on every turn: what it
  // sees between two of its runs is what one turn ran
  const guard = (slice: () => void) => {
    const until = performance.now() + 2;
    slice();
    while (performance.now() < until);
    slicesSinceTick++;
    slices++;
  };
  let ticks = 0;
  const tick = setInterval(() => {
    // the first run sees the first slice of each job, made when it was called
    if (ticks++ > 0) mostInOneTurn = Math.max(mostInOneTurn, slicesSinceTick);
    slicesSinceTick = 0;
  }, 1);
  try {
    await Promise.all([refreshSearchIndexInSlices(a.sqlite, { sliceMs: 0.01, guard }), refreshSearchIndexInSlices(b.sqlite, { sliceMs: 0.01, guard })]);
  } finally {
    clearInterval(tick);
  }
  expect(slices).toBeGreaterThan(20);
  expect(mostInOneTurn).toBe(1);
  // and both indexes are complete
  for (const kith of [a, b]) {
    expect(kith.sqlite.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
    expect((await kith.call('contacts.search', { query: 'Person 39' })).map((h) => h.displayName)).toContain('Person 39');
  }
});

it('a job that waited for a long write (an import) resumes on a turn after the write ends, not in its last one', { timeout: 30_000 }, async () => {
  a.sqlite.exec('INSERT OR IGNORE INTO search_dirty (contact_id) SELECT id FROM contacts');
  let ticks = 0;
  const tick = setInterval(() => ticks++, 1);
  const sliceTicks: number[] = [];
  let writeEndedAt = -1;
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  try {
    // the search index's catch-up, with the pause the back end gives it (turns, and the write gate)
    const catchUp = refreshSearchIndexInSlices(a.sqlite, {
      ...searchSlices(a.ctx),
      sliceMs: 0.01,
      guard: (slice) => {
        slice();
        busy(2);
        sliceTicks.push(ticks);
      },
    });
    // a long write takes the gate meanwhile, and ends with a turn of work (as an import's COMMIT)
    await a.ctx.writes!.hold(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      busy(3);
      writeEndedAt = ticks;
    });
    await catchUp;
  } finally {
    clearInterval(tick);
  }
  expect(sliceTicks.length).toBeGreaterThan(2);
  expect(sliceTicks.filter((t) => t === writeEndedAt)).toEqual([]);
});
