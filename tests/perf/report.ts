// docs/benchmarks.md, written from the bench's results (never by hand), and the machine they ran on.
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserResult } from './browser-at-scale';
import type { BenchResult, Budget, Stats } from './harness';
import type { SizeName, SizeSpec } from './generate';
import { ROOT } from './datafiles';
import type { StallResult } from './stall';
import type { MemoryResult } from './memory';
import { MEMORY, STALL, SYNC } from './benchmarks';
import type { SyncScaleResult, Timing } from './sync-scale';

export interface Machine {
  cpu: string;
  cores: number;
  ramGB: number;
  os: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  loadAtStart: string;
  /** when the report was written */
  loadAtEnd?: string;
}

/** the load average now (1 / 5 / 15 min) */
export function loadNow(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}

export function describeMachine(): Machine {
  const mem = new Database(':memory:');
  const sqlite = mem.prepare('SELECT sqlite_version()').pluck().get() as string;
  mem.close();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramGB: Math.round(totalmem() / 1024 ** 3),
    os: `${osType()} ${release()}`,
    node: process.version,
    sqlite,
    betterSqlite3: pkg.version,
    loadAtStart: loadNow(),
  };
}


export interface SizeReport {
  size: SizeName;
  spec: SizeSpec;
  file: string;
  bytes: number;
  generatedSeconds: number | null;
  rows: Record<string, number>;
  results: BenchResult[];
  /** cold start "opened the next day" (after a session at DEFAULT_NOW − 24 h): the budgeted one */
  cold: { api?: Stats; sql?: Stats; settled?: Stats; runs: number };
  /** cold start on the generated file as it is: nothing cached, no budget */
  coldFirstOpen?: { api?: Stats; sql?: Stats; settled?: Stats; runs: number };
  maxRssMB: number;
  /** the back end's own memory after opening the file and visiting every page (memory.ts) */
  memory?: MemoryResult;
  /** "longest stall" (stall.ts), measured on large */
  stall?: StallResult;
  /** the load average before and after each full run */
  loads?: { before: string; after: string }[];
  /** "Sync at scale" (sync-scale.ts against radicale), measured on large */
  sync?: SyncBenchResult;
}

/** the sync-scale.ts runs of the bench: a first sync each way and the incremental passes on large */
export interface SyncBenchResult {
  server: string;
  /** a fresh Kith receiving `count` cards from the server, then the incremental passes */
  from?: SyncScaleResult;
  /** large, and an address book already holding the same cards: paired by UID, then the incremental passes on large synced */
  same?: SyncScaleResult;
  /** large's first `toCount` contacts sent to an empty address book */
  to?: SyncScaleResult;
  toCount: number;
  /** the same `same` run against SYNC.alsoOn */
  alsoOn?: { server: string; same?: SyncScaleResult };
  /** runs that failed, with why */
  failures: string[];
}

export interface BenchReport {
  date: Date;
  machine: Machine;
  options: string;
  seed: number;
  sizes: SizeReport[];
  coldBudget: Budget;
  coldLabel: string;
  browser?: { size: SizeName; result?: BrowserResult; error?: string };
  /** the whole bench's wall time */
  minutes?: number;
}

const msOf = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ms = msOf;
const n = (v: number | undefined) => (v === undefined ? '–' : v.toLocaleString('en-US'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** a p50, and over several full runs the lowest and highest of their p50s: "2.26 (2.10–2.42)" */
function withSpread(stats: Stats | undefined): string {
  const each = stats?.perRunP50;
  if (!stats || !each || each.length < 2) return ms(stats?.p50);
  return `${ms(stats.p50)} (${ms(Math.min(...each))}–${ms(Math.max(...each))})`;
}

/** timed runs: "2 × 30" over two full runs */
function runsOf(stats: Stats | undefined): string {
  if (!stats) return '';
  const each = stats.perRunP50?.length ?? 1;
  return each > 1 ? `${each} × ${stats.runs / each}` : String(stats.runs);
}

export function verdict(budget: Budget | undefined, api: Stats | undefined): string {
  if (!budget || !api) return '';
  // over several full runs, the budget holds only if it holds in every one
  const each = budget.stat === 'p50' ? api.perRunP50 : api.perRunP95;
  const value = each?.length ? Math.max(...each) : api[budget.stat];
  return value <= budget.ms ? `✓ ${budget.stat} ≤ ${budget.ms} ms` : `✗ ${budget.stat} ${ms(value)} > ${budget.ms} ms`;
}

/** every row of a size's table, the cold starts first */
function rowsOf(s: SizeReport, r: BenchReport): { name: string; budget?: Budget; api?: Stats; sql?: Stats; overhead?: number; note?: string }[] {
  const coldRow = (name: string, c: { api?: Stats; sql?: Stats }, budget?: Budget) => ({
    name,
    budget,
    api: c.api,
    sql: c.sql,
    overhead: c.api && c.sql ? c.api.p50 / c.sql.p50 : undefined,
  });
  // and, where the first answer showed stored health while today's was worked out, until one was all today's:
  // the work the raw SQL side does in one go (its column is the same run's)
  const untilSettled = (name: string, c: { sql?: Stats; settled?: Stats }) => (c.settled ? [coldRow(`${name}, until its health figures are today's (no longer "updating")`, { api: c.settled, sql: c.sql })] : []);
  const nextDay = `cold start, opened the next day: open + migrate + first ${r.coldLabel} (fresh process)`;
  const firstOpen = `cold start, first open, nothing cached: open + migrate + first ${r.coldLabel} (fresh process)`;
  const cold = [coldRow(nextDay, s.cold, r.coldBudget), ...untilSettled(nextDay, s.cold)];
  if (s.coldFirstOpen) cold.push(coldRow(firstOpen, s.coldFirstOpen), ...untilSettled(firstOpen, s.coldFirstOpen));
  return [...cold, ...s.results.map((b) => ({ ...b, note: b.skipped ? `not measured: ${b.skipped}` : b.error ? `error: ${b.error.split('\n')[0]}` : undefined }))];
}

export function renderMarkdown(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push('# Kith benchmarks', '');
  out.push(`_Generated by \`npm run bench${r.options ? ` -- ${r.options}` : ''}\` on ${r.date.toISOString().replace('T', ' ').slice(0, 16)} UTC. Do not edit by hand: run the bench again._`, '');
  out.push('## Machine', '');
  out.push(`- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGB} GB; ${m.os}`);
  out.push(`- Node ${m.node}, SQLite ${m.sqlite} (better-sqlite3 ${m.betterSqlite3})`);
  out.push(
    `- Load average (1 / 5 / 15 min) when the bench started: ${m.loadAtStart}${m.loadAtEnd ? `; when it ended: ${m.loadAtEnd}` : ''}. Figures from a shared machine run high; compare runs on the same one.`,
  );
  if (r.minutes !== undefined) out.push(`- The whole bench took ${r.minutes.toFixed(1)} min.`);
  out.push('');

  out.push('## Data sets', '');
  out.push(`Generated with \`npm run seed -- --size SIZE --seed ${r.seed}\` (fixed "now" 2026-11-01 12:00 UTC); "generated in" is the wall time when the file was made (it is reused while the seed, schema and generator stay the same).`, '');
  out.push('| size | contacts | interactions | participants | reminders | file | generated in | bench peak memory (maxRSS) | back end after every page, at rest: own memory (RSS) | right after the last page: own memory (RSS) |');
  out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const s of r.sizes) {
    const own = s.memory ? `${s.memory.ownMB} MB (${s.memory.rssMB} MB)${s.size === 'huge' ? (s.memory.ownMB < MEMORY.budgetMB ? ' ✓' : ' ✗') : ''}` : '–';
    const after = s.memory?.rightAfter ? `${s.memory.rightAfter.ownMB} MB (${s.memory.rightAfter.rssMB} MB)` : '–';
    out.push(
      `| ${s.size} | ${n(s.rows.contacts)} | ${n(s.rows.interactions)} | ${n(s.rows.interaction_participants)} | ${n(s.rows.reminders)} | ${mb(s.bytes)} | ${s.generatedSeconds === null ? '–' : `${s.generatedSeconds.toFixed(0)} s`} | ${s.maxRssMB} MB | ${own} | ${after} |`,
    );
  }
  out.push(
    '',
    `"Back end after every page": a fresh process opens the file as the app does, visits every page (the whole contacts list scrolled by name, 20 contact pages, search, reminders, portfolio, clients, duplicates, backups), lets the integrity check finish, collects garbage and reads /proc/self/smaps_rollup right after the last page, and again at rest, ${MEMORY.restMs / 1000} s later, when V8 has given back the heap it grew into for the heavy pages (its memory reducer runs once the thread is idle) and garbage is collected again. Own memory is RSS without the file-backed pages (the data file's mmap and the loaded code, which the OS can drop at any time): heap, SQLite's page caches, V8. Budget on huge, at rest: under ${MEMORY.budgetMB} MB.`,
  );
  for (const s of r.sizes) if (s.memory?.failed.length) out.push(`- ${s.size}: ${s.memory.failed.length} of ${s.memory.calls} calls failed: ${s.memory.failed.join('; ')}`);
  out.push('');

  for (const s of r.sizes) {
    out.push(`## ${s.size}`, '');
    out.push(
      'Milliseconds of wall time, except "API CPU p50": the median CPU time the process spent per call, which a busy machine disturbs less. ' +
        '"API" is a call through the real dispatcher (validation, service, Kysely); "raw SQL" is the same work as prepared statements on better-sqlite3; the ratio (of p50s) is the API\'s overhead.',
      '',
    );
    const repeated = Math.max(0, ...rowsOf(s, r).map((row) => row.api?.perRunP50?.length ?? 0));
    if (repeated > 1) {
      out.push(
        `Each figure is the median of ${repeated} full runs (each its own process, on a fresh copy of the data); beside a p50, in brackets, the lowest and highest of the runs' p50s. ` +
          `Load average before → after each run: ${(s.loads ?? []).map((l, i) => `run ${i + 1}: ${l.before} → ${l.after}`).join('; ')}.`,
        '',
      );
    }
    out.push(`| benchmark | API p50 | API p95 | API CPU p50 | raw SQL p50 | raw SQL p95 | API / SQL | runs | budget (on large) |`);
    out.push('|---|--:|--:|--:|--:|--:|--:|--:|---|');
    for (const row of rowsOf(s, r)) {
      if (row.note) {
        out.push(`| ${row.name} | | | | | | | | ${row.budget ? `${row.budget.stat} ≤ ${row.budget.ms} ms — ` : ''}${row.note} |`);
        continue;
      }
      const judged = s.size === 'large' ? verdict(row.budget, row.api) : row.budget ? `(${row.budget.stat} ≤ ${row.budget.ms} ms)` : '';
      out.push(
        `| ${row.name} | ${withSpread(row.api)} | ${ms(row.api?.p95)} | ${ms(row.api?.cpuP50)} | ${withSpread(row.sql)} | ${ms(row.sql?.p95)} | ${row.overhead ? `×${row.overhead.toFixed(1)}` : '–'} | ${runsOf(row.api)} | ${judged} |`,
      );
    }
    out.push('');
  }

  for (const s of r.sizes) if (s.stall) out.push(...renderStall(s.size, s.stall));
  for (const s of r.sizes) if (s.sync) out.push(...renderSync(s.size, s.sync));

  const large = r.sizes.find((s) => s.size === 'large');
  const huge = r.sizes.find((s) => s.size === 'huge');
  if (large && huge) {
    const grow = (a: number | undefined, b: number | undefined) => (a && b ? `×${(b / a).toFixed(1)}` : '–');
    out.push('## Growth from large to huge', '');
    out.push(
      `The data grows ×${(huge.rows.contacts! / large.rows.contacts!).toFixed(0)} in contacts and ×${(huge.rows.interactions! / large.rows.interactions!).toFixed(0)} in interactions; ` +
        'a figure growing faster than that is a scan where an index should be.',
      '',
    );
    out.push('| figure | large | huge | growth |');
    out.push('|---|--:|--:|--:|');
    out.push(`| file size | ${mb(large.bytes)} | ${mb(huge.bytes)} | ${grow(large.bytes, huge.bytes)} |`);
    out.push(`| bench peak memory | ${large.maxRssMB} MB | ${huge.maxRssMB} MB | ${grow(large.maxRssMB, huge.maxRssMB)} |`);
    if (large.memory && huge.memory) out.push(`| back end's own memory after every page | ${large.memory.ownMB} MB | ${huge.memory.ownMB} MB | ${grow(large.memory.ownMB, huge.memory.ownMB)} |`);
    const hugeRows = rowsOf(huge, r);
    for (const row of rowsOf(large, r)) {
      const other = hugeRows.find((h) => h.name === row.name);
      if (!row.api || !other?.api) continue;
      out.push(`| ${row.name}, API p50 | ${ms(row.api.p50)} ms | ${ms(other.api.p50)} ms | ${grow(row.api.p50, other.api.p50)} |`);
      out.push(`| ${row.name}, API p95 | ${ms(row.api.p95)} ms | ${ms(other.api.p95)} ms | ${grow(row.api.p95, other.api.p95)} |`);
      if (row.api.cpuP50 !== undefined && other.api.cpuP50 !== undefined) {
        out.push(`| ${row.name}, API CPU p50 | ${ms(row.api.cpuP50)} ms | ${ms(other.api.cpuP50)} ms | ${grow(row.api.cpuP50, other.api.cpuP50)} |`);
      }
    }
    out.push('');
  }

  if (r.browser) {
    out.push(`## The renderer at scale (${r.browser.size}, Chromium through the web host)`, '');
    const b = r.browser.result;
    if (!b) out.push(`Not measured: ${r.browser.error}`, '');
    else {
      out.push(
        `- Time to the contacts list's first rows (page load, API calls, render), timed in the page from navigation start: **${b.firstRowsMs.toFixed(0)} ms** ` +
          `(the driver, which runs in the process that serves the API, saw them at ${b.driverSawRowsMs.toFixed(0)} ms).`,
      );
      if (b.firstLoadCalls.length) {
        const slowest = [...b.firstLoadCalls].sort((x, y) => (y.serviceMs ?? 0) - (x.serviceMs ?? 0))[0]!;
        out.push(
          `  - Loading and starting the page took until the first API call, ${b.firstLoadCalls[0]!.startMs.toFixed(0)} ms after navigation. ` +
            `The calls made before the rows showed, as the web host served them (ms after navigation, for how long the service held the one connection): ` +
            b.firstLoadCalls.map((c) => `${c.method} at ${c.startMs.toFixed(0)} for ${c.serviceMs === null ? '–' : ms(c.serviceMs)}`).join('; ') +
            `. The slowest, ${slowest.method}, took ${ms(slowest.serviceMs ?? undefined)} ms.`,
        );
      }
      out.push(
        `- The page says: "${b.totalLabel}" (the file holds ${n(b.contactsInFile)} contacts, ${n(b.archivedInFile)} of them archived, which the list leaves out); ` +
          `the list can scroll through **${n(b.rowsScrollable)}** rows (its height / the ${b.rowHeightPx} px of a row as laid out).`,
      );
      out.push(`- Scrolled to the end in ${b.scrollSteps} steps: at most **${b.maxRowElements}** row elements in the DOM (limit: fewer than 100); last row "${b.lastRowName}" (the last by name: "${b.expectedLastRowName}"); ${n(b.domNodes)} DOM elements in all.`);
      out.push(
        `- Frame after a scroll step: p50 ${ms(b.scrollFrame.p50)} ms, p95 ${ms(b.scrollFrame.p95)} ms (two animation frames from the scroll: 33.3 ms on an empty page)` +
          (b.frameWork ? `; the main thread's work for that frame p50 ${ms(b.frameWork.p50)} ms, p95 ${ms(b.frameWork.p95)} ms (budget 16.7 ms).` : '.'),
      );
      if ('skipped' in b.search) out.push(`- Typing in search: not measured (${b.search.skipped}).`);
      else {
        const keys = b.search.perKeystroke;
        const worst = (pick: (k: (typeof keys)[number]) => number | null) => ms(Math.max(...keys.map((k) => pick(k) ?? Infinity)));
        out.push(
          `- Typing in search (${b.search.box}), one key at a time, timed in the page from just before the key is sent, to the frame: ` +
            `the character shows within ${worst((k) => k.echoMs)} ms of every key (input not blocked), the results within ${worst((k) => k.resultsMs)} ms.`,
        );
        if (b.search.indexCaughtUpMs !== undefined) {
          out.push(`  - Timed once the search index had caught up with the generated file (every contact waits for it): ${(b.search.indexCaughtUpMs / 1000).toFixed(1)} s after the page was opened; searches meanwhile answer from what is indexed, and the banner says so.`);
        }
        out.push('', '  | typed | input event | character shown | results shown | hits | contacts.search (server) |', '  |---|--:|--:|--:|--:|--:|');
        for (const k of keys) {
          out.push(
            `  | ${k.typed} | ${ms(k.inputEventMs ?? undefined)} | ${ms(k.echoMs ?? undefined)} | ${k.resultsMs === null ? 'not within 10 s' : ms(k.resultsMs)}${k.sameAsBefore ? ' (same hits as before)' : ''} | ${k.hits} | ${k.apiMs.map((a) => ms(a)).join(', ') || '–'} |`,
          );
        }
        out.push('');
      }
      if (b.reminders) {
        const rm = b.reminders;
        out.push(
          `- The Reminders page (${n(rm.remindersInFile)} reminders in the file), opened fresh: first rows **${rm.firstRowsMs.toFixed(0)} ms** from navigation; the board's first answer ${(rm.firstAnswerBytes / 1024).toFixed(0)} kB ("${rm.headerLabel}"). ` +
            `Scrolled ${rm.scrollSteps} screens down (${n(rm.rowsLoaded)} rows loaded page by page): at most **${rm.maxRowElements}** reminder rows in the DOM; frame after a step p50 ${ms(rm.scrollFrame.p50)} ms, p95 ${ms(rm.scrollFrame.p95)} ms${rm.frameWork ? ` (its work on the main thread p50 ${ms(rm.frameWork.p50)} ms, p95 ${ms(rm.frameWork.p95)} ms)` : ''}; ${n(rm.domNodes)} DOM elements.`,
        );
      }
      out.push(b.failures.length ? `- **Failed:** ${b.failures.join('; ')}` : '- All checks passed.');
      out.push('');
    }
  }

  out.push('## How this is measured', '');
  out.push('- Each data set is generated once per seed and schema version (bench-data/, gitignored) and benchmarked on a scratch copy, in a process of its own.');
  out.push('- Warm runs: a few untimed warm-up runs, then N timed runs, the API call and its raw-SQL floor taking turns (each starting every other run), so neither runs on code or caches the other warmed alone; p50/p95 are nearest-rank percentiles. Writes (logging) go to the scratch copy. The import settles between runs, untimed: the search index catches up and the health of the contacts it added is worked out, as a person\'s next import would find them (timed back to back, each run carried ~600 ms of the previous one\'s background work).');
  out.push(
    '- Two full runs (`--repeat N` to change): the warm benchmarks and the cold starts are measured twice, each time in fresh processes on fresh copies; a figure is the median of the runs, a p50 shows the lowest and highest run beside it, and a budget counts as met only when every run meets it. `--compare FILE` reads the tables of an earlier report and lists every API p50, API p95 or raw-SQL p50 more than 20% slower.',
  );
  out.push(
    '- Cold start: a fresh Node process per run on a fresh copy of the generated file (copying is not timed), timed from opening the file to the first answer (module loading excluded). ' +
      '"Opened the next day" (the budgeted one): before the timed runs, a preparation process opened the copy at the fixed "now" − 24 h (Europe/Berlin) and answered the dashboard once, as someone who used Kith yesterday; each timed run opens a fresh copy of that file at "now". ' +
      '"First open, nothing cached": the generated file as it is. The first run of each is an untimed warm-up. The OS file cache is warm (the copy was just written); nothing here flushes it.',
  );
  out.push('- Peak memory is the benchmark process\'s maxRSS; it includes the pages of the file SQLite maps into memory (mmap_size, up to 256 MB), which the OS can drop at will.');
  out.push('- Benchmarks are listed in tests/perf/benchmarks.ts; one marked "not measured" waits for its part of the app.');
  out.push('');
  return out.join('\n');
}

/** the "longest stall" section: each scenario's worst latency of a trivial call made every 10 ms */
export function renderStall(size: SizeName, stall: StallResult, run?: { date: Date; loadBefore: string; loadAfter: string }): string[] {
  const out = [`## Longest stall (${size})`, ''];
  if (run) out.push(`Run alone (\`npm run bench -- --stall-only\`) on ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${run.loadBefore} before, ${run.loadAfter} after.`, '');
  out.push(
    `The worst latency of a trivial call (${STALL.method}) made every ${STALL.tickMs} ms while the work runs, counted from when the call was due (a blocked event loop counts as much as a call waiting for the connection). Budget: no call stalls another for more than ${STALL.budgetMs} ms. "CPU in it": what the back end's own thread spent during that worst wait, and "waited for a core": how long it was ready to run but had no core (both from /proc/…/schedstat; CPU can exceed the wait, as it counts from the call before). The back end's worker threads run at a lower priority (db/background-thread.ts); the second table says what held the cores meanwhile. "loop max": the event loop's longest delay (monitorEventLoopDelay).`,
    '',
  );
  out.push('| while this runs | worst | CPU in it | waited for a core | p99 | p50 | loop max | calls | work took | thread CPU | budget |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const sc of stall.scenarios) {
    const judged = sc.worstMs <= STALL.budgetMs ? `✓ ≤ ${STALL.budgetMs} ms` : `✗ ${ms(sc.worstMs)} > ${STALL.budgetMs} ms`;
    const opt = (v: number | undefined, f: (x: number) => string) => (v === undefined || Number.isNaN(v) ? '–' : f(v));
    out.push(
      `| ${sc.name} | ${ms(sc.worstMs)} | ${opt(sc.worstCpuMs, ms)} | ${opt(sc.worstQueuedMs, ms)} | ${ms(sc.p99Ms)} | ${ms(sc.p50Ms)} | ${opt(sc.loopMaxMs, ms)} | ${n(sc.calls)} | ${sc.seconds.toFixed(1)} s | ${opt(sc.threadCpuSeconds, (x) => `${x.toFixed(1)} s`)} | ${judged} |`,
    );
  }
  out.push('');
  if (stall.scenarios.some((sc) => sc.cores)) {
    out.push(
      `Who had the cores while each ran (CPU seconds over the scenario, from /proc; ${stall.coreCount ?? 2} cores × "work took" is what there was): the back end's own thread; the process's other threads at nice 0 (V8's platform workers, which collect garbage for every isolate, and the helper threads of Kith's workers); Kith's workers at nice 10; threads that ended between two samples; every other process; and steal, the time the hypervisor ran something else on the virtual CPUs (tests/perf/core-shares.ts).`,
      '',
      '| while this runs | work took | back end | helpers at nice 0 | workers at nice 10 | ended threads | other processes | steal |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
    );
    const s1 = (x: number) => x.toFixed(1);
    for (const sc of stall.scenarios) {
      const c = sc.cores;
      if (c) out.push(`| ${sc.name} | ${s1(sc.seconds)} s | ${s1(c.backEnd)} | ${s1(c.helpersAtNice0)} | ${s1(c.workersAtLowerPriority)} | ${s1(c.endedThreads)} | ${s1(c.otherProcesses)} | ${s1(c.steal)} |`);
    }
    out.push('');
  }
  const memory = stall.jsonExportMemoryMB <= STALL.memoryBudgetMB ? `✓ ≤ ${STALL.memoryBudgetMB} MB` : `✗ > ${STALL.memoryBudgetMB} MB`;
  out.push(`- The JSON export of everything (${stall.jsonExportMB} MB file) added **${stall.jsonExportMemoryMB} MB** to the process at its peak (${memory}).`);
  if (stall.baseline) {
    out.push(`- Before (the export built as one string on the app's own thread): it blocked every call for ${(stall.baseline.jsonExportStallMs / 1000).toFixed(1)} s and added ${stall.baseline.jsonExportMemoryMB} MB.`);
  }
  out.push('');
  return out;
}

/** the "Sync at scale" section: first syncs each way, the incremental passes with the server's share and Kith's, memory */
export function renderSync(size: SizeName, sync: SyncBenchResult, run?: { date: Date; loadBefore: string; loadAfter: string }): string[] {
  const out = [`## Sync at scale (${size}, ${sync.server})`, ''];
  if (run) out.push(`Run alone (\`npm run bench -- --sync-only\`) on ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${run.loadBefore} before, ${run.loadAfter} after.`, '');
  out.push(
    `\`tests/perf/sync-scale.ts\` against a local ${sync.server} on 127.0.0.1 (temporary storage), through the dispatcher. Each figure is one run, in ms of wall time, split into the time spent waiting on the server ` +
      "(while at least one HTTP request is under way, from its start to the last byte of its answer: Kith's work done while several PUTs are out counts as waiting) and Kith's own share (the rest); \"Kith CPU\" is the process's CPU time (the server is another process, so it is Kith's alone). " +
      "\"The server's change list alone\" is one sync-collection with the pass's token and no Kith in the loop, timed just before the pass: the floor under any pass that asks for changes. " +
      `Budget: an incremental sync with one change, end to end, under ${SYNC.budgetMs} ms on ${size}.`,
    '',
  );
  const ms = (v: number | undefined) => (v !== undefined && v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : msOf(v));
  const budgetOf = (wallMs: number) => (wallMs <= SYNC.budgetMs ? `✓ ≤ ${SYNC.budgetMs} ms` : `✗ ${ms(wallMs)} > ${SYNC.budgetMs} ms`);
  const row = (name: string, t: Timing | undefined, budget = false, floor?: number) =>
    t ? `| ${name} | ${ms(t.wallMs)} | ${ms(t.serverMs)} | ${ms(t.kithMs)} | ${ms(t.kithCpuMs)} | ${n(t.requests)} | ${floor === undefined ? '–' : ms(floor)} | ${budget ? budgetOf(t.wallMs) : ''} |` : `| ${name} | not measured | | | | | | |`;
  const passOf = (r: SyncScaleResult | undefined, label: string) => r?.passes.find((p) => p.label === label);
  const first = (r: SyncScaleResult | undefined) => r?.firstSync;
  out.push('| what | end to end | waiting on the server | Kith\'s share | Kith CPU | requests | the server\'s change list alone | budget |', '|---|--:|--:|--:|--:|--:|--:|---|');
  const fromCount = first(sync.from)?.pulled;
  out.push(row(`first sync from the server: ${n(fromCount)} cards into a fresh Kith`, first(sync.from)));
  out.push(row(`first sync to the server: ${n(first(sync.to)?.pushed ?? sync.toCount)} of ${size}'s contacts into an empty address book (a PUT each)`, first(sync.to)));
  out.push(row(`first sync of ${size} with an address book already holding its ${n(first(sync.same)?.contactsBefore)} cards (paired by UID, nothing written)`, first(sync.same)));
  const incremental = sync.same ?? sync.from;
  const on = incremental === sync.same ? `${size}, ${n(first(sync.same)?.contactsBefore)} contacts synced` : `${n(fromCount)} synced`;
  const nothing = passOf(incremental, 'pass, nothing changed');
  out.push(row(`pass, nothing changed (${on})`, nothing, false, nothing?.floorMs));
  /** the median run of the edit → server passes (by wall time) */
  const medianEdit = (edit: SyncScaleResult['editToServer']) => (edit ? edit.runs.slice().sort((a, b) => a.wallMs - b.wallMs)[Math.floor(edit.runs.length / 2)] : undefined);
  const edit = incremental?.editToServer;
  const editMedian = medianEdit(edit);
  out.push(row(`one change in Kith → on the server: contacts.update + the send-only pass the scheduler runs after a write, median of ${edit?.runs.length ?? 0} (${on})`, editMedian, true));
  const kithChange = passOf(incremental, 'one change in Kith, full pass');
  out.push(row(`one change in Kith, full pass (${on})`, kithChange, true, kithChange?.floorMs));
  const serverChange = passOf(incremental, 'one change on the server, full pass');
  out.push(row(`one change on the server (a phone's edit), full pass (${on})`, serverChange, true, serverChange?.floorMs));
  out.push('');
  const also = sync.alsoOn?.same;
  const alsoNotes: string[] = [];
  if (sync.alsoOn) {
    const onAlso = `${size}, ${n(first(also)?.contactsBefore)} contacts synced`;
    const alsoEdit = also?.editToServer;
    const alsoMedian = medianEdit(alsoEdit);
    const alsoNothing = passOf(also, 'pass, nothing changed');
    const alsoKith = passOf(also, 'one change in Kith, full pass');
    const alsoServer = passOf(also, 'one change on the server, full pass');
    out.push(`The daily passes against ${sync.alsoOn.server} (the same \`same\` run: ${size} paired with an address book already holding its cards, then the incremental passes):`, '');
    out.push('| what | end to end | waiting on the server | Kith\'s share | Kith CPU | requests | the server\'s change list alone | budget |', '|---|--:|--:|--:|--:|--:|--:|---|');
    out.push(row(`first sync of ${size}, paired by UID`, first(also)));
    out.push(row(`pass, nothing changed (${onAlso})`, alsoNothing, false, alsoNothing?.floorMs));
    out.push(row(`one change in Kith → on the server, median of ${alsoEdit?.runs.length ?? 0} (${onAlso})`, alsoMedian, true));
    out.push(row(`one change in Kith, full pass (${onAlso})`, alsoKith, true, alsoKith?.floorMs));
    out.push(row(`one change on the server, full pass (${onAlso})`, alsoServer, true, alsoServer?.floorMs));
    out.push('');
    if (alsoMedian) alsoNotes.push(`- Against ${sync.alsoOn.server}, the one PUT of an edited card waited ${ms(alsoMedian.serverMs)} ms on the server (${sync.alsoOn.server} keeps each collection as a git repository and commits every write), against ${ms(alsoMedian.kithMs)} ms of Kith's own.`);
  }
  out.push('Memory of the back end during each first sync (sampled: RSS every 100 ms; own memory, RSS without file-backed pages, every 2 s from /proc/self/smaps_rollup):', '');
  out.push('| first sync | RSS before | RSS peak | own memory before | own memory peak | JS heap peak |', '|---|--:|--:|--:|--:|--:|');
  for (const [name, r] of [['from the server', sync.from], ['to the server', sync.to], ['paired with the same cards', sync.same]] as const) {
    const f = r?.firstSync;
    if (f) out.push(`| ${name} | ${f.memoryBefore?.rssMB ?? '–'} MB | ${f.peak.rssMB} MB | ${f.memoryBefore?.ownMB ?? '–'} MB | ${f.peak.ownMB} MB | ${f.peak.heapMB.toFixed(0)} MB |`);
  }
  out.push('');
  const notes: string[] = [];
  for (const r of [sync.from, sync.to, sync.same, also]) {
    if (!r) continue;
    const setup = [r.settleMs !== undefined ? `the back end's own search-index catch-up after opening the file ${(r.settleMs / 1000).toFixed(0)} s` : '', r.serverWarmUpMs !== undefined ? `${r === also ? sync.alsoOn!.server : sync.server}'s first listing${r === also ? '' : ' (it builds its item cache)'} ${(r.serverWarmUpMs / 1000).toFixed(0)} s` : ''].filter(Boolean);
    notes.push(`- \`${r.mode}\`${r === also ? ` (${sync.alsoOn!.server})` : ''}: load ${r.loadBefore} before, ${r.loadAfter ?? '–'} after${setup.length ? `; not timed, before the first sync: ${setup.join('; ')}` : ''}${r.gaveUpAfterS ? `; gave up after ${r.gaveUpAfterS.toFixed(0)} s` : ''}.`);
  }
  notes.push(
    `- The first sync to the server sends ${n(sync.toCount)} contacts, not all of ${size}: ${sync.server} 3.1's PUT of a new card reads every card it holds (\`has_uid\`) and scans the folder, so filling an empty address book costs the server time quadratic in the cards (see docs/sync.md, Scale).`,
    '- Where a change on the server is involved, the pass waits for the server\'s change list, which radicale builds by walking every card: that floor, not Kith, decides whether the budget holds.',
    ...alsoNotes,
  );
  for (const f of sync.failures) notes.push(`- **Failed:** ${f}`);
  out.push(...notes, '');
  return out;
}

/** where the section under `heading` starts, and the newline before the next "## " (-1: it runs to the end); null when there is none */
function sectionBounds(markdown: string, heading: string): { start: number; end: number } | null {
  const start = markdown.indexOf(`${heading}\n`);
  return start < 0 ? null : { start, end: markdown.indexOf('\n## ', start + 1) };
}

/** the section under `heading` (to the next "## "), heading included; null when there is none */
export function sectionOf(markdown: string, heading: string): string | null {
  const at = sectionBounds(markdown, heading);
  if (!at) return null;
  return at.end < 0 ? markdown.slice(at.start) : markdown.slice(at.start, at.end);
}

/** `markdown` with the section under `heading` (to the next "## ") replaced by `section`; a new one goes before the first of `before` found, else at the end */
export function replaceSection(markdown: string, heading: string, section: string, before: string[]): string {
  const body = section.endsWith('\n') ? section : `${section}\n`;
  const bounds = sectionBounds(markdown, heading);
  if (bounds) return `${markdown.slice(0, bounds.start)}${body}${bounds.end < 0 ? '' : `\n${markdown.slice(bounds.end + 1)}`}`;
  const at = before.map((b) => markdown.indexOf(b)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return at === undefined ? `${markdown.trimEnd()}\n\n${body}` : `${markdown.slice(0, at)}${body}\n${markdown.slice(at)}`;
}
