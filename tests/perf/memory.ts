// The back end's memory after opening the file and visiting every page, in a fresh process:
// `memory.ts --file F --out result.json`. The figure is the resident memory that is the process's
// own (heap, SQLite's page caches, V8): RSS minus the file-backed pages, read from
// /proc/self/smaps_rollup. The data file's mmap (mmap_size) and the loaded code are file-backed:
// the OS can drop them at any time, so they are reported beside it, not in it.
// It is read twice: right after the last page (garbage collected), and at rest, MEMORY.restMs later,
// as the app sits between a person's actions. V8 keeps the heap it grew into for the heavy pages
// (~80 MB of committed old space over ~30 MB live on huge) until its memory reducer runs on the
// idle thread a few seconds later and gives it back; the budget is for what the app holds then.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBackend } from '../../electron/kith';
import type { MethodName } from '../../shared/api/contract';
import { MEMORY } from './benchmarks';
import { DEFAULT_NOW } from './generate';
import { settledDashboard } from './harness';

export interface MemoryResult {
  /** at rest: RSS minus file-backed pages: anonymous memory (and shared memory, none here) */
  ownMB: number;
  rssMB: number;
  fileMB: number;
  /** the same, read right after the last page (garbage collected, V8's heap not yet given back) */
  rightAfter?: { ownMB: number; rssMB: number; fileMB: number };
  /** the calls made, and the ones that failed (with why) */
  calls: number;
  failed: string[];
  /** the methods that took the most CPU time in all, with their call count and wall time */
  slowest?: Array<{ method: string; calls: number; cpuMs: number; ms: number }>;
}

/** the process's resident memory split into its own and file-backed pages (Linux); null elsewhere */
export function residentMemory(): { rssMB: number; ownMB: number; fileMB: number } | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps_rollup', 'utf8');
  } catch {
    return null;
  }
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  const rss = kB('Rss');
  const own = kB('Anonymous') + kB('Pss_Shmem');
  return { rssMB: Math.round(rss / 1024), ownMB: Math.round(own / 1024), fileMB: Math.round((rss - own) / 1024) };
}

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, out: { type: 'string' } } });
  const now = new Date(DEFAULT_NOW);
  // as the app starts (the background integrity check included: it runs, then its memory is given back)
  const backend = await startBackend({ databasePath: values.file!, host: 'electron', clock: { now: () => now, timeZone: () => 'Europe/Berlin' }, integrityCheck: 'background' });
  const failed: string[] = [];
  let calls = 0;
  // how long each method took in all (CPU of this process): a page that computes too much shows here
  const spent = new Map<string, { calls: number; cpuMs: number; ms: number }>();
  const call = async (method: MethodName, input: unknown): Promise<any> => {
    calls++;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await backend.dispatch(method, input);
    const c = process.cpuUsage(c0);
    const s = spent.get(method) ?? { calls: 0, cpuMs: 0, ms: 0 };
    spent.set(method, { calls: s.calls + 1, cpuMs: s.cpuMs + (c.user + c.system) / 1000, ms: s.ms + performance.now() - t0 });
    if (!result.ok) failed.push(`${method}: ${result.error.message}`);
    return result.ok ? result.value : null;
  };
  // the pages and what each one asks for (renderer/src/pages)
  await call('app.info', {});
  await call('settings.get', {});
  // as the page does: asked again while its health figures are not today's yet (Dashboard['updating'])
  await settledDashboard(call);
  await call('circles.list', {});
  await call('tags.list', {});
  await call('reminders.summary', {});
  await call('sync.status', {});
  // contacts: scrolled to the end by name, then the other sorts' first pages
  let cursor: unknown = undefined;
  let first: any = null;
  for (let page = 0; page < 2000; page++) {
    const list = await call('contacts.list', { sort: 'name', limit: 100, ...(cursor ? { cursor } : {}) });
    first ??= list;
    if (!list?.nextCursor) break;
    cursor = list.nextCursor;
  }
  for (const sort of ['lastInteraction', 'health', 'nextCheckIn']) await call('contacts.list', { sort, limit: 100 });
  // a few contact pages, with everything the page shows
  for (const item of (first?.items ?? []).slice(0, 20)) {
    const id = item.id as string;
    await call('contacts.get', { id });
    await call('interactions.listForContact', { contactId: id, limit: 30 });
    await call('health.forContact', { contactId: id });
    for (const m of ['relationships.listForContact', 'facts.listForContact', 'topics.listForContact', 'gifts.listForContact', 'loans.listForContact', 'value.listForContact'] as const) await call(m, { contactId: id });
  }
  for (const q of ['a', 'am', 'ame', 'anna', 'mül']) await call('contacts.search', { query: q });
  await call('reminders.list', {});
  await call('health.portfolio', {});
  await call('value.clients', {});
  await call('duplicates.list', { limit: 100 });
  await call('transfer.backupsList', {});
  await backend.integrity;
  // what stays resident once the pages are shown, not the garbage of producing them
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const rightAfter = residentMemory();
  await new Promise((resolve) => setTimeout(resolve, MEMORY.restMs));
  gc();
  const memory = residentMemory();
  await backend.close();
  if (!memory || !rightAfter) throw new Error('no /proc/self/smaps_rollup on this system');
  const slowest = [...spent].sort((a, b) => b[1].cpuMs - a[1].cpuMs).slice(0, 5);
  const result: MemoryResult = { ...memory, rightAfter, calls, failed, slowest: slowest.map(([method, s]) => ({ method, ...s })) };
  console.log(`  back end after every page, at rest ${MEMORY.restMs / 1000} s later: ${memory.ownMB} MB of its own (RSS ${memory.rssMB} MB, of which ${memory.fileMB} MB file-backed); right after the last page ${rightAfter.ownMB} MB (RSS ${rightAfter.rssMB} MB); ${calls} calls${failed.length ? `, ${failed.length} failed: ${failed.join('; ')}` : ''}`);
  console.log(`  the most time: ${slowest.map(([m, s]) => `${m} ${Math.round(s.cpuMs)} ms CPU over ${s.calls} call${s.calls === 1 ? '' : 's'}`).join('; ')}`);
  if (values.out) writeFileSync(values.out, JSON.stringify(result));
}

// run as a script (bench.ts); imported, it only lends residentMemory (sync-scale.ts)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
