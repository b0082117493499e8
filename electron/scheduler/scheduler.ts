// The reminder scheduler: plain Node, with the clock, the timer functions and the notifier passed
// in, so the Electron app, the web host and the tests run the same code.
//
// One timer, for the next thing that should ring (never more than an hour away, as a safety net).
// Every run announces whatever is due and not yet announced; several items make one digest, so a
// start-up after a week away or a wake after a long sleep rings once. What was announced is stored
// (reminders.last_notified_at; for check-ins the last digest date), so nothing rings twice, even
// across restarts.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../services/context';
import { countOpenThrough, dueCheckIns, firstCheckInAfter, loadOpenReminders, nextReminderFireAt, syncAutomaticReminders } from '../services/reminders';
import { loadSettings, readState, writeState } from '../services/settings';
import { addDaysToDate, instantOfLocal, localDateOf } from '../../shared/domain/localDate';
import { endOfQuietHours, inQuietHours } from '../../shared/domain/settings';
import { composeNotification, type KithNotification } from './messages';
import { openTopicsOf } from '../services/topics';

export const SAFETY_INTERVAL_MS = 60 * 60 * 1000;
export const RETRY_MS = 5 * 60 * 1000;
/** the local date through which due check-ins have been announced */
export const CHECKINS_ANNOUNCED_KEY = 'scheduler.checkinsAnnouncedThrough';

export interface Notifier {
  notify(notification: KithNotification): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerStatus {
  overdue: number;
  dueToday: number;
  /** when the timer will next look (already capped by the safety interval) */
  wakeAt: number;
  /** the next moment something is due to ring, or null if nothing is scheduled */
  nextFireAt: number | null;
}

export interface SchedulerOptions {
  db: Kysely<DB>;
  /** the same connection, raw: check-ins are read from the health table (db/queries/health.ts) */
  sqlite: Database.Database;
  clock: Clock;
  timers: Timers;
  notifier: Notifier;
  /** after every run: the tray shows the overdue count */
  onStatus?(status: SchedulerStatus): void;
  onError?(error: unknown): void;
  /** resolves when no import holds the write gate: a run writes, so it waits for that */
  writesIdle?(): Promise<void>;
  /** brings the health table up to date in slices (services/health.ts settleHealth): check-ins are read from it */
  settleHealth?(): Promise<void>;
}

export interface Scheduler {
  /** first run: announces what came due while Kith was closed, as one digest */
  start(): Promise<void>;
  /** look again now (after a write, a wake, a time-zone change) */
  rearm(reason: string): Promise<void>;
  /** re-arms if the user's time zone differs from the last run's */
  checkTimeZone(): Promise<void>;
  stop(): void;
  status(): SchedulerStatus | null;
  /** resolves when the runs queued so far have finished */
  idle(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, sqlite, clock, timers, notifier } = options;
  let handle: unknown = null;
  let stopped = false;
  let lastZone: string | null = null;
  let last: SchedulerStatus | null = null;
  // runs never overlap: a re-arm during a run queues one more run after it
  let chain: Promise<void> = Promise.resolve();

  const schedule = (_reason: string) => {
    chain = chain
      .then(() => run())
      .catch((err) => {
        options.onError?.(err);
        // a failed run (a locked file, a bad row) must not leave Kith silent: look again soon
        if (!stopped && handle === null) handle = timers.setTimeout(() => void schedule('retry'), RETRY_MS);
      });
    return chain;
  };

  async function run() {
    await options.writesIdle?.();
    if (stopped) return;
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    const now = clock.now().getTime();
    const timeZone = clock.timeZone();
    lastZone = timeZone;
    const settings = await loadSettings(db);
    await syncAutomaticReminders(db, now, timeZone, settings.birthdayLeadDays);
    const today = localDateOf(now, timeZone);
    // what is listed through today and not yet announced: what may ring now (the tray's counts are
    // counted apart, so the overdue ones already announced are not read on every run)
    const open = await loadOpenReminders(db, timeZone, settings, { through: today, unannounced: true });

    const dueReminders = open.filter((r) => r.fireAt <= now);
    const digestToday = instantOfLocal(today, settings.digestTime, timeZone);
    // check-ins ring once a day, at the digest time, and only those that came due since the last digest
    const announcedThrough = await readState<string>(db, CHECKINS_ANNOUNCED_KEY);
    const checkInDigestPending = now >= digestToday && (announcedThrough === null || announcedThrough < today);
    // only those that came due since the last digest are read (all of them before the first one)
    await options.settleHealth?.();
    const due = dueCheckIns(sqlite, now, timeZone, undefined, announcedThrough ?? undefined);
    const newCheckIns = checkInDigestPending ? due : [];
    // the next digest with something to say: today's if check-ins already wait for it, else the first future one's
    const waiting = !checkInDigestPending && due.length > 0;
    const announcedNow = checkInDigestPending ? today : announcedThrough;
    const nextCheckIn = waiting ? today : firstCheckInAfter(sqlite, now, timeZone, announcedNow !== null && announcedNow > today ? announcedNow : today);

    const quiet = settings.notificationsEnabled && inQuietHours(now, settings.quietHours, timeZone);
    let deferredUntil: number | null = null;
    if (dueReminders.length || checkInDigestPending) {
      if (quiet) {
        deferredUntil = endOfQuietHours(now, settings.quietHours, timeZone);
      } else {
        // store first, then ring: a crash between the two loses one notification rather than repeating it forever
        const ids = dueReminders.map((r) => r.id);
        await db.transaction().execute(async (trx) => {
          if (ids.length) await trx.updateTable('reminders').set({ last_notified_at: now }).where('id', 'in', ids).execute();
          if (checkInDigestPending) await writeState(trx, CHECKINS_ANNOUNCED_KEY, today);
        });
        // a check-in that rings alone says what to bring up (next-time topics)
        const topics = new Map<string, string[]>();
        if (settings.notificationsEnabled && newCheckIns.length === 1 && dueReminders.length === 0) {
          for (const t of await openTopicsOf(db, [newCheckIns[0]!.contactId])) topics.set(t.contactId, [...(topics.get(t.contactId) ?? []), t.text]);
        }
        const notification = settings.notificationsEnabled ? composeNotification(dueReminders, newCheckIns, today, topics) : null;
        try {
          if (notification) notifier.notify(notification);
        } catch (err) {
          // the system refused it: unmark, so the retry announces these too
          await db.transaction().execute(async (trx) => {
            if (ids.length) await trx.updateTable('reminders').set({ last_notified_at: null }).where('id', 'in', ids).where('last_notified_at', '=', now).execute();
            if (checkInDigestPending) await writeState(trx, CHECKINS_ANNOUNCED_KEY, announcedThrough);
          });
          throw err;
        }
      }
    }

    // the next moment anything should ring
    const candidates: number[] = [];
    for (const r of open) if (r.fireAt > now) candidates.push(r.fireAt);
    const later = await nextReminderFireAt(db, timeZone, settings, today);
    if (later !== null) candidates.push(later);
    if (nextCheckIn !== null) {
      const earliestDigest = now < digestToday ? today : addDaysToDate(today, 1);
      candidates.push(instantOfLocal(nextCheckIn > earliestDigest ? nextCheckIn : earliestDigest, settings.digestTime, timeZone));
    }
    if (deferredUntil !== null) candidates.push(deferredUntil);
    let nextFireAt: number | null = candidates.length ? Math.min(...candidates) : null;
    if (nextFireAt !== null && settings.notificationsEnabled && inQuietHours(nextFireAt, settings.quietHours, timeZone)) {
      nextFireAt = endOfQuietHours(nextFireAt, settings.quietHours, timeZone);
    }
    const wakeAt = Math.min(nextFireAt ?? Infinity, now + SAFETY_INTERVAL_MS);
    if (!stopped) handle = timers.setTimeout(() => void schedule('timer'), Math.max(0, wakeAt - now));

    const { overdue, dueToday: dueTodayCount } = await countOpenThrough(db, now, timeZone, settings);
    last = { overdue, dueToday: dueTodayCount, wakeAt, nextFireAt };
    options.onStatus?.(last);
  }

  return {
    start: () => schedule('start'),
    rearm: (reason) => schedule(reason),
    async checkTimeZone() {
      if (lastZone !== null && clock.timeZone() !== lastZone) await schedule('time zone changed');
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    status: () => last,
    idle: () => chain,
  };
}
