// The one place the back end's sliced work (search index and health table catching up, an import's
// preview and commit, thumbnails) waits between its slices. Each waiter resumes on a turn of the
// event loop of its own: with setImmediate each, every job that was waiting ran its slice (then 20 ms)
// in the same turn, so two or three of them at once (an import's commit beside the search index
// it started and the dashboard's health refresh) held the loop 40–60 ms before any call got in.
import type { WriteGate } from './write-gate';

const waiting: (() => void)[] = [];
let scheduled = false;

function resumeOne() {
  scheduled = false;
  const next = waiting.shift();
  // the others on later turns: timers and I/O (the calls waiting) run in between
  if (waiting.length) schedule();
  next?.();
}

function schedule() {
  scheduled = true;
  setImmediate(resumeOne);
}

/** resolves on a turn of the event loop no other sliced work resumes in (first come, first served) */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) schedule();
  });
}

/**
 * `nextTurn`, and when a long write (an import) holds the gate, a turn after it ends: resumed
 * straight from the gate, the jobs that waited for it ran their slices in the import's last turn,
 * after its COMMIT (~160 ms of CPU in one turn on large).
 */
export async function nextTurnWhenIdle(writes?: Pick<WriteGate, 'busy' | 'idle'>): Promise<void> {
  await nextTurn();
  while (writes?.busy) {
    await writes.idle();
    // through the timers first: a write that ended in a timer's callback would otherwise be
    // followed by this slice in the same turn, before the calls whose timers are due
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTurn();
  }
}
