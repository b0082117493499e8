// "Longest stall" on one data file: `stall.ts --file COPY --out result.json [--baseline]`.
// A trivial call (STALL.method) is made every 10 ms while an export, an import and the dashboard
// run; its latency counts from when it was due, so a blocked event loop counts as much as a call
// waiting for the connection. --baseline also times the old in-process JSON export (one string);
// --profile says where the back end's thread spent each scenario's worst wait (tests/perf/cpu-window.ts).
// The file is written to (the import adds 10,000 contacts): run it on a copy.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBackend, type KithBackend } from '../../electron/kith';
import { buildJsonExport } from '../../electron/transfer/json-export';
import type { ExportFormat } from '../../shared/api/methods/transfer';
import { STALL, tenThousandVcards } from './benchmarks';
import { DEFAULT_NOW } from './generate';
import { makeCall, settledDashboard } from './harness';
import { recordCpu, type CpuRecording } from './cpu-window';
import { HZ, procStatFields, recordCoreShares, type CoreShares } from './core-shares';

export interface StallScenario {
  name: string;
  /** the worst latency of a trivial call made while it ran */
  worstMs: number;
  p99Ms: number;
  p50Ms: number;
  calls: number;
  /** how long the scenario's work took */
  seconds: number;
  /** the CPU the back end's own thread spent during the worst call's wait: near worstMs means it was
   *  blocked by its own work, far below means it waited for a core (load on the machine) */
  worstCpuMs?: number;
  /** the time the back end's thread was ready to run but waited for a core during that wait
   *  (schedstat's run-queue time); the rest of the wait, beyond CPU and this, it slept (a lock, I/O) */
  worstQueuedMs?: number;
  /** the event loop's longest delay (perf_hooks.monitorEventLoopDelay) and its p99 */
  loopMaxMs?: number;
  loopP99Ms?: number;
  /** the CPU the back end's thread spent over the whole scenario, against its wall time */
  threadCpuSeconds?: number;
  /** who had the cores over the scenario (CPU seconds; Linux) */
  cores?: CoreShares;
}

/** CPU time of this process's main thread and its time waiting for a core, from /proc:
 *  schedstat's nanoseconds where the kernel keeps them, else stat's user + system (10 ms ticks,
 *  no queue time); null off Linux */
function mainThreadTimes(): { cpuMs: number; queuedMs: number | null } | null {
  try {
    const [cpu, queued] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return { cpuMs: Number(cpu) / 1e6, queuedMs: Number(queued) / 1e6 };
  } catch {
    // no schedstat (a kernel without CONFIG_SCHEDSTATS)
  }
  try {
    const fields = procStatFields(`/proc/self/task/${process.pid}/stat`);
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / HZ, queuedMs: null }; // utime, stime in USER_HZ
  } catch {
    return null;
  }
}
const mainThreadCpuMs = () => mainThreadTimes()?.cpuMs ?? null;

export interface StallResult {
  scenarios: StallScenario[];
  /** peak resident memory added while the JSON export of the whole file ran */
  jsonExportMemoryMB: number;
  jsonExportMB: number;
  /** the cores the machine has (availableParallelism) */
  coreCount?: number;
  /** the old in-process export, when --baseline: the stall it caused and the memory it took */
  baseline?: { jsonExportStallMs: number; jsonExportMemoryMB: number };
}

type Call = ReturnType<typeof makeCall>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** --profile: each scenario's worst wait is profiled (tests/perf/cpu-window.ts) */
let profiling = false;

/** runs `work` while the trivial call ticks every STALL.tickMs; the latencies of those calls */
async function measure(call: Call, name: string, work: () => Promise<unknown>): Promise<StallScenario> {
  const latencies: number[] = [];
  let done = false;
  let worst = { ms: -1, cpuMs: 0, queuedMs: NaN, from: 0, to: 0 };
  const cpu: CpuRecording | null = profiling ? await recordCpu() : null;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cores = recordCoreShares();
  const cpuAtStart = mainThreadCpuMs();
  const ticking = (async () => {
    let due = performance.now();
    let thread = mainThreadTimes();
    while (!done) {
      due += STALL.tickMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(Math.ceil(wait)); // a timer rounds its delay down: fired early, a call looked early
      await call(STALL.method, {});
      const end = performance.now();
      const now = mainThreadTimes();
      latencies.push(end - due);
      if (end - due > worst.ms) {
        const queuedMs = now?.queuedMs != null && thread?.queuedMs != null ? now.queuedMs - thread.queuedMs : NaN;
        worst = { ms: end - due, cpuMs: now && thread ? now.cpuMs - thread.cpuMs : NaN, queuedMs, from: due, to: end };
      }
      thread = now;
      if (end > due + STALL.tickMs) due = end; // a late call does not make the next ones look late
    }
  })();
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  done = true;
  await ticking;
  loop.disable();
  const coreShares = cores.stop();
  const cpuAtEnd = mainThreadCpuMs();
  if (cpu) {
    const inWindow = await cpu.stop();
    console.log(`  ${name}: the worst wait (${worst.ms.toFixed(1)} ms, ${(worst.from - start).toFixed(0)} ms into the work):\n    ${inWindow(worst.from, worst.to).join('\n    ')}`);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const scenario: StallScenario = {
    name,
    worstMs: latencies.at(-1) ?? 0,
    p99Ms: at(0.99),
    p50Ms: at(0.5),
    calls: latencies.length,
    seconds,
    worstCpuMs: worst.cpuMs,
    worstQueuedMs: Number.isNaN(worst.queuedMs) ? undefined : worst.queuedMs,
    loopMaxMs: loop.max / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    threadCpuSeconds: cpuAtStart !== null && cpuAtEnd !== null ? (cpuAtEnd - cpuAtStart) / 1000 : undefined,
    cores: coreShares ?? undefined,
  };
  console.log(
    `  ${name}: worst ${scenario.worstMs.toFixed(1)} ms (thread CPU in it ${worst.cpuMs.toFixed(1)} ms, waiting for a core ${worst.queuedMs.toFixed(1)} ms), p99 ${scenario.p99Ms.toFixed(1)} ms, p50 ${scenario.p50Ms.toFixed(1)} ms over ${scenario.calls} calls (${seconds.toFixed(1)} s, thread CPU ${scenario.threadCpuSeconds?.toFixed(1)} s); event loop max ${scenario.loopMaxMs!.toFixed(1)} ms, p99 ${scenario.loopP99Ms!.toFixed(1)} ms`,
  );
  if (coreShares) {
    const c = coreShares;
    console.log(
      `    cores (CPU s of ${(availableParallelism() * seconds).toFixed(1)}): back end ${c.backEnd.toFixed(1)}, its helpers at nice 0 ${c.helpersAtNice0.toFixed(1)}, workers at nice 10 ${c.workersAtLowerPriority.toFixed(1)}, ended threads ${c.endedThreads.toFixed(1)}, other processes ${c.otherProcesses.toFixed(1)}, steal ${c.steal.toFixed(1)}`,
    );
  }
  return scenario;
}

async function exportToEnd(call: Call, format: ExportFormat) {
  const job = (await call('transfer.exportStart', { format }))!;
  let now = job;
  while (now.state === 'running') {
    await sleep(100);
    now = await call('transfer.exportProgress', { jobId: job.jobId });
  }
  if (now.state !== 'done') throw new Error(`${format} export ${now.state}: ${now.error}`);
  return now;
}

/** the upload, made before anything is measured: making it (~0.2 s) is the bench's work, not the back end's */
let vcardUpload: string | null = null;
const tenThousandUpload = () => (vcardUpload ??= Buffer.from(tenThousandVcards()).toString('base64'));
const previewTenThousand = (call: Call, run: number) =>
  call('transfer.importPreview', { source: { kind: 'upload', fileName: `stall-${run}.vcf`, base64: tenThousandUpload() } }).then((p) => p!.sessionId);
const commitImport = (call: Call, sessionId: string) => call('transfer.importCommit', { sessionId, defaultAction: 'keepBoth' });

async function importTenThousand(call: Call, run: number) {
  return commitImport(call, await previewTenThousand(call, run));
}

/** the dashboard asked `times` times, each a request of its own (as IPC or HTTP delivers them) */
async function dashboards(call: Call, times: number) {
  for (let i = 0; i < times; i++) {
    await call('health.dashboard', {});
    await new Promise((r) => setImmediate(r));
  }
}

/** the peak of RSS above where it started, sampled every 20 ms while `work` runs */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ value: T; addedMB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, addedMB: Math.round((peak - base) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

export async function measureStalls(backend: KithBackend, options: { baseline?: boolean; noExports?: boolean } = {}): Promise<StallResult> {
  const call = makeCall(backend);
  await settledDashboard(call); // warm: the first dashboard of a day is not what is measured here
  tenThousandUpload();
  const scenarios: StallScenario[] = [];
  let json = { value: null as unknown as Awaited<ReturnType<typeof exportToEnd>>, addedMB: 0 };
  // --no-exports: the import and the dashboard only (a quick check while working on them)
  if (!options.noExports) {
    scenarios.push(await measure(call, 'JSON export of everything', async () => (json = await peakMemory(() => exportToEnd(call, 'json')))));
    scenarios.push(await measure(call, '.ics export', () => exportToEnd(call, 'ics')));
  }
  // the import in its two steps, and the dashboard just after it (10,000 new contacts' health) and warm
  let sessionId = '';
  scenarios.push(await measure(call, 'import 10,000 vCards: preview (read the file, find duplicates)', async () => (sessionId = await previewTenThousand(call, 1))));
  scenarios.push(await measure(call, 'import 10,000 vCards: commit', () => commitImport(call, sessionId)));
  scenarios.push(await measure(call, 'first dashboard after that import', () => dashboards(call, 1)));
  scenarios.push(await measure(call, 'dashboard ×20 (warm)', () => dashboards(call, 20)));
  if (!options.noExports) {
    scenarios.push(
      await measure(call, 'all at once: JSON export + import + dashboard', () => Promise.all([exportToEnd(call, 'json'), importTenThousand(call, 2), dashboards(call, 20)])),
    );
  }
  const result: StallResult = { scenarios, jsonExportMemoryMB: json.addedMB, jsonExportMB: Math.round((json.value?.bytes ?? 0) / 1024 / 1024), coreCount: availableParallelism() };
  console.log(`  JSON export: ${result.jsonExportMB} MB file, ${result.jsonExportMemoryMB} MB added to the process at its peak`);
  if (options.baseline) {
    // the export as it was: one string on the app's own thread
    const t = performance.now();
    const old = await peakMemory(async () => JSON.stringify(buildJsonExport(backend.handle.sqlite, new Date(DEFAULT_NOW)), null, 1).length);
    result.baseline = { jsonExportStallMs: performance.now() - t, jsonExportMemoryMB: old.addedMB };
    console.log(`  baseline, the in-process JSON export: blocks everything for ${result.baseline.jsonExportStallMs.toFixed(0)} ms, ${old.addedMB} MB added`);
  }
  return result;
}

async function main() {
  const { values } = parseArgs({
    options: { file: { type: 'string' }, out: { type: 'string' }, baseline: { type: 'boolean', default: false }, 'no-exports': { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } },
  });
  profiling = values.profile;
  const now = new Date(DEFAULT_NOW);
  const backend = await startBackend({ databasePath: values.file!, host: 'web', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
  try {
    const result = await measureStalls(backend, { baseline: values.baseline, noExports: values['no-exports'] });
    if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2));
  } finally {
    await backend.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
