// What a benchmark is, and how one is measured: warm-up runs, then N timed runs of the API call
// (through the real dispatcher) and of the same work as raw SQL, summarised as p50/p95.
import type Database from 'better-sqlite3';
import type { KithBackend } from '../../electron/kith';
import { isMethodName, type InputOf, type MethodName, type OutputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { SizeName } from './generate';

/** ids picked from the generated data, so benchmarks ask about real people */
export interface Samples {
  /** the contacts with the most interactions, busiest first */
  busiest: string[];
  /** contacts spread evenly over the whole table */
  spread: string[];
}

export interface BenchEnv {
  size: SizeName;
  backend: KithBackend;
  /** the backend's own raw connection to the same file */
  sqlite: Database.Database;
  /** a call through the dispatcher (validation, service, result envelope); throws ApiError on failure */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  samples: Samples;
  /** the generator's fixed "now", which the backend's clock also reports */
  now: number;
}

export interface Budget {
  stat: 'p50' | 'p95';
  ms: number;
}

export interface Benchmark {
  name: string;
  /** DESIGN.md's performance budget, judged on "large" */
  budget?: Budget;
  /** API methods it needs; while one is missing from the contract it is reported as pending */
  needs?: string[];
  /** why it cannot run yet (a part of the app still being built) */
  pending?: string;
  /** timed runs; default: the --runs option */
  runs?: number;
  /** runs once before timing, e.g. to prepare input */
  setup?(env: BenchEnv): Promise<void> | void;
  /** one run through the API */
  api?(env: BenchEnv, run: number): Promise<unknown>;
  /** the same work as raw SQL through better-sqlite3 (prepared statements), where there is such a thing */
  sql?(env: BenchEnv, run: number): unknown;
  /** untimed, after each run: what a person's next action would find done (the background work a
   *  run leaves behind finished), so that no run is timed with the previous one's catch-up in it */
  between?(env: BenchEnv): Promise<void>;
}

export interface Stats {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
  /** median CPU time of this process per run (user + system): steadier than wall time on a busy machine */
  cpuP50?: number;
  /** over several full runs of the bench: each run's p50, for the spread */
  perRunP50?: number[];
  perRunP95?: number[];
}

export interface BenchResult {
  name: string;
  budget?: Budget;
  api?: Stats;
  sql?: Stats;
  /** api p50 / sql p50: what the API adds over the database itself */
  overhead?: number;
  skipped?: string;
  error?: string;
}

/** nearest-rank percentile of sorted samples */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarise(samples: number[], cpuSamples?: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const cpu = cpuSamples ? [...cpuSamples].sort((a, b) => a - b) : undefined;
  return {
    ...(cpu ? { cpuP50: percentile(cpu, 50) } : {}),
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}

/**
 * The dashboard asked until its health figures are today's (Dashboard['updating'] null): on a big
 * file its first answers come before the health table is (services/health.ts DASHBOARD_WAIT), and
 * what is timed after a warm-up should not run beside that catch-up. Each ask waits up to that wait.
 * Any caller's way of calling (the dispatcher, HTTP); a failed ask (null) ends it too.
 */
export async function settledDashboard(call: (method: 'health.dashboard', input: Record<string, never>) => Promise<{ updating: unknown } | null>): Promise<void> {
  while ((await call('health.dashboard', {}))?.updating);
}

export function makeCall(backend: KithBackend): BenchEnv['call'] {
  return async (method, input) => {
    const result = await backend.dispatch(method, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value as never;
  };
}

/**
 * Times each side (the API, and its raw-SQL floor when there is one) over the same runs, taking
 * turns run by run and starting with the other side every other run: timed one after the other,
 * the second side ran with the code already optimised by the first's runs and the caches it had
 * warmed, which flattered the floor (issue 18).
 */
async function timeSides(runs: number, warmup: number, sides: ((run: number) => unknown)[], between: () => Promise<void> = async () => {}): Promise<Stats[]> {
  for (let i = 0; i < warmup; i++) {
    for (const once of sides) {
      await once(i);
      await between();
    }
  }
  const samples = sides.map((): number[] => []);
  const cpu = sides.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < sides.length; k++) {
      const side = i % 2 ? sides.length - 1 - k : k;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await sides[side]!(warmup + i);
      samples[side]!.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[side]!.push((c.user + c.system) / 1000);
      await between();
    }
  }
  return sides.map((_, side) => summarise(samples[side]!, cpu[side]!));
}

export async function runBenchmark(b: Benchmark, env: BenchEnv, options: { runs: number; warmup: number }): Promise<BenchResult> {
  const base: BenchResult = { name: b.name, budget: b.budget };
  const missing = (b.needs ?? []).filter((m) => !isMethodName(m));
  if (!b.api) return { ...base, skipped: b.pending ?? 'no API run defined' };
  if (missing.length > 0) return { ...base, skipped: `${missing.join(', ')} not in the API yet` };
  try {
    await b.setup?.(env);
    const runs = b.runs ?? options.runs;
    const warmup = Math.min(options.warmup, runs);
    const apiRun = b.api;
    const sqlRun = b.sql;
    const between = b.between ? () => b.between!(env) : undefined;
    const [api, sql] = await timeSides(runs, warmup, sqlRun ? [(i) => apiRun(env, i), (i) => sqlRun(env, i)] : [(i) => apiRun(env, i)], between);
    return { ...base, api, sql, overhead: sql && sql.p50 > 0 ? api!.p50 / sql.p50 : undefined };
  } catch (err) {
    return { ...base, error: (err as Error).stack ?? String(err) };
  }
}

/** the median of a few numbers (of two: their mean) */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** several full runs' figures for one benchmark as one: medians of their percentiles, each run's p50 kept for the spread */
export function combineRuns(list: (Stats | undefined)[]): Stats | undefined {
  const runs = list.filter((s): s is Stats => s !== undefined);
  if (runs.length === 0) return undefined;
  if (runs.length === 1) return { ...runs[0]!, perRunP50: [runs[0]!.p50], perRunP95: [runs[0]!.p95] };
  const cpu = runs.map((s) => s.cpuP50).filter((v): v is number => v !== undefined);
  return {
    ...(cpu.length === runs.length ? { cpuP50: median(cpu) } : {}),
    runs: runs.reduce((a, s) => a + s.runs, 0),
    p50: median(runs.map((s) => s.p50)),
    p95: median(runs.map((s) => s.p95)),
    min: Math.min(...runs.map((s) => s.min)),
    max: Math.max(...runs.map((s) => s.max)),
    mean: runs.reduce((a, s) => a + s.mean * s.runs, 0) / runs.reduce((a, s) => a + s.runs, 0),
    perRunP50: runs.map((s) => s.p50),
    perRunP95: runs.map((s) => s.p95),
  };
}

/** one benchmark's results from several full runs, as one */
export function combineResults(list: BenchResult[]): BenchResult {
  const first = list[0]!;
  const failed = list.find((r) => r.error);
  if (failed || first.skipped) return failed ?? first;
  const api = combineRuns(list.map((r) => r.api));
  const sql = combineRuns(list.map((r) => r.sql));
  return { ...first, api, sql, overhead: api && sql && sql.p50 > 0 ? api.p50 / sql.p50 : undefined };
}
