// `npm run bench [-- --only large|huge] [--runs N] [--repeat N] [--quick] [--seed N] [--browser | --no-browser] [--compare FILE] [--stall-only] [--sync-only] [--no-sync] [--sync-count N]`
// Generates (or reuses) the large and huge databases, runs every benchmark of benchmarks.ts on each
// through the real dispatcher and as raw SQL, times cold starts, checks the renderer at scale in
// Chromium, prints it all and writes docs/benchmarks.md. Every timed figure is measured in --repeat
// (default 2) full runs and reported as their median with the spread; --compare FILE flags each
// figure more than 20% slower than in a previous docs/benchmarks.md (compare.ts).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import { COLD_START, STALL, SYNC } from './benchmarks';
import { DEFAULT_SEED, SIZES, type SizeName } from './generate';
import { measureColdStarts } from './cold';
import { DATA_DIR, ROOT, ensureDataFile, removeDatabase, runScript, workingCopy } from './datafiles';
import { describeMachine, loadNow, renderMarkdown, renderStall, renderSync, replaceSection, sectionOf, verdict, type BenchReport, type SizeReport, type SyncBenchResult } from './report';
import { combineResults, combineRuns, type Stats } from './harness';
import { compareFigures, parseFigures, renderComparison } from './compare';
import type { WorkerResult } from './bench-worker';
import type { StallResult } from './stall';
import type { MemoryResult } from './memory';
import type { BrowserResult } from './browser-at-scale';
import type { SyncScaleResult } from './sync-scale';
import { RENDERER_DIR } from '../helpers/browser';

const log = (line: string) => console.log(line);

async function main() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      seed: { type: 'string' },
      browser: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      repeat: { type: 'string' },
      compare: { type: 'string' },
      'stall-only': { type: 'boolean', default: false },
      'sync-only': { type: 'boolean', default: false },
      'no-sync': { type: 'boolean', default: false },
      // a quick check of the sync runs: N cards each way, and N of large's contacts paired (the rest archived)
      'sync-count': { type: 'string' },
    },
  });
  if (values['stall-only']) return stallOnly(Number(values.seed ?? DEFAULT_SEED));
  const syncCount = values['sync-count'] ? Number(values['sync-count']) : undefined;
  if (values['sync-only']) return syncOnly(Number(values.seed ?? DEFAULT_SEED), syncCount);
  const sizes = (values.only?.flatMap((o) => o.split(',')) ?? ['large', 'huge']) as SizeName[];
  for (const s of sizes) if (s !== 'large' && s !== 'huge' && s !== 'small') throw new Error(`--only takes large or huge, not ${s}`);
  const runs = Number(values.runs ?? (values.quick ? 10 : 30));
  const warmup = values.quick ? 2 : 5;
  const coldRuns = values.quick ? 3 : 7;
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const browserOnly = values.browser;
  const withBrowser = !values['no-browser'];
  const tmp = join(DATA_DIR, 'results');
  mkdirSync(tmp, { recursive: true });
  const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
  const repeat = Math.max(1, Number(values.repeat ?? 2));
  // read before this run overwrites it (it may well be docs/benchmarks.md itself)
  const previous = values.compare ? readFileSync(values.compare, 'utf8') : null;
  const startedAt = performance.now();

  const machine = describeMachine();
  log(`Kith bench — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGB} GB, Node ${machine.node}, SQLite ${machine.sqlite}; load ${machine.loadAtStart}`);

  const report: BenchReport = {
    date: new Date(),
    machine,
    options: process.argv.slice(2).join(' '),
    seed,
    sizes: [],
    coldBudget: COLD_START.budget,
    coldLabel: COLD_START.method,
  };
  let failed = false;

  const files = new Map<SizeName, { path: string; generatedSeconds: number | null }>();
  for (const size of sizes) {
    log(`\n== ${size}: ${SIZES[size].contacts.toLocaleString('en-US')} contacts, ${SIZES[size].interactions.toLocaleString('en-US')} interactions`);
    const data = await ensureDataFile(size, seed, log);
    files.set(size, data);
    if (browserOnly) continue;

    // each full run: the warm benchmarks in a process of their own on a fresh scratch copy, then the cold starts
    const workers: WorkerResult[] = [];
    const colds: Awaited<ReturnType<typeof measureColdStarts>>[] = [];
    const loads: { before: string; after: string }[] = [];
    let stall: StallResult | undefined;
    let memory: MemoryResult | undefined;
    let sync: SyncBenchResult | undefined;
    for (let r = 1; r <= repeat; r++) {
      const before = loadNow();
      if (repeat > 1) log(`  run ${r} of ${repeat} (load ${before}):`);
      const work = workingCopy(data.path, size);
      const out = join(tmp, `${size}.json`);
      rmSync(out, { force: true });
      const code = await runScript('bench-worker.ts', ['--file', work, '--size', size, '--runs', String(runs), '--warmup', String(warmup), '--out', out]);
      if (code !== 0 || !existsSync(out)) throw new Error(`The ${size} benchmarks failed (exit ${code})`);
      workers.push(readJson<WorkerResult>(out));
      removeDatabase(work); // done with it; the cold starts and the browser check copy the generated file afresh

      // "longest stall" (large only, first run only: it runs the whole JSON export and imports 20,000 contacts), in a process of its own
      if (size === 'large' && r === 1) {
        const stallWork = workingCopy(data.path, size);
        const stallOut = join(tmp, `${size}-stall.json`);
        rmSync(stallOut, { force: true });
        log('  longest stall (a trivial call every 10 ms beside exports, an import and the dashboard):');
        const stallCode = await runScript('stall.ts', ['--file', stallWork, '--out', stallOut]);
        removeDatabase(stallWork);
        if (stallCode !== 0 || !existsSync(stallOut)) failed = true;
        else stall = readJson<StallResult>(stallOut);
      }

      // the back end's memory after every page (first run only), in a process of its own on a fresh copy
      if (r === 1) {
        const memoryWork = workingCopy(data.path, size);
        const memoryOut = join(tmp, `${size}-memory.json`);
        rmSync(memoryOut, { force: true });
        const memoryCode = await runScript('memory.ts', ['--file', memoryWork, '--out', memoryOut]);
        removeDatabase(memoryWork);
        if (memoryCode !== 0 || !existsSync(memoryOut)) failed = true;
        else memory = readJson<MemoryResult>(memoryOut);
      }

      // sync at scale against a local radicale (large only, first run only: a first sync each way takes minutes)
      if (size === 'large' && r === 1 && !values['no-sync']) {
        sync = await runSync(data.path, syncCount);
        if (sync.failures.length) failed = true;
      }

      // cold starts, each in a fresh process on a fresh copy of the generated file (not the scratch
      // copy above, which the benchmarks wrote to): see cold.ts for the two scenarios
      const one = await measureColdStarts({ source: data.path, name: size, dir: tmp, runs: coldRuns });
      colds.push(one);
      log(
        `  cold start, opened the next day (${COLD_START.method}): api p50 ${one.nextDay.api.p50.toFixed(1)} ms, p95 ${one.nextDay.api.p95.toFixed(1)} ms, settled p50 ${one.nextDay.settled.p50.toFixed(1)} ms | sql p50 ${one.nextDay.sql.p50.toFixed(1)} ms`,
      );
      log(`  cold start, first open, nothing cached: api p50 ${one.firstOpen.api.p50.toFixed(1)} ms, p95 ${one.firstOpen.api.p95.toFixed(1)} ms, settled p50 ${one.firstOpen.settled.p50.toFixed(1)} ms | sql p50 ${one.firstOpen.sql.p50.toFixed(1)} ms`);
      loads.push({ before, after: loadNow() });
    }
    const worker = workers[0]!;
    const results = worker.results.map((first) => combineResults(workers.map((w) => w.results.find((x) => x.name === first.name) ?? first)));
    const coldOf = (pick: (c: (typeof colds)[number]) => { api: Stats; sql: Stats; settled: Stats; runs: number }) => ({
      api: combineRuns(colds.map((c) => pick(c).api)),
      sql: combineRuns(colds.map((c) => pick(c).sql)),
      settled: combineRuns(colds.map((c) => pick(c).settled)),
      runs: colds.reduce((a, c) => a + pick(c).runs, 0),
    });
    const cold = { nextDay: coldOf((c) => c.nextDay), firstOpen: coldOf((c) => c.firstOpen) };
    const maxRssMB = Math.max(...workers.map((w) => w.maxRssMB));

    report.sizes.push({
      size,
      spec: SIZES[size],
      file: data.path,
      bytes: statSync(data.path).size,
      generatedSeconds: data.generatedSeconds,
      rows: worker.rows,
      results,
      cold: cold.nextDay,
      coldFirstOpen: cold.firstOpen,
      maxRssMB,
      memory,
      stall,
      sync,
      loads,
    });
    log(`  file ${(statSync(data.path).size / 1024 / 1024).toFixed(0)} MB; bench process peak memory ${maxRssMB} MB`);
    if (results.some((r) => r.error)) failed = true;
  }

  if (withBrowser || browserOnly) {
    const size: SizeName = sizes.includes('huge') ? 'huge' : sizes.at(-1)!;
    log(`\n== the renderer at scale (${size}, Chromium)`);
    try {
      if (!values['no-build']) {
        log('  building the renderer (electron-vite build)…');
        execSync('npx electron-vite build', { cwd: ROOT, stdio: 'ignore' });
      }
      if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('the renderer is not built (npx electron-vite build)');
      const work = workingCopy(files.get(size)!.path, size);
      const out = join(tmp, 'browser.json');
      rmSync(out, { force: true });
      const code = await runScript('browser-at-scale.ts', ['--file', work, '--out', out, '--screenshot', `bench-${size}`]);
      if (code !== 0 || !existsSync(out)) throw new Error(`exit ${code}`);
      const result = readJson<BrowserResult>(out);
      report.browser = { size, result };
      if (result.failures.length) failed = true;
    } catch (err) {
      report.browser = { size, error: (err as Error).message };
      failed = true;
      log(`  could not run: ${(err as Error).message}`);
    }
  }

  if (!browserOnly) {
    for (const s of report.sizes) {
      if (s.size !== 'large') continue;
      const over = [
        verdict(COLD_START.budget, s.cold.api),
        ...s.results.map((r) => verdict(r.budget, r.api)),
        ...(s.stall?.scenarios ?? []).map((sc) => (sc.worstMs <= STALL.budgetMs ? '' : `✗ longest stall while "${sc.name}": ${sc.worstMs.toFixed(0)} ms > ${STALL.budgetMs} ms`)),
        ...(s.sync ? syncOverBudget(s.sync) : []),
      ].filter((v) => v.startsWith('✗'));
      log(over.length ? `\nOver budget on large: ${over.join('; ')}` : '\nEvery measured budget is met on large.');
    }
    const doc = join(ROOT, 'docs', 'benchmarks.md');
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    report.machine.loadAtEnd = loadNow();
    report.minutes = (performance.now() - startedAt) / 60_000;
    let markdown = renderMarkdown(report);
    if (previous !== null && values.compare) {
      const changes = compareFigures(parseFigures(previous), parseFigures(markdown));
      const section = renderComparison(values.compare, changes);
      const slower = changes.filter((c) => c.slower);
      log(`\nCompared with ${values.compare}: ${slower.length} of ${changes.length} figures more than 20% slower`);
      for (const c of slower) log(`  ✗ ${c.size} · ${c.benchmark} · ${c.column}: ${c.before} → ${c.after} ms (×${c.ratio.toFixed(2)})`);
      // before "How this is measured"
      markdown = markdown.replace('## How this is measured', `${section.join('\n')}\n## How this is measured`);
    }
    // a run without sync (--no-sync) keeps the sync section the last --sync-only run wrote
    const syncHeading = `## Sync at scale (large, ${SYNC.server})`;
    const lastSync = existsSync(doc) ? sectionOf(readFileSync(doc, 'utf8'), syncHeading) : null;
    if (!markdown.includes(`${syncHeading}\n`) && lastSync) markdown = replaceSection(markdown, syncHeading, lastSync, ['## Growth from large to huge', '## The renderer at scale', '## How this is measured']);
    writeFileSync(doc, markdown);
    log(`Wrote ${doc} (the bench took ${report.minutes.toFixed(1)} min)`);
  } else if (report.browser?.result) {
    log('(--browser: docs/benchmarks.md is written by a full run)');
  }
  if (failed) {
    log('Some checks failed (see above).');
    process.exitCode = 1;
  }
}

/** `--stall-only`: the "longest stall" scenario alone on a copy of large, its section of docs/benchmarks.md rewritten in place */
async function stallOnly(seed: number) {
  const data = await ensureDataFile('large', seed, log);
  const work = workingCopy(data.path, 'large');
  const out = join(DATA_DIR, 'results', 'large-stall.json');
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const before = loadNow();
  log(`longest stall on large (load ${before}):`);
  const code = await runScript('stall.ts', ['--file', work, '--out', out]);
  removeDatabase(work);
  if (code !== 0 || !existsSync(out)) throw new Error(`the stall scenario failed (exit ${code})`);
  const stall = JSON.parse(readFileSync(out, 'utf8')) as StallResult;
  const doc = join(ROOT, 'docs', 'benchmarks.md');
  const section = [...renderStall('large', stall, { date: new Date(), loadBefore: before, loadAfter: loadNow() })].join('\n');
  writeFileSync(doc, replaceSection(readFileSync(doc, 'utf8'), '## Longest stall (large)', section, ['## Sync at scale', '## Growth from large to huge', '## How this is measured']));
  log(`Wrote the stall section of ${doc}`);
  if (stall.scenarios.some((sc) => sc.worstMs > STALL.budgetMs)) process.exitCode = 1;
}

/** the sync-scale.ts runs against radicale, each in a process of its own: from (10,000 cards into a fresh Kith), same (large paired, then its incremental passes), to (SYNC.toCount of large's contacts sent) */
async function runSync(source: string, count?: number): Promise<SyncBenchResult> {
  const result: SyncBenchResult = { server: SYNC.server, toCount: count ?? SYNC.toCount, failures: [] };
  const out = join(DATA_DIR, 'results', 'large-sync.json');
  mkdirSync(dirname(out), { recursive: true });
  const runs: { mode: 'from' | 'same' | 'to'; args: string[]; file: boolean }[] = [
    { mode: 'from', args: ['--count', String(count ?? 10_000)], file: false },
    { mode: 'same', args: count ? ['--count', String(count)] : [], file: true },
    { mode: 'to', args: ['--count', String(count ?? SYNC.toCount)], file: true },
  ];
  // one copy of large with the back end's catch-up after opening done (minutes for a generated file), which each run copies again
  const work = workingCopy(source, 'large');
  const settled = await runScript('sync-scale.ts', ['settle', '--file', work]);
  if (settled !== 0) result.failures.push(`settling the copy of large failed (exit ${settled})`);
  /** one sync-scale.ts run in a process of its own: its result, or null (its failure recorded) */
  const runOnce = async (mode: 'from' | 'same' | 'to', server: string, args: string[]) => {
    log(`  sync at scale (${server}, ${mode}; load ${loadNow()}):`);
    rmSync(out, { force: true });
    const code = await runScript('sync-scale.ts', [mode, '--server', server, ...args, '--out', out]);
    const read = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as SyncScaleResult) : null;
    if (code !== 0 || !read?.firstSync) result.failures.push(`sync-scale.ts ${mode}${server === SYNC.server ? '' : ` --server ${server}`} exited ${code}${read?.firstSync ? '' : ' before its first sync finished'}`);
    return read;
  };
  for (const run of runs) {
    const read = await runOnce(run.mode, SYNC.server, [...(run.file ? ['--file', work] : []), ...run.args]);
    if (read) result[run.mode] = read;
  }
  // the daily passes on a second server (~30 s)
  const read = await runOnce('same', SYNC.alsoOn, ['--file', work, ...(count ? ['--count', String(count)] : [])]);
  result.alsoOn = { server: SYNC.alsoOn, ...(read ? { same: read } : {}) };
  removeDatabase(work);
  return result;
}

/** the budgeted sync figures over budget */
function syncOverBudget(sync: SyncBenchResult): string[] {
  const over = (r: SyncScaleResult | undefined, server: string) => {
    if (!r) return [];
    const edit = r.editToServer?.medianWallMs;
    return [
      ...(edit !== undefined && edit > SYNC.budgetMs ? [`✗ sync (${server}): one change in Kith → on the server ${edit.toFixed(0)} ms > ${SYNC.budgetMs} ms`] : []),
      ...r.passes.filter((p) => p.label.startsWith('one change') && p.wallMs > SYNC.budgetMs).map((p) => `✗ sync (${server}): ${p.label} ${p.wallMs.toFixed(0)} ms > ${SYNC.budgetMs} ms`),
    ];
  };
  return [...over(sync.same ?? sync.from, sync.server), ...over(sync.alsoOn?.same, sync.alsoOn?.server ?? '')];
}

/** `--sync-only`: the sync-at-scale runs alone, their section of docs/benchmarks.md rewritten in place */
async function syncOnly(seed: number, count?: number) {
  const data = await ensureDataFile('large', seed, log);
  const before = loadNow();
  const sync = await runSync(data.path, count);
  const doc = join(ROOT, 'docs', 'benchmarks.md');
  const section = renderSync('large', sync, { date: new Date(), loadBefore: before, loadAfter: loadNow() }).join('\n');
  // a new section goes where a full run places it: after the stall section, before the growth table
  writeFileSync(doc, replaceSection(readFileSync(doc, 'utf8'), `## Sync at scale (large, ${SYNC.server})`, section, ['## Growth from large to huge', '## The renderer at scale', '## How this is measured']));
  log(`Wrote the sync section of ${doc}`);
  for (const v of syncOverBudget(sync)) log(v);
  if (sync.failures.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`Bench failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
