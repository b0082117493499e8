// Opens the SQLite file: better-sqlite3 underneath, Kysely on top, with the pragmas DESIGN.md asks for.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { DB } from './schema';
import { LOWER_THIS_THREADS_PRIORITY_JS } from './background-thread';

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
  // checkpoint stays as a backstop at 40 MB of WAL for connections without that (scripts, tools).
  // The back end's own writers turn it off: checkpointWhenIdle runs them in a worker thread.
  sqlite.pragma('wal_autocheckpoint = 10000');
}

/** how long after the last write the WAL is folded back into the file */
const CHECKPOINT_DELAY_MS = 500;
/** how long after a failed checkpoint (a full disk) it is tried again */
const CHECKPOINT_RETRY_MS = 30_000;
/** how often the WAL is looked at for writes made outside the API (search index, health table) */
const CHECKPOINT_POLL_MS = 2_000;

/**
 * Call after every committed write: shortly after, once nothing else is running, the WAL is
 * checkpointed (PASSIVE: it never waits for readers or blocks a writer) on a connection of its own
 * in a worker thread. Writes made without telling it (the search index and health table catching
 * up in slices) are seen by the WAL's modification time, looked at every couple of seconds.
 * Returns a cancel for close.
 *
 * No checkpoint runs on this thread: SQLite's automatic one is turned off on this connection. A
 * checkpoint first fsyncs the WAL, which synchronous = NORMAL never syncs at commit: with hundreds
 * of MB of it dirty (an import, the search index catching up) while an export writes its file, the
 * commit that crossed wal_autocheckpoint held the event loop 1–2.7 s with ~0.3 s of CPU in it.
 */
export function checkpointWhenIdle(
  sqlite: Database.Database,
  report: { failed(err: unknown): void; succeeded(): void } = { failed() {}, succeeded() {} },
  options: { nativeBinding?: string } = {},
): { written(): void; cancel(): void } {
  if (!sqlite.readonly) sqlite.pragma('wal_autocheckpoint = 0');
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let cancelled = false;
  /** the WAL's modification time when the last checkpoint started: a later one means new writes */
  let checkpointedAt = -1;
  const checkpointer = new CheckpointWorker(sqlite.name, options.nativeBinding);
  const failed = (err: unknown) => {
    // a full disk, a read-only mount: reported, and tried again later; never thrown from a timer
    report.failed(err);
    schedule(CHECKPOINT_RETRY_MS);
  };
  const schedule = (ms: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (cancelled || !sqlite.open || sqlite.inTransaction || running) return;
      running = true;
      checkpointedAt = walModified(sqlite.name);
      void checkpointer.run().then((problem) => {
        running = false;
        if (cancelled) return;
        if (problem) failed(new Error(problem));
        else report.succeeded();
      });
    }, ms);
    timer.unref();
  };
  const poll = sqlite.readonly
    ? null
    : setInterval(() => {
        if (timer === null && !running && walModified(sqlite.name) !== checkpointedAt) schedule(0);
      }, CHECKPOINT_POLL_MS);
  poll?.unref();
  return {
    written() {
      if (timer !== null || sqlite.readonly) return;
      schedule(CHECKPOINT_DELAY_MS);
    },
    cancel() {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
      if (poll) clearInterval(poll);
      timer = null;
      checkpointer.stop();
    },
  };
}

function walModified(path: string): number {
  try {
    return statSync(`${path}-wal`).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * One worker thread, started at the first checkpoint and kept (unref'd, so it never keeps the
 * process alive): each checkpoint opens a connection there, runs PASSIVE and closes it before
 * answering, so a close of the app's connection that follows is the last connection out.
 */
class CheckpointWorker {
  private worker: Worker | null = null;
  private waiting: ((problem: string | null) => void) | null = null;
  private stopping = false;

  constructor(
    private readonly path: string,
    private readonly nativeBinding?: string,
  ) {}

  /** null, or what went wrong */
  run(): Promise<string | null> {
    if (this.stopping) return Promise.resolve('stopped');
    return new Promise((resolve) => {
      this.waiting = resolve;
      try {
        this.started().postMessage('checkpoint');
      } catch (err) {
        this.settle(String((err as Error)?.message ?? err));
      }
    });
  }

  /** ends the thread, once a checkpoint it is running has closed its connection */
  stop(): void {
    this.stopping = true;
    if (!this.waiting) this.end();
  }

  private end() {
    void this.worker?.terminate();
    this.worker = null;
  }

  private settle(problem: string | null) {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(problem);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      ${LOWER_THIS_THREADS_PRIORITY_JS}
      const Database = require(workerData.modulePath);
      parentPort.on('message', () => {
        let db, problem = null;
        try {
          db = new Database(workerData.path, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch (err) {
          problem = String((err && err.message) || err);
        } finally {
          try { if (db) db.close(); } catch {}
        }
        parentPort.postMessage(problem);
      });`;
    const worker = new Worker(code, { eval: true, workerData: { path: this.path, modulePath, nativeBinding: this.nativeBinding } });
    worker.unref();
    worker.on('message', (problem: string | null) => {
      this.settle(problem);
      if (this.stopping) this.end();
    });
    worker.once('error', (err) => {
      if (this.worker === worker) this.worker = null;
      this.settle(err.message);
    });
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.settle('the checkpoint thread stopped');
    });
    this.worker = worker;
    return worker;
  }
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
