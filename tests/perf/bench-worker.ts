// One data set's benchmarks, in a process of its own (its peak memory is the app's, not the
// generator's): `bench-worker.ts --file F --size large --runs N --warmup W --out result.json [--filter TEXT]`
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startBackend } from '../../electron/kith';
import { benchmarks } from './benchmarks';
import { DEFAULT_NOW, type SizeName } from './generate';
import { makeCall, runBenchmark, settledDashboard, type BenchEnv, type BenchResult, type Samples } from './harness';

export interface WorkerResult {
  size: SizeName;
  results: BenchResult[];
  maxRssMB: number;
  sqliteVersion: string;
  rows: Record<string, number>;
}

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, size: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' }, out: { type: 'string' }, filter: { type: 'string' } } });
  const file = values.file!;
  const size = values.size as SizeName;
  const now = new Date(DEFAULT_NOW);
  const backend = await startBackend({ databasePath: file, host: 'electron', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
  const sqlite = backend.handle.sqlite;
  const samples: Samples = {
    busiest: sqlite.prepare(`SELECT contact_id FROM interaction_participants GROUP BY contact_id ORDER BY count(*) DESC, contact_id LIMIT 20`).pluck().all() as string[],
    spread: sqlite
      .prepare(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY rowid) AS n FROM contacts WHERE archived_at IS NULL) WHERE n % (SELECT max(1, count(*) / 50) FROM contacts) = 0 LIMIT 50`)
      .pluck()
      .all() as string[],
  };
  const env: BenchEnv = { size, backend, sqlite, call: makeCall(backend), samples, now: now.getTime() };
  const rows: Record<string, number> = {};
  for (const table of ['contacts', 'interactions', 'interaction_participants', 'reminders', 'contact_methods', 'value_entries']) {
    rows[table] = sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }

  // the app's first screen, settled: no benchmark runs beside the health table's first catch-up
  await settledDashboard(env.call);
  const results: BenchResult[] = [];
  // --filter TEXT: only the benchmarks whose name contains it, or one of its |-separated parts (a targeted run)
  const parts = values.filter?.split('|').filter(Boolean);
  for (const b of benchmarks.filter((x) => !parts || parts.some((p) => x.name.includes(p)))) {
    const result = await runBenchmark(b, env, { runs: Number(values.runs ?? 30), warmup: Number(values.warmup ?? 3) });
    const line = result.skipped
      ? `skipped: ${result.skipped}`
      : result.error
        ? `ERROR ${result.error.split('\n')[0]}`
        : `api p50 ${result.api!.p50.toFixed(2)} ms, p95 ${result.api!.p95.toFixed(2)} ms` + (result.sql ? ` | sql p50 ${result.sql.p50.toFixed(2)} ms (×${result.overhead?.toFixed(1)})` : '');
    console.log(`  ${result.name}: ${line}`);
    results.push(result);
  }
  const sqliteVersion = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
  await backend.close();
  const out: WorkerResult = { size, results, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), sqliteVersion, rows };
  writeFileSync(values.out!, JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
