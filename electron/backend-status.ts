// How the back end stands, for the app's banner: read-only or not, damage found, and the background
// tasks (automatic backup, checkpoint, scheduler, integrity check) whose last run failed. Background
// tasks report here instead of only to a terminal; the dispatcher asks it whether writes may run.
import type { ApiErrorData } from '../shared/api/errors';
import type { AppStatus, BackgroundProblem } from '../shared/api/methods/app';
import type { BackupDetails } from '../shared/api/methods/transfer';
import { storageError } from './api/storage-errors';

export class BackendStatus {
  readOnlyReason: string | null = null;
  damage: AppStatus['damage'] = null;
  /** the search index is catching up on many changes in the background (electron/services/search.ts) */
  searchIndexing = false;
  private readonly problems = new Map<BackgroundProblem['task'], BackgroundProblem>();

  constructor(private readonly now: () => number = Date.now) {}

  /** a background task failed: kept for the banner (one entry per task, the latest), and logged */
  report(task: BackgroundProblem['task'], err: unknown): BackgroundProblem {
    const typed = storageError(err);
    const problem: BackgroundProblem = {
      task,
      code: typed?.code ?? 'internal',
      message: `${TASK_NAMES[task]} failed: ${typed?.message ?? (err as Error)?.message ?? String(err)}`,
      at: this.now(),
    };
    this.problems.set(task, problem);
    console.error(`[kith] ${problem.message}`);
    return problem;
  }

  /** the task ran fine again: its problem leaves the banner */
  recovered(task: BackgroundProblem['task']): void {
    this.problems.delete(task);
  }

  setDamage(problem: string, message: string, newestGoodBackup: BackupDetails | null): void {
    this.damage = { problem, message, newestGoodBackup, writesStopped: true, opened: true };
  }

  /** why a write may not run now, or null */
  writeRefusal(): ApiErrorData | null {
    if (this.readOnlyReason) return { code: 'read_only', message: this.readOnlyReason };
    if (this.damage?.writesStopped) {
      return { code: 'damaged', message: `${this.damage.message} Nothing was written: restore the backup or choose to go on (see the banner).` };
    }
    return null;
  }

  snapshot(): AppStatus {
    return {
      access: this.readOnlyReason ? 'read-only' : 'read-write',
      readOnlyReason: this.readOnlyReason,
      damage: this.damage,
      problems: [...this.problems.values()],
      searchIndexing: this.searchIndexing,
    };
  }
}

/**
 * A catch-up a read does first (the search index, the health table). On a full or read-only disk
 * the read goes on with what is stored and the problem is reported; the next read tries again.
 * Inside a caller's transaction the error is the caller's (SQLite may have rolled it back).
 */
export function catchUp(status: BackendStatus | undefined, sqlite: { inTransaction: boolean }, task: BackgroundProblem['task'], work: () => void): void {
  const outer = sqlite.inTransaction;
  try {
    work();
    status?.recovered(task);
  } catch (err) {
    if (outer || !status || !storageError(err)) throw err;
    status.report(task, err);
  }
}

const TASK_NAMES: Record<BackgroundProblem['task'], string> = {
  backup: 'The automatic backup',
  checkpoint: 'Saving the write-ahead log into the file',
  scheduler: 'The reminder scheduler',
  integrity: 'The integrity check',
  search: 'Updating the search index',
  health: 'Updating the health scores',
  thumbnails: 'Making the photo thumbnails for lists',
};
