// The start-up health check: PRAGMA quick_check on the data file. A damaged file is not opened as if
// nothing happened; the caller is told, with the newest backup that passes the same check.
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { existsSync, renameSync } from 'node:fs';
import type { BackupDetails } from '../../shared/api/methods/transfer';
import { backupFolder, copyIntoLive, newestGoodBackup } from './backups';
import { join } from 'node:path';
import { LOWER_THIS_THREADS_PRIORITY_JS } from '../../db/background-thread';

export class DatabaseDamagedError extends Error {
  constructor(
    readonly databasePath: string,
    readonly problem: string,
    /** the newest backup that passes quick_check, if there is one */
    readonly newestGoodBackup: BackupDetails | null,
  ) {
    super(
      `Kith's data file is damaged (${problem}).` +
        (newestGoodBackup
          ? ` The newest good backup is from ${new Date(newestGoodBackup.takenAt).toLocaleString()} with ${newestGoodBackup.contacts} contacts and ${newestGoodBackup.interactions} interactions.`
          : ' No good backup was found.'),
    );
    this.name = 'DatabaseDamagedError';
  }
}

/**
 * How often quick_check is tried when it fails with an error rather than a list of problems, and
 * how long it waits between tries. Other Kith processes writing to the file meanwhile (three in
 * tests/reliability/two-processes.test.ts) once made a check fail with "vtable constructor
 * failed: contact_names_fts" on a sound file, and a file locked by another program fails with
 * "database is locked": a damage report that stops writes must not come from a race. Damage fails
 * every try; what quick_check lists is not tried again.
 */
const CHECK_TRIES = 3;
const CHECK_RETRY_MS = 150;

/**
 * quick_check, tried as CHECK_TRIES says; `open` gives the connection for each try and `close`
 * releases it. The worker of quickCheckInBackground runs this same function from its source text,
 * so it uses nothing from outside its own body.
 */
function quickCheckWithRetries(open: () => Database.Database, close: (db: Database.Database) => void, tries: number, retryMs: number): string | null {
  for (let attempt = 1; ; attempt++) {
    let db: Database.Database | undefined;
    try {
      db = open();
      const rows = db.prepare('PRAGMA quick_check').pluck().all() as string[];
      return rows.length === 1 && rows[0] === 'ok' ? null : rows.slice(0, 3).join('; ');
    } catch (err) {
      if (attempt >= tries) return String((err && (err as Error).message) || err);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, retryMs);
    } finally {
      try {
        if (db) close(db);
      } catch {
        // closing a connection that failed to check: the answer above is what counts
      }
    }
  }
}

/** "ok", or what quick_check (or opening) says is wrong */
export function quickCheck(sqlite: Database.Database): string | null {
  return quickCheckWithRetries(() => sqlite, () => {}, CHECK_TRIES, CHECK_RETRY_MS);
}

/**
 * The same check on its own read-only connection in a worker thread: on a file of hundreds of MB
 * quick_check takes seconds, which the start-up should not wait for when no migration is pending.
 */
export function quickCheckInBackground(databasePath: string, nativeBinding?: string): Promise<string | null> {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  // the connection is closed before the answer is sent: an app that closes on the answer must be
  // the last one out, or SQLite leaves the WAL behind (the next open reads it all back); each try
  // opens a fresh connection
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    ${LOWER_THIS_THREADS_PRIORITY_JS}
    const Database = require(workerData.modulePath);
    const quickCheckWithRetries = ${quickCheckWithRetries.toString()};
    parentPort.postMessage(quickCheckWithRetries(
      () => new Database(workerData.path, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding }),
      (db) => db.close(),
      ${CHECK_TRIES},
      ${CHECK_RETRY_MS},
    ));`;
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData: { path: databasePath, modulePath, nativeBinding } });
    worker.once('message', (problem: string | null) => resolve(problem));
    worker.once('error', (err) => resolve(err.message));
  });
}

export function damagedError(databasePath: string, problem: string): DatabaseDamagedError {
  return new DatabaseDamagedError(databasePath, problem, newestGoodBackup(backupFolder(databasePath)));
}

/**
 * Puts a good backup in place of a damaged file. The damaged file (and its WAL) is kept beside it,
 * renamed, so nothing is thrown away; the app must not have the file open.
 */
export async function replaceDamagedFile(databasePath: string, backupFileName: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const kept = `${databasePath}.damaged-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, kept + suffix);
  }
  await copyIntoLive(join(backupFolder(databasePath), backupFileName), databasePath);
  return kept;
}
