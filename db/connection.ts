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

/**
 * Kysely prepares every query afresh; with many small writes in one transaction (an import of
 * 10,000 contacts) preparing costs as much as running. Statements are reused by their SQL text.
 * Kysely runs one query at a time per connection, so a cached statement is never used twice at once.
 */
function withStatementCache(sqlite: Database.Database, limit = 1000) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let statement = cache.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        cache.set(source, statement);
      }
      return statement;
    },
  };
}

export function applyPragmas(sqlite: Database.Database): void {
  if (!sqlite.readonly) sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable against a crash of the app in WAL mode; only a power cut can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}
