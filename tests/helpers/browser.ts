// Debian's Chromium driven by playwright-core, against the web host on a temp database.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { startTestBackend, type TestBackend } from './backend';
import type { Clock } from '../../electron/services/context';
import type { StartOptions } from '../../electron/kith';

export const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
// import.meta.url, not __dirname: the bench imports this under plain Node (tsx, ES modules) too
const HERE = dirname(fileURLToPath(import.meta.url));
export const RENDERER_DIR = join(HERE, '..', '..', 'out', 'renderer');
export const SCREENSHOT_DIR = join(HERE, '..', '..', 'test-results');

export interface WebSession {
  kith: TestBackend;
  host: WebHost;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWebSession(
  options: { clock?: Clock; colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; seed?: (kith: TestBackend) => Promise<void>; dashboardWait?: StartOptions['dashboardWait'] } = {},
): Promise<WebSession> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (see .ci/run)`);
  const kith = await startTestBackend({ clock: options.clock, host: 'web', dashboardWait: options.dashboardWait });
  await options.seed?.(kith);
  const host = await startWebHost({ dispatch: kith.dispatch, staticDir: RENDERER_DIR, events: kith.events });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(host.url);
  return {
    kith,
    host,
    browser,
    page,
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await host.close();
      await kith.dispose();
      if (errors.length) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
  };
}

/** whether the open menu is what the pointer would hit at its last item's middle (not a row or section drawn over it) */
export const menuOnTop = (page: Page) =>
  page.evaluate(() => {
    const items = document.querySelectorAll('.menu [role="menuitem"]');
    const r = items[items.length - 1]!.getBoundingClientRect();
    return !!document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.menu');
  });
