// The cold starts, each in a fresh process and on a fresh copy of the generated file (never the
// scratch copy the warm benchmarks wrote to, which by then holds three more 10,000-vCard imports):
//
// - "opened the next day" (the budget applies here): a preparation process first opens a copy at
//   DEFAULT_NOW − 24 h and answers the first health.dashboard, as someone who used Kith yesterday;
//   each timed run then opens a fresh copy of that prepared file at DEFAULT_NOW. A timed run may
//   change the file (cache today), so the prepared file is copied again before every run.
// - "first open, nothing cached": the generated file as it is, copied again before every run.
//
// Each scenario alternates the API (Kith's back end) and the raw SQL comparator
// (COLD_START.sql on a bare better-sqlite3 connection); the first run of each is a warm-up.
// Copying is outside the timing: the clock starts in the child when it opens the file.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_NOW } from './generate';
import { summarise, type Stats } from './harness';
import { copyDatabase, removeDatabase, runScript } from './datafiles';

export interface ColdStats {
  api: Stats;
  sql: Stats;
  /** the API until its answer's health was all today's (its first may show the stored figures, updating) */
  settled: Stats;
  runs: number;
}

export interface ColdStarts {
  /** opened at DEFAULT_NOW after a preparation process answered the dashboard a day earlier */
  nextDay: ColdStats;
  /** the generated file, opened for the first time */
  firstOpen: ColdStats;
}

export const DAY_MS = 86_400_000;
/** when the user last opened Kith before the "next day" cold start */
export const PREPARED_AT = new Date(new Date(DEFAULT_NOW).getTime() - DAY_MS).toISOString();

async function coldRuns(source: string, scratch: string, runs: number, resultFile: string, scenario: string): Promise<ColdStats> {
  const wall = { api: [] as number[], sql: [] as number[] };
  const settled: number[] = [];
  const cpu = { api: [] as number[], sql: [] as number[] };
  for (let i = 0; i <= runs; i++) {
    for (const mode of ['api', 'sql'] as const) {
      copyDatabase(source, scratch);
      rmSync(resultFile, { force: true });
      const code = await runScript('cold-start.ts', ['--file', scratch, '--mode', mode, '--now', DEFAULT_NOW, '--out', resultFile]);
      if (code !== 0 || !existsSync(resultFile)) throw new Error(`cold start (${scenario}, ${mode}) failed (exit ${code})`);
      if (i === 0) continue; // warm-up: module and file caches
      const measured = JSON.parse(readFileSync(resultFile, 'utf8')) as { ms: number; settledMs: number; cpuMs: number };
      wall[mode].push(measured.ms);
      if (mode === 'api') settled.push(measured.settledMs);
      cpu[mode].push(measured.cpuMs);
    }
  }
  return { api: summarise(wall.api, cpu.api), sql: summarise(wall.sql, cpu.sql), settled: summarise(settled), runs };
}

/**
 * Both cold-start scenarios for one generated file. `dir` holds the prepared file, the per-run
 * copy and the children's results (all removed at the end); `runs` timed runs per mode.
 */
export async function measureColdStarts(options: { source: string; name: string; dir: string; runs: number }): Promise<ColdStarts> {
  const prepared = join(options.dir, `cold-${options.name}-prepared.sqlite`);
  const scratch = join(options.dir, `cold-${options.name}-run.sqlite`);
  const result = join(options.dir, `cold-${options.name}.json`);
  try {
    // yesterday's session: open, migrate, answer the dashboard once, close
    copyDatabase(options.source, prepared);
    const code = await runScript('cold-start.ts', ['--file', prepared, '--mode', 'prepare', '--now', PREPARED_AT]);
    if (code !== 0) throw new Error(`preparing the "next day" cold start failed (exit ${code})`);
    const nextDay = await coldRuns(prepared, scratch, options.runs, result, 'opened the next day');
    const firstOpen = await coldRuns(options.source, scratch, options.runs, result, 'first open');
    return { nextDay, firstOpen };
  } finally {
    removeDatabase(prepared);
    removeDatabase(scratch);
    rmSync(result, { force: true });
  }
}
