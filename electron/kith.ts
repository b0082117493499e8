// Starting Kith's back end, the same way for the Electron shell and the web host:
// check the file, open it, migrate it, and build the one dispatcher over the services.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventEmitter } from 'node:events';
import { checkpointWhenIdle, openDatabase, type DatabaseHandle } from '../db/connection';
import { migrateToLatest, type MigrationReport } from '../db/migrate';
import type { MethodName } from '../shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { systemClock, type Clock, type FileDialogs, type ServiceContext, type DashboardWait } from './services/context';
import { damagedError, quickCheck, quickCheckInBackground, type DatabaseDamagedError } from './transfer/integrity';
import { migrations as knownMigrations } from '../db/migrations';
import { handlers } from './services';
import { stopExportJobs } from './transfer/export-jobs';
import { closeImportConnection } from './transfer/import-session';
import { makeQueuedThumbnails } from './services/thumbnails';
import { catchUpSearchIndexInBackground } from './services/search';
import { afterHealthSettles } from './services/health';
import { createWriteGate } from './services/write-gate';
import { preparePhones } from './services/phones';
import { credentialPathFor, fileCredentialStore, memoryCredentialStore, type CredentialCipher } from './sync/credentials';
import { BackendStatus } from './backend-status';
import { checkKithFile, isEmptyFile, NotAKithFileError, readOnlyReason } from './startup-checks';
import { SchemaTooNewError } from '../db/migrate';
import { acquireDataFileLock, type DataFileLock } from './file-lock';

export interface KithBackend {
  handle: DatabaseHandle;
  ctx: ServiceContext;
  dispatch: Dispatch;
  /** 'committed' (method name) after every successful write */
  events: EventEmitter<{ committed: [MethodName] }>;
  migration: MigrationReport;
  /** the start-up integrity check: null when the file is sound (already settled unless run in the background) */
  integrity: Promise<DatabaseDamagedError | null>;
  /** the background check: not started yet (waiting for the first answer), running or settled; 'none' when it ran before opening */
  integrityState(): 'waiting' | 'started' | 'cancelled' | 'none';
  /** read-only, damage, failed background tasks: what the app's banner shows */
  status: BackendStatus;
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
  /** the system locale (BCP 47), from which the default phone region is guessed the first time */
  locale?: string;
  /** the OS keychain's cipher for sync passwords (Electron's safeStorage); without it the 0600 file holds them as they are */
  credentialCipher?: CredentialCipher;
  /** per-request timeout of sync's server requests */
  syncTimeoutMs?: number;
  /** hold the data file's lock (electron/file-lock.ts): the hosts do, so a second process is refused */
  lock?: boolean;
  /** how the host opens another data file at run time (ServiceContext.switchDataFile) */
  switchDataFile?: (path: string) => void;
  /** how long after opening the background search indexing and thumbnails start (tests shorten it) */
  backgroundDelayMs?: number;
  /** how much health work the dashboard waits for before it answers with the stored figures (tests lower it) */
  dashboardWait?: DashboardWait;
}

/** how long after opening the background search indexing starts */
const SEARCH_INDEX_DELAY_MS = 3_000;

export async function startBackend(options: StartOptions): Promise<KithBackend> {
  const path = options.databasePath;
  const memory = path === ':memory:';
  const existing = !memory && existsSync(path);
  const readOnly = memory ? null : readOnlyReason(path, existing);
  if (!memory && !existing) {
    if (readOnly) throw new Error(readOnly.replace('Kith opened your file read-only', 'Kith cannot create its file'));
    mkdirSync(dirname(path), { recursive: true });
  }
  const lock: DataFileLock | null = options.lock && !readOnly ? acquireDataFileLock(path, options.nativeBinding) : null;
  let handle: DatabaseHandle | null = null;
  let kind: ReturnType<typeof checkKithFile>;
  try {
    // a 0-byte file beside backups lost its content: offer the newest backup, not an empty Kith
    if (existing && isEmptyFile(path)) {
      const empty = damagedError(path, 'the file is empty (0 bytes)');
      if (empty.newestGoodBackup) throw empty;
    }
    handle = openChecked(path, options.nativeBinding, readOnly);
    // nothing is written before these checks: a refused file stays byte for byte as it was
    kind = checkKithFile(handle.sqlite, path, Object.keys(knownMigrations));
    if (readOnly && kind.pending) {
      throw new Error(`${readOnly} (This file also needs an upgrade to this version of Kith, which cannot be done while it is read-only.)`);
    }
  } catch (err) {
    await handle?.close();
    lock?.release();
    if (err instanceof NotAKithFileError || err instanceof SchemaTooNewError || (err as Error).name === 'DatabaseDamagedError' || readOnly) throw err;
    // "file is not a database": the header itself is damaged
    if (existing) throw damagedError(path, (err as Error).message);
    throw err;
  }
  const status = new BackendStatus(() => (options.clock ?? systemClock).now().getTime());
  status.readOnlyReason = readOnly;
  // a damaged file is reported (with the newest good backup), never used as if nothing happened
  let integrity: Promise<DatabaseDamagedError | null> = Promise.resolve(null);
  let background: ReturnType<typeof deferredCheck> | null = null;
  if (existing) {
    if (options.integrityCheck === 'background' && !kind.pending) {
      const checkedPath = handle.path;
      background = deferredCheck(() => quickCheckInBackground(checkedPath, options.nativeBinding).then((problem) => (problem ? damagedError(path, problem) : null)));
      integrity = background.result;
    } else {
      const problem = quickCheck(handle.sqlite);
      if (problem) {
        await handle.close();
        lock?.release();
        throw damagedError(path, problem);
      }
    }
  }
  // found later, in the background: writes stop until the user decides (the banner offers the backup)
  void integrity.then((damaged) => {
    if (damaged) status.setDamage(damaged.problem, damaged.message, damaged.newestGoodBackup);
  });
  let migration: MigrationReport = { applied: [], backupPath: null };
  try {
    if (!readOnly) {
      handle.sqlite.pragma('journal_mode = WAL');
      migration = await migrateToLatest(handle);
      // the default phone region, and the stored numbers' E.164 forms in step with it
      preparePhones(handle.sqlite, options.locale);
    }
  } catch (err) {
    await handle.close();
    lock?.release();
    throw err;
  }

  const ctx: ServiceContext = {
    db: handle.db,
    sqlite: handle.sqlite,
    clock: options.clock ?? systemClock,
    databasePath: options.databasePath,
    host: options.host,
    files: options.files,
    credentials: options.databasePath === ':memory:' ? memoryCredentialStore() : fileCredentialStore(credentialPathFor(options.databasePath), options.credentialCipher),
    syncTimeoutMs: options.syncTimeoutMs,
    nativeBinding: options.nativeBinding,
    writes: createWriteGate(),
    status,
    switchDataFile: options.switchDataFile,
    dashboardWait: options.dashboardWait,
  };
  const events = new EventEmitter<{ committed: [MethodName] }>();
  const checkpoint = checkpointWhenIdle(handle.sqlite, { failed: (err) => status.report('checkpoint', err), succeeded: () => status.recovered('checkpoint') }, { nativeBinding: options.nativeBinding });
  const dispatchCall = createDispatcher({
    ctx,
    handlers,
    onCommitted: (method) => {
      checkpoint.written();
      events.emit('committed', method);
    },
    onInternalError: (method, error) => console.error(`[kith] ${method} failed:`, error),
    status,
  });
  // the background check starts once the first call (the first screen's) has been answered
  const dispatch: Dispatch = background
    ? async (method, input) => {
        const result = await dispatchCall(method, input);
        background?.startSoon();
        return result;
      }
    : dispatchCall;
  // the search index catches up in the background once the first screen has been served, in slices
  // other calls run between: after an upgrade or a big import the first search need not wait for it
  let closed = false;
  // — after the health table, when it is still being brought up to date: the first screen waits for
  // that (the day's first open of a large file), and slices of both at once made it wait for both
  const delay = options.backgroundDelayMs ?? SEARCH_INDEX_DELAY_MS;
  const indexLater = readOnly
    ? null
    : setTimeout(() => void afterHealthSettles(ctx.sqlite, () => catchUpSearchIndexInBackground(ctx, () => closed)).catch((err) => console.error('[kith] search index:', err)), delay);
  indexLater?.unref();
  // photo thumbnails: the ones stored before migration 0026 after the first screen, then each
  // write's (a photo saved, imported, synced, restored) just after it
  const makeThumbnails = () => void afterHealthSettles(ctx.sqlite, () => makeQueuedThumbnails(ctx, () => closed)).catch((err) => console.error('[kith] thumbnails:', err));
  const thumbnailsLater = readOnly ? null : setTimeout(makeThumbnails, delay);
  thumbnailsLater?.unref();
  if (!readOnly) events.on('committed', () => setImmediate(() => !closed && makeThumbnails()));
  const opened = handle;
  const close = async () => {
    closed = true;
    if (indexLater) clearTimeout(indexLater);
    if (thumbnailsLater) clearTimeout(thumbnailsLater);
    checkpoint.cancel();
    background?.cancel();
    stopExportJobs(options.databasePath);
    await closeImportConnection(opened.sqlite);
    await opened.close();
    lock?.release();
    if (opened.path !== path) rmSync(dirname(opened.path), { recursive: true, force: true });
  };
  return { handle, ctx, dispatch, events, migration, integrity, integrityState: () => background?.state() ?? 'none', status, close };
}

/** at the latest this long after opening, the background integrity check starts even if no call came */
const INTEGRITY_CHECK_AT_THE_LATEST_MS = 2_000;

/**
 * The background integrity check, started after the first answer: on two cores its worker (seconds
 * of quick_check on a large file) would otherwise compete with the first screen's queries. If no
 * call comes it starts on a timer; closing before it started settles it as "not checked" (null).
 */
function deferredCheck(run: () => Promise<DatabaseDamagedError | null>) {
  let settle!: (value: DatabaseDamagedError | null) => void;
  const result = new Promise<DatabaseDamagedError | null>((resolve) => (settle = resolve));
  let state: 'waiting' | 'started' | 'cancelled' = 'waiting';
  const start = () => {
    if (state !== 'waiting') return;
    state = 'started';
    clearTimeout(timer);
    void run().then(settle, () => settle(null));
  };
  const timer = setTimeout(start, INTEGRITY_CHECK_AT_THE_LATEST_MS);
  timer.unref();
  return {
    result,
    /** after the current answer has been sent on its way */
    startSoon: () => {
      if (state === 'waiting') setImmediate(start);
    },
    state: () => state,
    cancel: () => {
      if (state !== 'waiting') return;
      state = 'cancelled';
      clearTimeout(timer);
      settle(null);
    },
  };
}

/**
 * Opens the file without switching its journal mode. A WAL file on a read-only disk cannot be
 * opened in place (SQLite needs to make its -shm file beside it): it is read from a private copy.
 */
function openChecked(path: string, nativeBinding: string | undefined, readOnly: string | null): DatabaseHandle {
  if (!readOnly) return openDatabase(path, { nativeBinding, wal: false });
  try {
    const handle = openDatabase(path, { nativeBinding, readonly: true, wal: false });
    handle.sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return handle;
  } catch (err) {
    // CANTOPEN, or READONLY_CANTINIT and kin: SQLite could not make the -shm file beside it
    const code = String((err as { code?: string }).code);
    if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY')) throw err;
    const copy = join(mkdtempSync(join(tmpdir(), 'kith-readonly-')), 'kith.sqlite');
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    return openDatabase(copy, { nativeBinding, readonly: true, wal: false });
  }
}
