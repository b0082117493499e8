// scratch: screenshots of a page over a data file (not committed)
import { chromium } from 'playwright-core';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';
import { DEFAULT_NOW } from './generate';
const [file, hash, name, wait] = process.argv.slice(2);
const now = new Date(DEFAULT_NOW);
const backend = await startBackend({ databasePath: file!, host: 'web', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
const host = await startWebHost({ dispatch: backend.dispatch, staticDir: RENDERER_DIR, events: backend.events });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
for (const scheme of ['light', 'dark'] as const) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  await page.goto(`${host.url}${hash}`);
  await page.locator(wait ?? 'h1').first().waitFor({ timeout: 120000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/daily-shots/${name}-${scheme}.png`, fullPage: false });
}
await browser.close(); await host.close(); await backend.close(); process.exit(0);
