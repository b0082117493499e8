// Starting Kith's back end, the same way for the Electron shell and the web host:
// open the file, migrate it, and build the one dispatcher over the services.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import { openDatabase, type DatabaseHandle } from '../db/connection';
import { migrateToLatest, type MigrationReport } from '../db/migrate';
import type { MethodName } from '../shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { systemClock, type Clock, type ServiceContext } from './services/context';
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
}

export async function startBackend(options: StartOptions): Promise<KithBackend> {
  if (options.databasePath !== ':memory:') mkdirSync(dirname(options.databasePath), { recursive: true });
  const handle = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding });
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
