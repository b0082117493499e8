// What Electron's main process and the back end (a utilityProcess, electron/backend/process.ts)
// say to each other over its message port. Plain data only: it is structured-cloned across.
import type { MethodName } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import type { BackupDetails } from '../../shared/api/methods/transfer';
import type { KithNotification } from '../scheduler/messages';
import type { SchedulerStatus } from '../scheduler/scheduler';

export interface BackendStartOptions {
  databasePath: string;
  nativeBinding?: string;
  /** the system's locale (the default phone region is guessed from it) */
  locale?: string;
  /** base64 of the sync passwords' key, unsealed by the OS keychain in the main process (adapters/credentialCipher.ts) */
  credentialKey?: string;
}

/** a damaged data file, as the main process's dialog needs it */
export interface DamageReport {
  databasePath: string;
  problem: string;
  newestGoodBackup: BackupDetails | null;
}

/** the native dialogs the back end asks the main process for: they answer with a path or null */
export type PathRequest = { kind: 'open'; title: string; extensions: string[] } | { kind: 'save'; title: string; defaultName: string };

export type ToBackend =
  | { type: 'start'; options: BackendStartOptions }
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'path'; id: number; path: string | null }
  /** the answer to 'open-path': what went wrong, or null when the system's app has it */
  | { type: 'opened'; id: number; problem: string | null }
  /** the answer to 'damaged': restore the newest good backup, or stop */
  | { type: 'damage-decision'; restore: boolean }
  /** the machine woke up: the scheduler looks again */
  | { type: 'wake' }
  | { type: 'stop' };

export type FromBackend =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** the file is damaged; `atStart`: found opening it (else by the background check, while running) */
  | { type: 'damaged'; report: DamageReport; atStart: boolean }
  /** after a restore of a damaged file found while running: start the app again */
  | { type: 'relaunch' }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'committed'; method: MethodName }
  | { type: 'notify'; notification: KithNotification }
  | { type: 'status'; status: Pick<SchedulerStatus, 'overdue' | 'dueToday'> }
  | { type: 'launch-at-login'; enabled: boolean }
  | { type: 'ask-path'; id: number; request: PathRequest }
  /** open this file (a temporary copy of an attachment) with the system's app: shell.openPath */
  | { type: 'open-path'; id: number; path: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };
