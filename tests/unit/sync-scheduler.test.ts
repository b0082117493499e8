// When sync runs by itself: at start, once writes settle, every 15 minutes, on wake; never for its
// own writes, never without an account, one pass at a time.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createSyncScheduler, SYNC_DEBOUNCE_MS, SYNC_INTERVAL_MS } from '../../electron/sync/sync-scheduler';
import type { MethodName } from '../../shared/api/contract';

function setup(accounts = true) {
  let now = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  let seq = 0;
  const timers = {
    setTimeout: (fn: () => void, ms: number) => (queue.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h: unknown) => void queue.delete(h as number),
  };
  const events = new EventEmitter<{ committed: [MethodName] }>();
  const passes: number[] = [];
  /** per pass: whether it only sends */
  const modes: boolean[] = [];
  let finish: (() => void) | null = null;
  const scheduler = createSyncScheduler({
    run: ({ sendOnly }) => {
      passes.push(now);
      modes.push(sendOnly);
      return new Promise<void>((r) => (finish = r));
    },
    hasAccounts: () => accounts,
    events,
    timers,
  });
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...queue.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      queue.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  const done = async () => {
    finish?.();
    finish = null;
    await new Promise((r) => setTimeout(r, 0));
  };
  return { scheduler, events, passes, modes, advance, done };
}

describe('the sync scheduler', () => {
  it('syncs at start, every 15 minutes, and on wake', async () => {
    const s = setup();
    s.scheduler.start();
    expect(s.passes).toEqual([0]);
    await s.done();
    await s.advance(SYNC_INTERVAL_MS);
    expect(s.passes).toEqual([0, SYNC_INTERVAL_MS]);
    await s.done();
    s.scheduler.wake();
    expect(s.passes.length).toBe(3);
    s.scheduler.detach();
  });

  it('waits for writes to settle, and ignores its own writes', async () => {
    const s = setup();
    s.scheduler.start();
    await s.done();
    s.events.emit('committed', 'contacts.update');
    await s.advance(SYNC_DEBOUNCE_MS - 1000);
    s.events.emit('committed', 'contacts.update');
    await s.advance(SYNC_DEBOUNCE_MS - 1000);
    expect(s.passes.length).toBe(1); // still typing
    await s.advance(1000);
    expect(s.passes.length).toBe(2);
    expect(s.modes).toEqual([false, true]); // after local writes only Kith's changes go out; the start asks the server too
    await s.done();
    s.events.emit('committed', 'sync.now');
    s.events.emit('committed', 'sync.conflicts.resolve');
    await s.advance(SYNC_DEBOUNCE_MS * 2);
    expect(s.passes.length).toBe(2);
    s.scheduler.detach();
  });

  it('runs one pass at a time, with one more after writes made during it', async () => {
    const s = setup();
    s.scheduler.start();
    s.events.emit('committed', 'contacts.create');
    await s.advance(SYNC_DEBOUNCE_MS);
    s.scheduler.wake();
    expect(s.passes.length).toBe(1);
    await s.done();
    expect(s.passes.length).toBe(2);
    expect(s.modes).toEqual([false, false]); // a wake during the pass asked for a full one: the writes' send-only pass is part of it
    s.scheduler.detach();
  });

  it('does nothing without an account', async () => {
    const s = setup(false);
    s.scheduler.start();
    s.scheduler.wake();
    await s.advance(SYNC_INTERVAL_MS * 2);
    expect(s.passes).toEqual([]);
    s.scheduler.detach();
  });
});
