// What startBackend learns about a file before it changes anything in it: whether it can be written,
// whether it is a Kith file at all, and whether this Kith knows its schema. A file refused here is
// left byte for byte as it was (the WAL switch and the migrations come after these checks).
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { SchemaTooNewError } from '../db/migrate';

export class NotAKithFileError extends Error {
  constructor(
    readonly databasePath: string,
    readonly reason: 'foreign' | 'no-versions',
  ) {
    super(
      reason === 'foreign'
        ? `${databasePath} is an SQLite file of another program, not a Kith file. Kith has not changed it; choose a Kith file or a new file name.`
        : `${databasePath} looks like a Kith file, but its record of schema versions (the schema_versions table) is missing, so Kith cannot tell how to upgrade it safely. ` +
            'Kith has not changed it; restore a backup (Settings → Backups, or the backups folder beside the file).',
    );
    this.name = 'NotAKithFileError';
  }
}

/** tables every Kith schema has had since 0001 */
const KITH_TABLES = ['contacts', 'interactions', 'circles'];

/**
 * 'new' for a file with no tables yet, 'kith' for a Kith file this version can open. Throws
 * NotAKithFileError or SchemaTooNewError otherwise; lets SQLite's "file is not a database" through.
 */
export function checkKithFile(sqlite: Database.Database, databasePath: string, knownVersions: readonly string[]): { kind: 'new' | 'kith'; pending: boolean } {
  const tables = new Set(sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  if (tables.size === 0) return { kind: 'new', pending: true };
  if (!tables.has('schema_versions')) {
    throw new NotAKithFileError(databasePath, KITH_TABLES.every((t) => tables.has(t)) ? 'no-versions' : 'foreign');
  }
  const applied = sqlite.prepare(`SELECT version FROM schema_versions ORDER BY version`).pluck().all() as string[];
  const unknown = applied.filter((v) => !knownVersions.includes(v));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
  return { kind: 'kith', pending: knownVersions.some((v) => !applied.includes(v)) };
}

/** why this file cannot be written (with what to do), or null when it can */
export function readOnlyReason(databasePath: string, exists: boolean): string | null {
  const denied = (path: string) => {
    try {
      accessSync(path, constants.W_OK);
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? code : null;
    }
  };
  const fileDenied = exists ? denied(databasePath) : null;
  const folderDenied = denied(dirname(databasePath));
  if (fileDenied === 'EROFS' || folderDenied === 'EROFS') {
    return `Kith opened your file read-only: it is on a read-only disk or file system (${databasePath}). Nothing can be changed. Copy the file to a writable folder, or mount the disk writable, and open it again.`;
  }
  if (fileDenied) return `Kith opened your file read-only: you may not write to ${databasePath}. Nothing can be changed. Make the file writable (its permissions or owner) and open it again.`;
  if (folderDenied) {
    return `Kith opened your file read-only: the folder ${dirname(databasePath)} cannot be written, and Kith keeps its write-ahead log and backups beside the file. Nothing can be changed. Make the folder writable and open it again.`;
  }
  return null;
}

/** a 0-byte file: nothing to read, so with backups beside it this is damage, not a new database */
export function isEmptyFile(databasePath: string): boolean {
  try {
    return statSync(databasePath).size === 0;
  } catch {
    return false;
  }
}
