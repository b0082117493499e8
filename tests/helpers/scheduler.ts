// A scheduler over a real test back end, with a timer queue the test moves by hand and a notifier
// that records what it was asked to show.
import { attachScheduler, type AttachedScheduler } from '../../electron/scheduler/attach';
import type { KithNotification } from '../../electron/scheduler/messages';
import type { Timers } from '../../electron/scheduler/scheduler';
import type { TestBackend } from './backend';
import type { fixedClock } from './backend';

export interface Rung extends KithNotification {
  at: string;
}

export interface SchedulerHarness {
  scheduler: AttachedScheduler;
  rung: Rung[];
  /** when the one pending timer will run, as an ISO string (null: no timer) */
  timerAt(): string | null;
  /** the scheduler's own idea of the next thing to ring */
  nextFireAt(): string | null;
  /** move the clock to `iso`, running every timer due on the way, as a running app would */
  runUntil(iso: string): Promise<void>;
  /** move the clock without running timers (the machine sleeps) */
  sleepUntil(iso: string): void;
}

export function harness(kith: TestBackend, clock: ReturnType<typeof fixedClock>, options: { beforeNotify?(n: KithNotification): void } = {}): SchedulerHarness {
  const queue = new Map<number, { at: number; fn: () => void }>();
  let seq = 0;
  const timers: Timers = {
    setTimeout(fn, ms) {
      seq += 1;
      queue.set(seq, { at: clock.now().getTime() + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void queue.delete(h as number),
  };
  const rung: Rung[] = [];
  const scheduler = attachScheduler(kith, {
    timers,
    notifier: {
      notify: (n) => {
        options.beforeNotify?.(n); // may throw, as a failing system notification would
        rung.push({ ...n, at: clock.now().toISOString() });
      },
    },
    watchTimeZone: false,
  });
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
  return {
    scheduler,
    rung,
    timerAt: () => iso([...queue.values()].map((t) => t.at).sort((a, b) => a - b)[0]),
    nextFireAt: () => iso(scheduler.status()?.nextFireAt),
    async runUntil(target) {
      const end = new Date(target).getTime();
      await scheduler.idle();
      for (let guard = 0; guard < 10_000; guard++) {
        const [id, next] = [...queue.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (id === undefined || !next || next.at > end) break;
        queue.delete(id);
        if (next.at > clock.now().getTime()) clock.set(new Date(next.at).toISOString());
        next.fn();
        await scheduler.idle();
      }
      clock.set(target);
    },
    sleepUntil(target) {
      clock.set(target);
    },
  };
}
