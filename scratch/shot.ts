import { chromium } from 'playwright-core';
import { startBackend } from '../electron/kith';
import { startWebHost } from '../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../tests/helpers/browser';
async function main() {
  const now = new Date('2026-11-01T12:00:00Z');
  for (const scheme of ['light', 'dark'] as const) {
    const { copyFileSync } = await import('node:fs');
    const { rmSync } = await import('node:fs'); for (const x of ['', '-wal', '-shm']) rmSync('/tmp/shot.sqlite' + x, { force: true });
    copyFileSync(process.argv[2]!, '/tmp/shot.sqlite');
    const backend = await startBackend({ databasePath: '/tmp/shot.sqlite', host: 'web', clock: { now: () => now, timeZone: () => 'Europe/Berlin' } });
    const host = await startWebHost({ dispatch: backend.dispatch, staticDir: RENDERER_DIR, events: backend.events });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    await page.goto(`${host.url}#/contacts`);
    await page.locator('.contact-row:not(.placeholder)').first().waitFor({ timeout: 60_000 });
    const box = page.getByRole('combobox', { name: /Search contacts/i }).or(page.getByPlaceholder(/Search/i)).first();
    const t = performance.now();
    await box.click();
    await box.pressSequentially('Amé', { delay: 60 });
    for (let i = 0; i < 5; i++) { console.log(backend.status.searchIndexing, backend.handle.sqlite.prepare('select count(*) from search_dirty').pluck().get(), await page.locator('.status-banners').count()); await page.waitForTimeout(500); }
    await page.getByRole('status', { name: 'Search is catching up' }).waitFor({ timeout: 10_000 });
    console.log(scheme, 'banner after', (performance.now() - t).toFixed(0), 'ms');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `/work/main/scratch/indexing-${scheme}.png` });
    const t2 = performance.now();
    await page.getByRole('status', { name: 'Search is catching up' }).waitFor({ state: 'detached', timeout: 120_000 });
    console.log(scheme, 'banner gone after', (performance.now() - t2).toFixed(0), 'ms');
    await browser.close(); await host.close(); await backend.close();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
