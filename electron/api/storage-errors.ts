// What the disk and SQLite say when a write cannot happen, as the typed errors a user can act on.
// One table for the dispatcher's answers, the background tasks' reports and the start-up refusals.
import type { ApiErrorData } from '../../shared/api/errors';

export const DISK_FULL_MESSAGE = 'The disk holding your Kith file is full — free some space; nothing was lost.';
export const READ_ONLY_MESSAGE =
  'Your Kith file cannot be written: the file, its folder or its disk is read-only. ' +
  'Nothing was changed. Make the file and its folder writable (or copy it to a writable folder) and start Kith again.';
export const BUSY_MESSAGE = 'Another program kept your Kith file busy for too long; nothing was changed. Try again.';
export const DAMAGED_MESSAGE = 'Your Kith file is damaged; nothing was written. Restore a backup, or go on at your own risk (see the banner).';

/** SQLite's and Node's error codes for a full disk, a read-only place, a busy file, damage */
export function storageError(err: unknown): ApiErrorData | null {
  const code = String((err as { code?: unknown })?.code ?? '');
  const message = String((err as Error)?.message ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full/i.test(message)) {
    return { code: 'disk_full', message: DISK_FULL_MESSAGE };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || /readonly database|read-only file system/i.test(message)) {
    return { code: 'read_only', message: READ_ONLY_MESSAGE };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { code: 'busy', message: BUSY_MESSAGE };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { code: 'damaged', message: DAMAGED_MESSAGE };
  return null;
}
