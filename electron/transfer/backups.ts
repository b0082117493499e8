// Backups of the data file with SQLite's online backup API, in the `backups` folder beside it (the
// same folder the pre-migration backup uses). Automatic ones are rotated; a restore copies a backup
// into the open database through the same API, after backing up what is there now.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupDetails, BackupInfo } from '../../shared/api/methods/transfer';
import { ServiceError } from '../../shared/api/errors';
import { backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from './rotation';

const STAMP = /(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;
/** backups taken before a risky step are kept apart from the rotation, the newest few of them */
const KEEP_SAFETY_BACKUPS = 5;
/** "Back up now" files are kept apart from the daily rotation (so one never pushes out the day's
 *  automatic backup), the newest few of them */
const KEEP_MANUAL_BACKUPS = 10;

export function backupFolder(databasePath: string): string {
  return join(dirname(databasePath), 'backups');
}

export function backupFileName(kind: 'daily' | 'manual' | 'before-restore', now: Date): string {
  return `kith-${kind}-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

export function describeBackupFile(folder: string, fileName: string): BackupInfo | null {
  const m = STAMP.exec(fileName);
  if (!m || !fileName.startsWith('kith-')) return null;
  const takenAt = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
  const kind: BackupInfo['kind'] = fileName.startsWith('kith-daily-')
    ? 'daily'
    : fileName.startsWith('kith-manual-')
      ? 'manual'
      : fileName.startsWith('kith-before-restore-')
        ? 'before-restore'
        : fileName.startsWith('kith-before-')
          ? 'before-migration'
          : 'other';
  let sizeBytes = 0;
  try {
    sizeBytes = statSync(join(folder, fileName)).size;
  } catch {
    return null;
  }
  return { fileName, takenAt, kind, sizeBytes };
}

/** newest first */
export function listBackups(folder: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((n) => describeBackupFile(folder, n))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.takenAt - a.takenAt);
}

export async function takeBackup(sqlite: Database.Database, databasePath: string, kind: 'daily' | 'manual' | 'before-restore', now: Date): Promise<BackupInfo> {
  const folder = backupFolder(databasePath);
  mkdirSync(folder, { recursive: true });
  const fileName = backupFileName(kind, now);
  await sqlite.backup(join(folder, fileName));
  return describeBackupFile(folder, fileName)!;
}

/** deletes what the rotation does not keep (dailies by day, week and month; manual and safety
 *  backups the newest few of each); returns the deleted file names */
export function rotateBackups(folder: string, timeZone: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const all = listBackups(folder);
  const rotated = all.filter((b) => b.kind === 'daily');
  const keep = backupsToKeep(rotated, timeZone, policy);
  const manual = all.filter((b) => b.kind === 'manual');
  const safety = all.filter((b) => b.kind === 'before-restore' || b.kind === 'before-migration');
  const doomed = [...rotated.filter((b) => !keep.has(b)), ...manual.slice(KEEP_MANUAL_BACKUPS), ...safety.slice(KEEP_SAFETY_BACKUPS)];
  for (const b of doomed) unlinkSync(join(folder, b.fileName));
  return doomed.map((b) => b.fileName);
}

/** a backup file's health and what it holds, read without changing it */
export function inspectDatabaseFile(path: string): { ok: boolean; problem: string | null; contacts: number; interactions: number; schemaVersion: string | null } {
  let file: Database.Database | null = null;
  try {
    file = new Database(path, { readonly: true, fileMustExist: true });
    const check = file.prepare('PRAGMA quick_check').pluck().all() as string[];
    if (check.length !== 1 || check[0] !== 'ok') return { ok: false, problem: check.slice(0, 3).join('; '), contacts: 0, interactions: 0, schemaVersion: null };
    const count = (table: string) => Number(file!.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    const schemaVersion = (file.prepare(`SELECT max(version) FROM schema_versions`).pluck().get() as string | null) ?? null;
    return { ok: true, problem: null, contacts: count('contacts'), interactions: count('interactions'), schemaVersion };
  } catch (err) {
    return { ok: false, problem: (err as Error).message, contacts: 0, interactions: 0, schemaVersion: null };
  } finally {
    file?.close();
  }
}

/** a backup by file name, only from the backups folder */
export function resolveBackup(folder: string, fileName: string): BackupInfo {
  if (basename(fileName) !== fileName) throw new ServiceError('invalid_input', 'A backup is named by its file name only', 'fileName');
  const info = describeBackupFile(folder, fileName);
  if (!info) throw new ServiceError('not_found', `No backup named ${fileName}`, 'fileName');
  return info;
}

export function backupDetails(folder: string, info: BackupInfo): BackupDetails {
  return { ...info, ...inspectDatabaseFile(join(folder, info.fileName)) };
}

/**
 * Copies a backup's content into the live database through the online backup API in reverse: the
 * backup file is the source, the live file the destination. The app's own connection stays open and
 * sees the restored data at its next statement, so no handle has to be swapped.
 */
export async function copyIntoLive(backupPath: string, livePath: string): Promise<void> {
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(livePath);
  } finally {
    source.close();
  }
}

/** the newest backup that passes quick_check, for a damaged data file */
export function newestGoodBackup(folder: string): BackupDetails | null {
  for (const b of listBackups(folder)) {
    const details = backupDetails(folder, b);
    if (details.ok) return details;
  }
  return null;
}
