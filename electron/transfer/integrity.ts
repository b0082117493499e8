// The start-up health check: PRAGMA quick_check on the data file. A damaged file is not opened as if
// nothing happened; the caller is told, with the newest backup that passes the same check.
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import type { BackupDetails } from '../../shared/api/methods/transfer';
import { backupFolder, copyIntoLive, newestGoodBackup } from './backups';
import { join } from 'node:path';

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

/** "ok", or what quick_check (or opening) says is wrong */
export function quickCheck(sqlite: Database.Database): string | null {
  try {
    const rows = sqlite.prepare('PRAGMA quick_check').pluck().all() as string[];
    return rows.length === 1 && rows[0] === 'ok' ? null : rows.slice(0, 3).join('; ');
  } catch (err) {
    return (err as Error).message;
  }
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
