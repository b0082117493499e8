// When sync runs by itself while Kith is open: at start, a short while after local writes settle
// (debounced, so typing a note does not send a card per keystroke; such a pass only sends, since
// asking a large address book what changed costs the server most of a second), every 15 minutes,
// and when the machine wakes. Plain Node with injected timers, like the reminder scheduler; it only runs passes
// when there is an account, and never because of sync's own writes.
import type { EventEmitter } from 'node:events';
import type { MethodName } from '../../shared/api/contract';
import type { Timers } from '../scheduler/scheduler';

export const SYNC_INTERVAL_MS = 15 * 60 * 1000;
export const SYNC_DEBOUNCE_MS = 5 * 1000;

export interface SyncSchedulerOptions {
  /** runs one pass over every account (sync.now through the dispatcher); `sendOnly` after local writes */
  run(options: { sendOnly: boolean }): Promise<unknown>;
  /** true when there is at least one account */
  hasAccounts(): boolean;
  events: EventEmitter<{ committed: [MethodName] }>;
  timers?: Timers;
}

export interface SyncScheduler {
  start(): void;
  /** the machine woke up: sync now */
  wake(): void;
  detach(): void;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const timers = options.timers ?? realTimers;
  let debounce: unknown = null;
  let interval: unknown = null;
  let running: Promise<unknown> | null = null;
  /** a pass asked for while one runs: null none, else whether it may only send */
  let again: boolean | null = null;
  let stopped = false;

  const pass = (sendOnly = false) => {
    if (stopped || !options.hasAccounts()) return;
    if (running) {
      again = again === null ? sendOnly : again && sendOnly; // one more pass after it (full if any asked for full)
      return;
    }
    running = options
      .run({ sendOnly })
      .catch(() => {}) // a failed pass is recorded on its account; the next trigger tries again
      .finally(() => {
        running = null;
        if (again !== null && !stopped) {
          const next = again;
          again = null;
          pass(next);
        }
      });
    if (!sendOnly) armInterval();
  };
  const armInterval = () => {
    if (interval !== null) timers.clearTimeout(interval);
    interval = timers.setTimeout(() => {
      interval = null;
      pass();
    }, SYNC_INTERVAL_MS);
  };
  const onCommitted = (method: MethodName) => {
    if (method.startsWith('sync.')) return; // sync's own writes (and account changes) start no pass
    if (debounce !== null) timers.clearTimeout(debounce);
    debounce = timers.setTimeout(() => {
      debounce = null;
      pass(true);
    }, SYNC_DEBOUNCE_MS);
  };
  options.events.on('committed', onCommitted);
  return {
    start: () => {
      pass();
      armInterval();
    },
    wake: () => pass(false),
    detach: () => {
      stopped = true;
      options.events.off('committed', onCommitted);
      if (debounce !== null) timers.clearTimeout(debounce);
      if (interval !== null) timers.clearTimeout(interval);
    },
  };
}

/** the scheduler over a back end: passes through its dispatcher, so the renderer hears of their writes */
export function attachSyncScheduler(backend: { dispatch(method: string, input: unknown): Promise<unknown>; handle: { sqlite: { prepare(sql: string): { get(): unknown } } }; events: SyncSchedulerOptions['events'] }, timers?: Timers): SyncScheduler {
  const scheduler = createSyncScheduler({
    run: ({ sendOnly }) => backend.dispatch('sync.now', sendOnly ? { sendOnly } : {}),
    hasAccounts: () => !!backend.handle.sqlite.prepare('SELECT 1 FROM sync_accounts LIMIT 1').get(),
    events: backend.events,
    timers,
  });
  scheduler.start();
  return scheduler;
}
