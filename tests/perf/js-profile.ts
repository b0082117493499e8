// Where the page's JavaScript spends its time while scrolling (CDP sampling profiler): self time
// per function, for the contacts list or the Reminders page, stepped as the browser bench steps.
// `npx tsx tests/perf/js-profile.ts --file COPY.sqlite [--page contacts|reminders] [--steps 60]`
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';
import { isIdle, profileTree, sumSamples, type Profile, type ProfileNode } from './cpu-window';
import { DEFAULT_NOW } from './generate';

async function main() {
  const { values } = parseArgs({ options: { file: { type: 'string' }, steps: { type: 'string', default: '60' }, page: { type: 'string', default: 'contacts' }, top: { type: 'string', default: '30' } } });
  const reminders = values.page === 'reminders';
  const now = new Date(DEFAULT_NOW);
  const backend = await startBackend({ databasePath: values.file!, host: 'web', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
  const host = await startWebHost({ dispatch: backend.dispatch, staticDir: RENDERER_DIR, events: backend.events });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.goto(`${host.url}${reminders ? '#/reminders' : '#/contacts'}`);
    await page.locator(reminders ? '.reminder-row' : '.contact-row:not(.placeholder)').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const scroller = reminders ? page.locator('.reminders-page') : page.getByRole('list', { name: 'Contacts' });
    await scroller.evaluate(async (el, [steps, reminders]) => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      for (let i = 0; i < steps; i++) {
        const step = reminders ? el.clientHeight : Math.max(el.clientHeight, el.scrollHeight / 400);
        el.scrollTop = Math.min(el.scrollHeight, el.scrollTop + step);
        if (!reminders) el.dispatchEvent(new Event('scroll'));
        await frame();
        if (reminders) await new Promise((r) => setTimeout(r, 100));
      }
    }, [Number(values.steps), reminders] as const);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const byFn = sumSamples(profile, (leaf) => (isIdle(leaf) ? null : `${leaf.callFrame.functionName || '(anonymous)'} ${leaf.callFrame.url.split('/').pop()}:${leaf.callFrame.lineNumber}`));
    const steps = Number(values.steps);
    const total = [...byFn.values()].reduce((s, ms) => s + ms, 0);
    console.log(`JS self time per step (sampled, excluding idle/program): ${(total / steps).toFixed(2)} ms`);
    // each function's callers, for the top ones: a native call (fetch, removeChild) says little alone
    const { byId, parent } = profileTree(profile);
    const name = (n: ProfileNode | undefined) => (n ? `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}` : '(root)');
    const byCaller = sumSamples(profile, (leaf) => (isIdle(leaf) ? null : `${name(leaf)}\u0000${name(byId.get(parent.get(leaf.id)!))}`));
    for (const [k, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
      const callers = [...byCaller].filter(([key]) => key.startsWith(`${k}\u0000`)).sort((a, b) => b[1] - a[1]).slice(0, 2);
      console.log(`  ${(ms / steps).toFixed(3).padStart(8)} ms  ${k}   ← ${callers.map(([key, c]) => `${key.split('\u0000')[1]} ${(c / steps).toFixed(2)}`).join(', ')}`);
    }
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
