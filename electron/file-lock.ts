// One Kith per data file: the Electron app and the web host each hold a lock beside the file, so a
// second process says the file is open elsewhere instead of writing beside the first. The lock is
// an SQLite file held in an exclusive transaction: the operating system drops it when the holder
// exits, even by a crash or a kill, so a stale lock never keeps the user out.
import Database from 'better-sqlite3';

export class FileInUseError extends Error {
  constructor(readonly databasePath: string) {
    super(
      `Your Kith file is open in another Kith (the app or \`npm run web\`): ${databasePath}. ` +
        'Switch to that window, or quit it and start again. Nothing was changed.',
    );
    this.name = 'FileInUseError';
  }
}

export interface DataFileLock {
  release(): void;
}

export function lockPathOf(databasePath: string): string {
  return `${databasePath}.lock`;
}

/** takes the lock or throws FileInUseError; a place where no lock file can be made is not locked (read-only) */
export function acquireDataFileLock(databasePath: string, nativeBinding?: string): DataFileLock {
  let lock: Database.Database;
  try {
    lock = new Database(lockPathOf(databasePath), { nativeBinding, timeout: 0 });
  } catch {
    return { release() {} };
  }
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if (String((err as { code?: string }).code).startsWith('SQLITE_BUSY')) throw new FileInUseError(databasePath);
    return { release() {} }; // a full or read-only disk: the data file's own errors say what is wrong
  }
  return {
    release() {
      if (!lock.open) return;
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}
