// Opens the SQLite file: better-sqlite3 underneath, Kysely on top, with the pragmas DESIGN.md asks for.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { DB } from './schema';

export interface DatabaseHandle {
  /** the raw connection: backups, pragmas and the few hot paths that need prepared statements */
  sqlite: Database.Database;
  /** the typed query builder every service uses */
  db: Kysely<DB>;
  path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** path of a better_sqlite3.node built for another runtime (Electron's ABI); see README */
  nativeBinding?: string;
  readonly?: boolean;
  /** false: leave the journal mode alone (the caller switches to WAL once it has checked the file) */
  wal?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  const sqlite = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  applyPragmas(sqlite, { wal: options.wal });
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite) });
  let closed = false;
  return {
    sqlite,
    db,
    path,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // also closes the better-sqlite3 connection
    },
  };
}

export function applyPragmas(sqlite: Database.Database, options: { wal?: boolean } = {}): void {
  // the WAL switch writes the file's header: startBackend asks for it only once the file is known
  // to be a Kith file it will open (see electron/startup-checks.ts)
  if ((options.wal ?? true) && !sqlite.readonly) sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable against a crash of the app in WAL mode; only a power cut can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Sized for 100,000 contacts / 2,000,000 interactions (see docs/benchmarks.md): the default 2 MB
  // page cache thrashes on a file of hundreds of MB; memory-mapped reads skip a copy per page;
  // sorts and temp indexes stay in memory instead of temp files.
  sqlite.pragma('cache_size = -65536'); // 64 MB
  sqlite.pragma('mmap_size = 268435456'); // 256 MB
  sqlite.pragma('temp_store = MEMORY');
  // The app checkpoints the WAL itself when a write has settled (checkpointWhenIdle), so no single
  // write pays for one (16–20 ms every ~100 writes at 10,000 contacts); SQLite's own automatic
  // checkpoint stays as a backstop at 40 MB of WAL.
  sqlite.pragma('wal_autocheckpoint = 10000');
}

/** how long after the last write the WAL is folded back into the file */
const CHECKPOINT_DELAY_MS = 500;
/** how long after a failed checkpoint (a full disk) it is tried again */
const CHECKPOINT_RETRY_MS = 30_000;

/**
 * Call after every committed write: shortly after, once nothing else is running, the WAL is
 * checkpointed (PASSIVE: it never waits for readers or blocks a writer). Returns a cancel for close.
 */
export function checkpointWhenIdle(
  sqlite: Database.Database,
  report: { failed(err: unknown): void; succeeded(): void } = { failed() {}, succeeded() {} },
  options: { nativeBinding?: string } = {},
): { written(): void; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  let inWorker = false;
  const failed = (err: unknown) => {
    // a full disk, a read-only mount: reported, and tried again later; never thrown from a timer
    report.failed(err);
    schedule(CHECKPOINT_RETRY_MS);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = null;
      try {
        if (!sqlite.open || sqlite.inTransaction || inWorker) return;
        // a large WAL (after an import) takes seconds to fold back: on a connection of its own in a
        // worker thread, so no call waits for it
        if (walBytes(sqlite.name) > BACKGROUND_CHECKPOINT_BYTES) {
          inWorker = true;
          void checkpointInWorker(sqlite.name, options.nativeBinding).then((problem) => {
            inWorker = false;
            if (problem) failed(new Error(problem));
            else report.succeeded();
          });
          return;
        }
        sqlite.pragma('wal_checkpoint(PASSIVE)');
        report.succeeded();
      } catch (err) {
        failed(err);
      }
    }, ms);
    timer.unref();
  };
  return {
    written() {
      if (timer !== null || sqlite.readonly) return;
      schedule(CHECKPOINT_DELAY_MS);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** a WAL larger than this is checkpointed in a worker thread (about 20 ms of work inline) */
const BACKGROUND_CHECKPOINT_BYTES = 8 * 1024 * 1024;

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** PASSIVE checkpoint on a connection of its own in a worker thread; null, or what went wrong */
function checkpointInWorker(path: string, nativeBinding?: string): Promise<string | null> {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    // closed before the answer, so a close that follows the answer is the last connection out
    let db, problem = null;
    try {
      const Database = require(workerData.modulePath);
      db = new Database(workerData.path, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      problem = String((err && err.message) || err);
    } finally {
      try { if (db) db.close(); } catch {}
    }
    parentPort.postMessage(problem);`;
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData: { path, modulePath, nativeBinding } });
    worker.once('message', (problem: string | null) => resolve(problem));
    worker.once('error', (err) => resolve(err.message));
  });
}

/**
 * Kysely's SQLite dialect with two changes. Write transactions start with BEGIN IMMEDIATE: a
 * deferred BEGIN that later upgrades to a write lock fails at once with "database is locked" when
 * another process writes, without waiting for busy_timeout. And a ROLLBACK is skipped when SQLite
 * already ended the transaction itself (a full disk, an I/O error): the caller then sees that
 * error, not "cannot rollback - no transaction is active".
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: Database.Database) {
    super({ database: withStatementCache(sqlite) });
  }
  override createDriver(): Driver {
    const sqlite = this.sqlite;
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw(sqlite.readonly ? 'begin' : 'begin immediate'));
      }
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
      }
    })({ database: withStatementCache(sqlite) });
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing costs more than running most of Kith's queries.
 * This keeps the most recent prepared statements by SQL text (Kysely runs one query at a time per
 * connection, so a cached statement is never in use twice at once).
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source); // re-insert: the Map's order is the recency order
        } else {
          statement = target.prepare(source);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}
