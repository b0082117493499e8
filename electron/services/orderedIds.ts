// Ids that sort in the order they are made, for bulk writes (an import's thousands of contacts and
// their methods). In the UUIDv7 layout: the time in milliseconds first, then a counter that starts
// at a random point, then random digits. Every index keyed by such an id (contacts, methods, tags,
// search_dirty, health_dirty, reminder marks) takes the rows of one import at one growing end,
// instead of one random page per row: with random UUIDs the import's small page cache
// (import-session.ts) missed on nearly every row and spilled to the WAL, and a commit of 10,000
// contacts took ~2.5x the CPU.
import { randomBytes, randomInt } from 'node:crypto';

/** random digits drawn in bulk: one randomBytes call per id cost more than the row's insert */
const POOL_IDS = 1024;

/** a source of ids, each greater (as text) than the one before; `now` is the writer's instant */
export function orderedIds(now: number): () => string {
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  // a random start: two writers in the same millisecond take far-apart runs
  let counter = randomInt(2 ** 40);
  let pool = '';
  let at = 0;
  return () => {
    const c = (counter++).toString(16).padStart(13, '0');
    if (at + 5 > pool.length) [pool, at] = [randomBytes(POOL_IDS * 3).toString('hex'), 0];
    const tail = pool.slice(at, (at += 5));
    return `${time.slice(0, 8)}-${time.slice(8)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6)}${tail}`;
  };
}
