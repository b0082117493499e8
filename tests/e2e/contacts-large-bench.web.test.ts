// The bench's own code paths on a small generated file, so they cannot rot: both cold-start
// scenarios (each run on a fresh copy, the generated file left as it was), every warm benchmark
// but the 10,000-vCard import, the renderer-at-scale script (first rows, scrolling, typing in the
// sidebar's search) and the report. Nothing here is timed: a slow machine must not fail it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { benchmarks } from '../perf/benchmarks';
import { measureColdStarts, type ColdStarts } from '../perf/cold';
import { runScript } from '../perf/datafiles';
import { DEFAULT_NOW, SIZES, generateDatabase } from '../perf/generate';
import { makeCall, runBenchmark, type BenchEnv, type BenchResult } from '../perf/harness';
import { describeMachine, renderMarkdown } from '../perf/report';
import type { BrowserResult } from '../perf/browser-at-scale';
import { RENDERER_DIR, SCREENSHOT_DIR } from '../helpers/browser';
import { fixedClock, tempDir } from '../helpers/backend';

const tmp = tempDir('kith-bench-smoke-');
let source = '';
let sourceHash = '';
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  const report = await generateDatabase({ out: join(tmp.dir, 'small.sqlite'), size: SIZES.small, seed: 42, now: new Date(DEFAULT_NOW) });
  source = report.path;
  sourceHash = sha256(source);
}, 120_000);
afterAll(() => tmp.cleanup());

let cold: ColdStarts;
let results: BenchResult[] = [];
let browser: BrowserResult;

describe('the bench on a small file', () => {
  it('runs both cold starts (opened the next day, first open) on fresh copies, API and raw SQL, leaving the generated file as it was', async () => {
    cold = await measureColdStarts({ source, name: 'smoke', dir: tmp.dir, runs: 1 });
    for (const scenario of [cold.nextDay, cold.firstOpen]) {
      expect(scenario.runs).toBe(1);
      for (const stats of [scenario.api, scenario.sql]) {
        expect(stats.runs).toBe(1);
        expect(Number.isFinite(stats.p50)).toBe(true);
      }
    }
    expect(sha256(source)).toBe(sourceHash);
    expect(existsSync(join(tmp.dir, 'cold-smoke-prepared.sqlite'))).toBe(false);
  }, 240_000);

  it('runs every warm benchmark but the vCard import through the API and as raw SQL', async () => {
    const file = join(tmp.dir, 'work.sqlite');
    copyFileSync(source, file);
    const backend = await startBackend({ databasePath: file, host: 'electron', clock: fixedClock(DEFAULT_NOW) });
    try {
      const sqlite = backend.handle.sqlite;
      const env: BenchEnv = {
        size: 'small',
        backend,
        sqlite,
        call: makeCall(backend),
        samples: {
          busiest: sqlite.prepare(`SELECT contact_id FROM interaction_participants GROUP BY contact_id ORDER BY count(*) DESC, contact_id LIMIT 5`).pluck().all() as string[],
          spread: sqlite.prepare(`SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY rowid LIMIT 10`).pluck().all() as string[],
        },
        now: new Date(DEFAULT_NOW).getTime(),
      };
      for (const b of benchmarks.filter((b) => !b.name.startsWith('import'))) results.push(await runBenchmark(b, env, { runs: 2, warmup: 1 }));
    } finally {
      await backend.close();
    }
    for (const r of results) {
      expect(r.error, r.name).toBeUndefined();
      expect(r.skipped, r.name).toBeUndefined();
      expect(r.api?.runs, r.name).toBe(2);
    }
    const contactPage = results.find((r) => r.name.startsWith('contact page'));
    expect(contactPage?.name).toContain('health.forContact');
    expect(contactPage?.sql?.runs).toBe(2);
  }, 120_000);

  it('checks the renderer: first rows, every person reachable by scrolling, typing in the sidebar’s search', async () => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build');
    const file = join(tmp.dir, 'browser.sqlite');
    copyFileSync(source, file);
    const out = join(tmp.dir, 'browser.json');
    expect(await runScript('browser-at-scale.ts', ['--file', file, '--out', out, '--screenshot', 'bench-smoke'], { quiet: true })).toBe(0);
    browser = JSON.parse(readFileSync(out, 'utf8')) as BrowserResult;
    expect(browser.failures).toEqual([]);
    expect(browser.listedTotal).toBe(browser.contactsInFile - browser.archivedInFile);
    expect(browser.rowsScrollable).toBe(browser.listedTotal);
    expect(browser.lastRowName).toBe(browser.expectedLastRowName);
    expect(browser.firstLoadCalls.map((c) => c.method)).toContain('contacts.list');
    if ('skipped' in browser.search) throw new Error(`search not measured: ${browser.search.skipped}`);
    expect(browser.search.perKeystroke).toHaveLength(5);
    for (const k of browser.search.perKeystroke) {
      expect(k.echoMs, k.typed).not.toBeNull();
      expect(k.resultsMs, k.typed).not.toBeNull();
      expect(k.apiMs.length, k.typed).toBeGreaterThan(0);
    }
  }, 240_000);

  it('writes the report with both cold starts and the typing figures', () => {
    const md = renderMarkdown({
      date: new Date(DEFAULT_NOW),
      machine: describeMachine(),
      options: '--smoke',
      seed: 42,
      sizes: [
        { size: 'small', spec: SIZES.small, file: source, bytes: 1, generatedSeconds: null, rows: { contacts: SIZES.small.contacts }, results, cold: cold.nextDay, coldFirstOpen: cold.firstOpen, maxRssMB: 1 },
      ],
      coldBudget: { stat: 'p50', ms: 300 },
      coldLabel: 'health.dashboard',
      browser: { size: 'small', result: browser },
    });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'bench-smoke.md'), md); // to look at
    expect(md).toContain('cold start, opened the next day');
    expect(md).toContain('cold start, first open, nothing cached');
    expect(md).toContain('health.forContact');
    expect(md).toContain('Typing in search (the sidebar');
    expect(md).not.toContain('Typing in search: not measured');
    expect(md).not.toMatch(/\| not measured: /);
  });
});
