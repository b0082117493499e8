// One cold start, in a fresh process: open the file, migrate it, answer the first call — once
// through Kith's back end, once as a bare better-sqlite3 connection and the same query.
// `cold-start.ts --file F --mode api|sql --out result.json`. Module loading is not counted:
// the clock starts when the app would open its database.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startBackend } from '../../electron/kith';
import { COLD_START } from './benchmarks';
import { DEFAULT_NOW } from './generate';

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, mode: { type: 'string' }, out: { type: 'string' } } });
  const now = new Date(DEFAULT_NOW);
  let ms: number;
  const c0 = process.cpuUsage();
  if (values.mode === 'sql') {
    const t0 = performance.now();
    const db = new Database(values.file!);
    COLD_START.sql(db, now.getTime());
    ms = performance.now() - t0;
    db.close();
  } else {
    const t0 = performance.now();
    const backend = await startBackend({ databasePath: values.file!, host: 'electron', clock: { now: () => now, timeZone: () => 'Europe/Berlin' }, integrityCheck: 'background' }); // as the app starts
    const result = await backend.dispatch(COLD_START.method, COLD_START.input);
    ms = performance.now() - t0;
    if (!result.ok) throw new Error(result.error.message);
    await backend.close();
  }
  const c = process.cpuUsage(c0);
  writeFileSync(values.out!, JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
