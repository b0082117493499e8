// Ctrl+K on a big file (npx tsx tests/perf/palette-latency.ts FILE.sqlite [runs]): through the web
// host in Chromium, from the key to the palette on screen (the next frame after it is in the DOM),
// and from the first typed letter to the first person listed. FILE is opened as is (use a copy).
import { chromium } from 'playwright-core';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 7);
if (!file) throw new Error('usage: tsx tests/perf/palette-latency.ts FILE.sqlite [runs]');
const kith = await startBackend({ databasePath: file, host: 'web' });
const host = await startWebHost({ dispatch: kith.dispatch, staticDir: RENDERER_DIR, events: kith.events });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(host.url);
await page.locator('main h1').first().waitFor({ timeout: 60_000 });
for (const [name, hash] of [['dashboard', '#/'], ['contacts', '#/contacts']] as const) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  const shown: number[] = [];
  const results: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => {
      const t: Record<string, number> = {};
      (window as unknown as { __t: typeof t }).__t = t;
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'k' && (e.ctrlKey || e.metaKey)) t.key = e.timeStamp;
        else if (t.shown && !t.typed && e.key.length === 1) t.typed = e.timeStamp;
      };
      window.addEventListener('keydown', onKey, { capture: true });
      const painted = (k: string) => requestAnimationFrame(() => setTimeout(() => (t[k] = performance.now())));
      new MutationObserver((_, obs) => {
        if (!t.shownDom && document.querySelector('[aria-label="Command palette"]')) {
          t.shownDom = performance.now();
          painted('shown');
        }
        if (t.typed && !t.resultDom && document.querySelector('.palette [cmdk-item][data-value^="contact-"]')) {
          t.resultDom = performance.now();
          painted('result');
          obs.disconnect();
          window.removeEventListener('keydown', onKey, { capture: true });
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.keyboard.press('Control+k');
    await page.waitForFunction(() => (window as unknown as { __t: Record<string, number> }).__t.shown);
    await page.keyboard.type(['an', 'ma', 'jo', 'li', 'sa', 'el', 'ro'][i % 7]!);
    await page.waitForFunction(() => (window as unknown as { __t: Record<string, number> }).__t.result, null, { timeout: 10_000 });
    const t = await page.evaluate(() => (window as unknown as { __t: Record<string, number> }).__t);
    shown.push(t.shown! - t.key!);
    results.push(t.result! - t.typed!);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  console.log(JSON.stringify({ page: name, runs, keyToPaletteMs: { median: Math.round(median(shown)), max: Math.round(Math.max(...shown)), all: shown.map(Math.round) }, firstLetterToFirstPersonMs: { median: Math.round(median(results)), max: Math.round(Math.max(...results)), all: results.map(Math.round) } }));
}
await browser.close();
await host.close();
await kith.close();
