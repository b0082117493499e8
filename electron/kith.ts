// Starting Kith's back end, the same way for the Electron shell and the web host:
// open the file, migrate it, and build the one dispatcher over the services.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import { openDatabase, type DatabaseHandle } from '../db/connection';
import { migrateToLatest, type MigrationReport } from '../db/migrate';
import type { MethodName } from '../shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { systemClock, type Clock, type FileDialogs, type ServiceContext } from './services/context';
import { damagedError, quickCheck } from './transfer/integrity';
import { handlers } from './services';

export interface KithBackend {
  handle: DatabaseHandle;
  ctx: ServiceContext;
  dispatch: Dispatch;
  /** 'committed' (method name) after every successful write */
  events: EventEmitter<{ committed: [MethodName] }>;
  migration: MigrationReport;
  close(): Promise<void>;
}

export interface StartOptions {
  databasePath: string;
  host: 'electron' | 'web';
  clock?: Clock;
  nativeBinding?: string;
  /** native open/save dialogs (Electron) */
  files?: FileDialogs;
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
  const problem = existing ? quickCheck(handle.sqlite) : null;
  if (problem) {
    await handle.close();
    throw damagedError(options.databasePath, problem);
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
  };
  const events = new EventEmitter<{ committed: [MethodName] }>();
  const dispatch = createDispatcher({
    ctx,
    handlers,
    onCommitted: (method) => events.emit('committed', method),
    onInternalError: (method, error) => console.error(`[kith] ${method} failed:`, error),
  });
  return { handle, ctx, dispatch, events, migration, close: () => handle.close() };
}
