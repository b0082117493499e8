// What one frame of scrolling the contacts list costs, from a Chromium performance trace (CDP):
// the main thread's time per kind of work (script, style, layout, paint…), as wall time and as
// thread CPU time (steadier on a loaded machine), per scroll step as the browser bench takes them.
// `--page reminders`: the Reminders page, scrolled a screen a step as the browser bench does.
// `npx tsx tests/perf/scroll-profile.ts --file COPY.sqlite [--steps 100] [--photos 3] [--page contacts|reminders]`
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';
import { DEFAULT_NOW } from './generate';
import { addBenchPhotos } from './photos';

type TraceEvent = { name: string; ph: string; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } };

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, steps: { type: 'string', default: '100' }, photos: { type: 'string' }, page: { type: 'string', default: 'contacts' } } });
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
    const frames = await scroller.evaluate(async (el, [steps, reminders]) => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const out: { frame: number; sync: number }[] = [];
      for (let i = 0; i < steps; i++) {
        // as the browser bench steps: the contacts list by a screen or 1/400 of it, the Reminders page by a screen with a pause for its pages
        const step = reminders ? el.clientHeight : Math.max(el.clientHeight, el.scrollHeight / 400);
        const t = performance.now();
        el.scrollTop = Math.min(el.scrollHeight, el.scrollTop + step);
        if (!reminders) el.dispatchEvent(new Event('scroll'));
        const sync = performance.now() - t;
        await frame();
        out.push({ frame: performance.now() - t, sync });
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
  } finally {
    await browser.close();
    await host.close();
    await backend.close();
  }
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
