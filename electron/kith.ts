// Starting Kith's back end, the same way for the Electron shell and the web host:
// open the file, migrate it, and build the one dispatcher over the services.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import { checkpointWhenIdle, openDatabase, type DatabaseHandle } from '../db/connection';
import { migrateToLatest, type MigrationReport } from '../db/migrate';
import type { MethodName } from '../shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { systemClock, type Clock, type FileDialogs, type ServiceContext } from './services/context';
import { damagedError, quickCheck, quickCheckInBackground, type DatabaseDamagedError } from './transfer/integrity';
import { appliedVersions } from '../db/migrate';
import { migrations as knownMigrations } from '../db/migrations';
import { handlers } from './services';
import { stopExportJobs } from './transfer/export-jobs';
import { createWriteGate } from './services/write-gate';

export interface KithBackend {
  handle: DatabaseHandle;
  ctx: ServiceContext;
  dispatch: Dispatch;
  /** 'committed' (method name) after every successful write */
  events: EventEmitter<{ committed: [MethodName] }>;
  migration: MigrationReport;
  /** the start-up integrity check: null when the file is sound (already settled unless run in the background) */
  integrity: Promise<DatabaseDamagedError | null>;
  close(): Promise<void>;
}

export interface StartOptions {
  databasePath: string;
  host: 'electron' | 'web';
  clock?: Clock;
  nativeBinding?: string;
  /** native open/save dialogs (Electron) */
  files?: FileDialogs;
  /**
   * 'blocking' (default): a damaged file is refused before anything reads it. 'background': the
   * app starts at once and `integrity` reports later — unless a migration is pending, which never
   * runs on a file that has not passed the check.
   */
  integrityCheck?: 'blocking' | 'background';
}

export async function startBackend(options: StartOptions): Promise<KithBackend> {
  if (options.databasePath !== ':memory:') mkdirSync(dirname(options.databasePath), { recursive: true });
  const existing = options.databasePath !== ':memory:' && existsSync(options.databasePath);
  let handle: DatabaseHandle;
  try {
    handle = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding });
  } catch (err) {
    // "file is not a database": the header itself is damaged
    if (existing) throw damagedError(options.databasePath, (err as Error).message);
    throw err;
  }
  // a damaged file is reported (with the newest good backup), never used as if nothing happened
  let integrity: Promise<DatabaseDamagedError | null> = Promise.resolve(null);
  if (existing) {
    const background = options.integrityCheck === 'background' && !(await migrationPending(handle));
    if (background) {
      integrity = quickCheckInBackground(options.databasePath, options.nativeBinding).then((problem) => (problem ? damagedError(options.databasePath, problem) : null));
    } else {
      const problem = quickCheck(handle.sqlite);
      if (problem) {
        await handle.close();
        throw damagedError(options.databasePath, problem);
      }
    }
  }
  let migration: MigrationReport;
  try {
    migration = await migrateToLatest(handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const ctx: ServiceContext = {
    db: handle.db,
    sqlite: handle.sqlite,
    clock: options.clock ?? systemClock,
    databasePath: options.databasePath,
    host: options.host,
    files: options.files,
    nativeBinding: options.nativeBinding,
    writes: createWriteGate(),
  };
  const events = new EventEmitter<{ committed: [MethodName] }>();
  const checkpoint = checkpointWhenIdle(handle.sqlite);
  const dispatch = createDispatcher({
    ctx,
    handlers,
    onCommitted: (method) => {
      checkpoint.written();
      events.emit('committed', method);
    },
    onInternalError: (method, error) => console.error(`[kith] ${method} failed:`, error),
  });
  const close = () => {
    checkpoint.cancel();
    stopExportJobs(options.databasePath);
    return handle.close();
  };
  return { handle, ctx, dispatch, events, migration, integrity, close };
}

/** true when this version of Kith would migrate the file (or cannot even read its versions) */
async function migrationPending(handle: DatabaseHandle): Promise<boolean> {
  try {
    const applied = await appliedVersions(handle);
    return Object.keys(knownMigrations).some((name) => !applied.includes(name));
  } catch {
    return true;
  }
}
