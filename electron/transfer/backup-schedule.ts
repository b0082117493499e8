// The automatic daily backup: while the app runs, check every hour whether today (in the user's
// zone) already has one; if not, take it and rotate. The clock and the timer are passed in.
import { localDateOf } from '../../shared/domain/localDate';
import type { BackupInfo } from '../../shared/api/methods/transfer';
import type { Clock } from '../services/context';
import type Database from 'better-sqlite3';
import { backupFolder, listBackups, rotateBackups, takeBackup } from './backups';

export const CHECK_EVERY_MS = 60 * 60 * 1000;

/** due when no automatic backup was taken on the user's current local day */
export function isDailyBackupDue(backups: readonly BackupInfo[], now: number, timeZone: string): boolean {
  const today = localDateOf(now, timeZone);
  return !backups.some((b) => b.kind === 'daily' && localDateOf(b.takenAt, timeZone) === today);
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface BackupSchedule {
  /** one check: takes the daily backup if it is due; returns it, or null */
  tick(): Promise<BackupInfo | null>;
  /** the check made at start, settled when its backup (if one was due) is written */
  firstCheck: Promise<BackupInfo | null>;
  stop(): void;
}

export function startAutomaticBackups(
  target: { sqlite: Database.Database; databasePath: string; clock: Clock },
  options: { timers?: Timers; everyMs?: number; onError?: (err: unknown) => void; onSuccess?: () => void } = {},
): BackupSchedule {
  const timers: Timers = options.timers ?? { setInterval: (fn, ms) => setInterval(fn, ms).unref(), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) };
  let running = false;
  const tick = async (): Promise<BackupInfo | null> => {
    // not while an import's transaction is open on this connection: the backup would see its rows
    if (running || target.databasePath === ':memory:' || !target.sqlite.open || target.sqlite.inTransaction) return null;
    running = true;
    try {
      const folder = backupFolder(target.databasePath);
      const now = target.clock.now();
      if (!isDailyBackupDue(listBackups(folder), now.getTime(), target.clock.timeZone())) return null;
      const info = await takeBackup(target.sqlite, target.databasePath, 'daily', now);
      rotateBackups(folder, target.clock.timeZone());
      options.onSuccess?.();
      return info;
    } catch (err) {
      // a full disk, a read-only folder: reported (the app shows it) and tried again at the next check
      options.onError?.(err);
      return null;
    } finally {
      running = false;
    }
  };
  const handle = timers.setInterval(() => void tick(), options.everyMs ?? CHECK_EVERY_MS);
  const firstCheck = tick();
  return { tick, firstCheck, stop: () => timers.clearInterval(handle) };
}
