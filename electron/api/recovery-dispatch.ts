// Both hosts' answer when the file cannot be opened at all (a 0-byte file beside backups, a damaged
// header): instead of exiting with a message only a terminal or a native dialog shows, they serve
// the page, whose recovery screen shows the damage and offers the newest good backup. The answers
// come from here, without the file: until the user restores it, every other call is refused as
// `damaged`, and nothing touches the file.
import type { Dispatch } from './dispatcher';
import type { AppStatus } from '../../shared/api/methods/app';
import type { DatabaseDamagedError } from '../transfer/integrity';

export function recoveryDispatch(damaged: DatabaseDamagedError, restore: () => Promise<AppStatus>): Dispatch {
  const status: AppStatus = {
    access: 'read-write',
    readOnlyReason: null,
    damage: { problem: damaged.problem, message: damaged.message, newestGoodBackup: damaged.newestGoodBackup, writesStopped: true, opened: false },
    problems: [],
    searchIndexing: false,
  };
  return async (method, input) => {
    if (method === 'app.status') return { ok: true, value: status };
    if (method === 'app.resolveDamage') {
      if ((input as { choice?: unknown })?.choice !== 'restore' || !damaged.newestGoodBackup) {
        return {
          ok: false,
          error: {
            code: 'damaged',
            message: 'This file cannot be opened as it is. Restore the backup, or move the file out of the way to start a new, empty one.',
          },
        };
      }
      try {
        return { ok: true, value: await restore() };
      } catch (err) {
        return { ok: false, error: { code: 'damaged', message: `The backup could not be restored: ${(err as Error).message}` } };
      }
    }
    return { ok: false, error: { code: 'damaged', message: `${damaged.message} Restore the backup from the page Kith shows instead.` } };
  };
}
