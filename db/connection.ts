// Opens the SQLite file: better-sqlite3 underneath, Kysely on top, with the pragmas DESIGN.md asks for.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
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
}

export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  const sqlite = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  applyPragmas(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
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

export function applyPragmas(sqlite: Database.Database): void {
  if (!sqlite.readonly) sqlite.pragma('journal_mode = WAL');
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

/**
 * Call after every committed write: shortly after, once nothing else is running, the WAL is
 * checkpointed (PASSIVE: it never waits for readers or blocks a writer). Returns a cancel for close.
 */
export function checkpointWhenIdle(sqlite: Database.Database): { written(): void; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  return {
    written() {
      if (timer !== null || sqlite.readonly) return;
      timer = setTimeout(() => {
        timer = null;
        if (sqlite.open && !sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)');
      }, CHECKPOINT_DELAY_MS);
      timer.unref();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
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
