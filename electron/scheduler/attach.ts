// The scheduler over a running back end: re-armed after every write, with a minute's watch for a
// change of time zone. Used by the Electron app, the web host and the tests alike.
import type { KithBackend } from '../kith';
import { settleHealth } from '../services/health';
import { createScheduler, type Notifier, type Scheduler, type SchedulerStatus, type Timers } from './scheduler';

export const ZONE_CHECK_MS = 60_000;

export const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface AttachedScheduler extends Scheduler {
  detach(): void;
}

export function attachScheduler(
  backend: Pick<KithBackend, 'ctx' | 'events'>,
  options: { notifier: Notifier; timers?: Timers; onStatus?(status: SchedulerStatus): void; watchTimeZone?: boolean },
): AttachedScheduler {
  const scheduler = createScheduler({
    db: backend.ctx.db,
    sqlite: backend.ctx.sqlite,
    clock: backend.ctx.clock,
    timers: options.timers ?? nodeTimers,
    notifier: options.notifier,
    onStatus: (status) => {
      backend.ctx.status.recovered('scheduler');
      options.onStatus?.(status);
    },
    onError: (err) => backend.ctx.status.report('scheduler', err),
    writesIdle: () => backend.ctx.writes?.idle() ?? Promise.resolve(),
    settleHealth: () => settleHealth(backend.ctx),
  });
  const onCommitted = () => void scheduler.rearm('write');
  backend.events.on('committed', onCommitted);
  // Node has no event for a change of zone: look once a minute (cheap: one string comparison)
  const zoneWatch = options.watchTimeZone === false ? null : setInterval(() => void scheduler.checkTimeZone(), ZONE_CHECK_MS);
  zoneWatch?.unref();
  return {
    ...scheduler,
    detach() {
      backend.events.off('committed', onCommitted);
      if (zoneWatch) clearInterval(zoneWatch);
      scheduler.stop();
    },
  };
}
