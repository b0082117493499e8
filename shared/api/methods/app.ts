import { z } from 'zod';
import { command, query } from '../define';
import type { ApiErrorCode } from '../errors';
import type { BackupDetails } from './transfer';

export interface AppInfo {
  version: string;
  schemaVersion: string;
  databasePath: string;
  /** where the API is served from: the Electron shell or the local web host */
  host: 'electron' | 'web';
}

/** a background task (automatic backup, WAL checkpoint, scheduler, integrity check) that failed */
export interface BackgroundProblem {
  task: 'backup' | 'checkpoint' | 'scheduler' | 'integrity' | 'search' | 'health' | 'thumbnails';
  code: ApiErrorCode;
  message: string;
  /** epoch ms of the last failure */
  at: number;
}

/** what the app shows in its banner: how the file is open, damage found, tasks that failed */
export interface AppStatus {
  access: 'read-write' | 'read-only';
  /** why the file is open read-only, and what to do */
  readOnlyReason: string | null;
  /** damage found in the data file: writes are refused until the user restores or goes on */
  damage: {
    problem: string;
    message: string;
    newestGoodBackup: BackupDetails | null;
    writesStopped: boolean;
    /** false when the file could not be opened at all: nothing can be read, only a restore helps (electron/api/recovery-dispatch.ts) */
    opened: boolean;
  } | null;
  problems: BackgroundProblem[];
  /** the search index is catching up on many changes (after an upgrade or a large import): a search
   *  may miss some people until it is done */
  searchIndexing: boolean;
}

export const appMethods = {
  'app.info': query<AppInfo>()(z.object({}).strict()),
  'app.status': query<AppStatus>()(z.object({}).strict()),
  /**
   * the user's answer to damage: 'restore' puts the newest good backup in place (the damaged file is
   * kept beside it, renamed); 'continue' lets writes go on on the damaged file
   */
  'app.resolveDamage': command<AppStatus>()(z.object({ choice: z.enum(['restore', 'continue']) }).strict()),
};
