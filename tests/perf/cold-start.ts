// One cold start, in a fresh process: open the file, migrate it, answer the first call — once
// through Kith's back end, once as a bare better-sqlite3 connection and the same query.
// `cold-start.ts --file F --mode api|sql|prepare --out result.json [--now ISO]`; the result holds the first
// answer's time and, when it showed stored health still being brought up to date, the time until an answer did not. Module loading is
// not counted: the clock starts when the app would open its database. "prepare" is the user who
// used Kith the day before: it opens the file at --now (a day before the timed runs), answers the
// first call once, lets the integrity check finish and closes, leaving behind whatever the app keeps
// in the file; it is not timed.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { applyPragmas } from '../../db/connection';
import { startBackend } from '../../electron/kith';
import { afterHealthSettles } from '../../electron/services/health';
import { COLD_START } from './benchmarks';
import { DEFAULT_NOW } from './generate';

/** the zone of every cold start, as the bench's other runs */
const COLD_ZONE = 'Europe/Berlin';

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, mode: { type: 'string' }, out: { type: 'string' }, now: { type: 'string' } } });
  const mode = values.mode ?? 'api';
  if (!['api', 'sql', 'prepare'].includes(mode)) throw new Error(`--mode is api, sql or prepare, not ${mode}`);
  const now = new Date(values.now ?? DEFAULT_NOW);
  if (Number.isNaN(now.getTime())) throw new Error(`--now is not a date: ${values.now}`);
  let ms: number;
  // the API's first answer may show the stored health while today's is worked out (Dashboard['updating']):
  // also timed, until an answer is all today's (what the raw SQL side does in one go)
  let settledMs: number;
  let firstCpu: NodeJS.CpuUsage | undefined;
  const c0 = process.cpuUsage();
  if (mode === 'sql') {
    const t0 = performance.now();
    const db = new Database(values.file!);
    applyPragmas(db); // the app's page cache, WAL and mmap: only the layers above SQLite differ
    COLD_START.sql(db, now.getTime());
    ms = performance.now() - t0;
    settledMs = ms;
    db.close();
  } else {
    const t0 = performance.now();
    const backend = await startBackend({ databasePath: values.file!, host: 'electron', clock: { now: () => now, timeZone: () => COLD_ZONE }, integrityCheck: 'background' }); // as the app starts
    let result = await backend.dispatch(COLD_START.method, COLD_START.input);
    ms = performance.now() - t0;
    firstCpu = process.cpuUsage(c0); // the first answer's, not the catch-up's after it
    // the page asks again every second; timed here from the end of the catch-up itself, then one more answer
    if (result.ok && (result.value as { updating: unknown }).updating) {
      await afterHealthSettles(backend.handle.sqlite, async () => {});
      result = await backend.dispatch(COLD_START.method, COLD_START.input);
      if (result.ok && (result.value as { updating: unknown }).updating) throw new Error('still updating after the catch-up ended');
    }
    settledMs = performance.now() - t0;
    if (!result.ok) throw new Error(result.error.message);
    // the day before: the background check finishes before the app closes, and its connection
    // is gone by then, so closing folds the WAL back and the timed runs open no WAL. (The search
    // index may get part way meanwhile, from 3 s on; the first dashboard never reads it.)
    if (mode === 'prepare') await backend.integrity;
    await backend.close();
  }
  const c = firstCpu ?? process.cpuUsage(c0);
  if (values.out) writeFileSync(values.out, JSON.stringify({ ms, settledMs, cpuMs: (c.user + c.system) / 1000 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
