// What one frame of scrolling the contacts list costs, from a Chromium performance trace (CDP):
// the main thread's time per kind of work (script, style, layout, paint…), as wall time and as
// thread CPU time (steadier on a loaded machine), per scroll step as the browser bench takes them.
// `--page reminders`: the Reminders page, scrolled a screen a step as the browser bench does.
// `--worst N`: the N steps whose frame work (as the bench measures it) was longest, each with the
// main thread's tasks from its scroll to the end of its frame, to say what a slow frame held.
// `npx tsx tests/perf/scroll-profile.ts --file COPY.sqlite [--steps 100] [--photos 3] [--page contacts|reminders] [--worst 8]`
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';
import { DEFAULT_NOW } from './generate';
import { addBenchPhotos } from './photos';
import { definePageScrollStep, type PageScrollStep } from './frame-step';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string; data?: { functionName?: string; type?: string; url?: string } } };

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, steps: { type: 'string', default: '100' }, photos: { type: 'string' }, page: { type: 'string', default: 'contacts' }, worst: { type: 'string', default: '0' } } });
  const reminders = values.page === 'reminders';
  const now = new Date(DEFAULT_NOW);
  const backend = await startBackend({ databasePath: values.file!, host: 'web', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
  if (values.photos) await addBenchPhotos(backend.handle.sqlite, Number(values.photos));
  const host = await startWebHost({ dispatch: backend.dispatch, staticDir: RENDERER_DIR, events: backend.events });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.goto(`${host.url}${reminders ? '#/reminders' : '#/contacts'}`);
    await page.locator(reminders ? '.reminder-row' : '.contact-row:not(.placeholder)').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (e) => void events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
    const scroller = reminders ? page.locator('.reminders-page') : page.getByRole('list', { name: 'Contacts' });
    await definePageScrollStep(page);
    const frames = await scroller.evaluate(async (el, [steps, reminders]) => {
      const scrollStep = (globalThis as unknown as { __kithScrollStep: PageScrollStep }).__kithScrollStep;
      const out: { frame: number; sync: number; work: number }[] = [];
      for (let i = 0; i < steps; i++) {
        // as the browser bench steps: the contacts list by a screen or 1/400 of it, the Reminders page by a screen with a pause for its pages
        const step = reminders ? el.clientHeight : Math.max(el.clientHeight, el.scrollHeight / 400);
        performance.mark(`step-${i}`);
        // the bench's frame work (frame-step.ts)
        const measured = await scrollStep(() => {
          el.scrollTop = Math.min(el.scrollHeight, el.scrollTop + step);
          if (!reminders) el.dispatchEvent(new Event('scroll'));
        });
        out.push({ frame: measured.frame, sync: measured.handled, work: measured.work });
        performance.mark(`step-${i}-end`);
        if (reminders) await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    }, [Number(values.steps), reminders] as const);
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const byName = new Map<string, { wall: number; cpu: number; n: number }>();
    for (const e of events) {
      if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
      const s = byName.get(e.name) ?? { wall: 0, cpu: 0, n: 0 };
      s.wall += e.dur / 1000;
      s.cpu += (e.tdur ?? 0) / 1000;
      s.n++;
      byName.set(e.name, s);
    }
    const steps = frames.length;
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    console.log(`frame p50 ${pct(frames.map((f) => f.frame), 0.5).toFixed(1)} ms, p95 ${pct(frames.map((f) => f.frame), 0.95).toFixed(1)} ms; scroll handler (sync render) p50 ${pct(frames.map((f) => f.sync), 0.5).toFixed(1)} ms over ${steps} steps`);
    console.log('per step, main thread (top-level and nested events overlap):');
    for (const [name, s] of [...byName].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 18)) console.log(`  ${name.padEnd(28)} wall ${(s.wall / steps).toFixed(2).padStart(7)} ms  cpu ${(s.cpu / steps).toFixed(2).padStart(7)} ms  (${s.n})`);
    console.log(`frame work (the bench's measure) p50 ${pct(frames.map((f) => f.work), 0.5).toFixed(1)} ms, p95 ${pct(frames.map((f) => f.work), 0.95).toFixed(1)} ms`);
    if (main && Number(values.worst) > 0) printWorstSteps(events, main, frames, Number(values.worst));
  } finally {
    await browser.close();
    await host.close();
    await backend.close();
  }
}

/** the slowest steps by frame work: each top-level task on the main thread between the step's marks, with what ran inside it */
function printWorstSteps(events: TraceEvent[], main: TraceEvent, frames: { work: number }[], n: number) {
  const mark = new Map(events.filter((e) => e.name.startsWith('step-')).map((e) => [e.name, e.ts]));
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts);
  const worst = frames.map((f, i) => ({ i, work: f.work })).sort((a, b) => b.work - a.work).slice(0, n);
  for (const { i, work } of worst) {
    const from = mark.get(`step-${i}`);
    const to = mark.get(`step-${i}-end`);
    if (from === undefined || to === undefined) continue;
    console.log(`step ${i}: frame work ${work.toFixed(1)} ms; main-thread tasks in its ${((to - from) / 1000).toFixed(1)} ms:`);
    for (const task of onMain.filter((e) => e.name === 'RunTask' && e.ts + e.dur! >= from && e.ts <= to && e.dur! > 500)) {
      const inside = new Map<string, number>();
      for (const e of onMain) {
        if (e.ts < task.ts || e.ts > task.ts + task.dur! || e === task || e.name === 'RunTask') continue;
        const label = e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName || '?'}` : e.name === 'EventDispatch' ? `EventDispatch ${e.args?.data?.type ?? ''}` : e.name;
        inside.set(label, (inside.get(label) ?? 0) + e.dur! / 1000);
      }
      const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      console.log(`  +${((task.ts - from) / 1000).toFixed(1).padStart(5)} ms  ${(task.dur! / 1000).toFixed(1).padStart(5)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(1)})  ${top}`);
    }
  }
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
