// "Restore into a new data file" (issue 15, point 12): a Kith export written into a new file beside
// the current one (Electron asks where, through its save dialog), then the app opens that file. The
// current file is not touched at all. Switching files is the host's (ServiceContext.switchDataFile);
// without one (tests, scripts) the new file is written and the app stays on the current one.
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { dataTables } from '../../db/derived';
import { ServiceError } from '../../shared/api/errors';
import { localDateOf } from '../../shared/domain/localDate';
import type { ServiceContext } from '../services/context';
import { renormalizePhones } from '../services/phones';
import { restoreJsonExport, type JsonExport } from './json-export';

/** a name beside `current` that no file has yet: kith-restored-2026-12-02.sqlite, then -2, -3… */
export function newDataFileName(current: string, day: string): string {
  const folder = dirname(current);
  for (let n = 1; ; n++) {
    const name = `kith-restored-${day}${n > 1 ? `-${n}` : ''}.sqlite`;
    if (!existsSync(join(folder, name))) return join(folder, name);
  }
}

export async function restoreIntoNewFile(ctx: ServiceContext, data: JsonExport, fromFile: string): Promise<{ path: string; counts: Record<string, number> }> {
  if (ctx.databasePath === ':memory:') throw new ServiceError('invalid_input', 'This Kith has no data file to put a new one beside', 'restoreAs');
  const day = localDateOf(ctx.clock.now().getTime(), ctx.clock.timeZone());
  let path = newDataFileName(ctx.databasePath, day);
  if (ctx.host === 'electron' && ctx.files?.choosePath) {
    const chosen = await ctx.files.choosePath({ title: `Restore ${basename(fromFile)} into a new data file`, defaultName: basename(path) });
    if (!chosen) throw new ServiceError('invalid_input', 'No file chosen: nothing was restored', 'restoreAs');
    path = chosen;
  }
  // never over a file that is there: not the current data, nor any other
  if (existsSync(path)) throw new ServiceError('conflict', `${basename(path)} exists already; choose a new name for the restored data`, 'restoreAs');
  const handle = openDatabase(path, { nativeBinding: ctx.nativeBinding });
  let counts: Record<string, number>;
  try {
    await migrateToLatest(handle, { now: ctx.clock.now() });
    counts = await handle.db.transaction().execute(async (trx) => {
      const written = await restoreJsonExport(trx, data, dataTables(handle.sqlite), ctx.clock.now().getTime());
      renormalizePhones(handle.sqlite);
      return written;
    });
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    await handle.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    throw err;
  }
  await handle.close();
  // after this call has answered, the host closes the current file and opens the new one
  if (ctx.switchDataFile) setImmediate(() => ctx.switchDataFile!(path));
  return { path, counts };
}
