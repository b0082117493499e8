// A new user's first session on a big file, screen by screen (npx tsx tests/perf/walkthrough.ts FILE.sqlite OUTDIR):
// add a person, log a coffee, set a reminder, search, import a small vCard with a photo, change the
// theme; a screenshot of each step in light and dark. FILE is opened as is (use a copy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { startBackend } from '../../electron/kith';
import { startWebHost } from '../../electron/webhost/server';
import { CHROMIUM, CHROMIUM_FLAGS, RENDERER_DIR } from '../helpers/browser';

const file = process.argv[2];
const out = process.argv[3] ?? '';
if (!file || !out) throw new Error('usage: tsx tests/perf/walkthrough.ts FILE.sqlite OUTDIR');
mkdirSync(out, { recursive: true });
const kith = await startBackend({ databasePath: file, host: 'web' });
const host = await startWebHost({ dispatch: kith.dispatch, staticDir: RENDERER_DIR, events: kith.events });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const photo = (await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 220, g: 120, b: 40 } } }).jpeg().toBuffer()).toString('base64');
const vcf = join(out, 'two-people.vcf');
writeFileSync(vcf, ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Zelda Photoimport', 'N:Photoimport;Zelda;;;', 'EMAIL:zelda@example.org', `PHOTO;ENCODING=b;TYPE=JPEG:${photo}`, 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Yusuf Nophoto', 'TEL:+44 20 7946 0999', 'END:VCARD', ''].join('\r\n'));

const log: string[] = [];
async function step(page: Page, theme: string, name: string, fn: () => Promise<void>) {
  const t = performance.now();
  try {
    await fn();
    log.push(`${theme} ${name}: ok ${Math.round(performance.now() - t)} ms`);
  } catch (err) {
    log.push(`${theme} ${name}: FAILED ${(err as Error).message.split('\n')[0]}`);
  }
  await page.screenshot({ path: join(out, `${theme}-${name}.png`) });
}

for (const theme of ['light', 'dark'] as const) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme })).newPage();
  await page.goto(host.url);
  await page.locator('main h1').first().waitFor({ timeout: 60_000 });
  const who = theme === 'light' ? 'Wanda Walkthrough' : 'Dario Darkmode';
  await step(page, theme, '1-dashboard', async () => void (await page.waitForTimeout(1500)));
  await step(page, theme, '2-new-contact', async () => {
    await page.evaluate(() => (window.location.hash = '#/contacts'));
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill(who);
    await page.getByLabel('Nickname').fill('Walky');
    await page.getByLabel('Email').fill(`${theme}@walk.example`);
  });
  await step(page, theme, '3-contact-saved', async () => {
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: who }).waitFor();
  });
  await step(page, theme, '4-log-coffee', async () => {
    await page.keyboard.press('Control+l');
    await page.getByRole('dialog').waitFor();
    await page.getByRole('radio', { name: 'Coffee' }).check();
    await page.getByLabel('Summary').fill('Flat white by the station');
  });
  await step(page, theme, '5-coffee-logged', async () => {
    await page.getByLabel('Summary').press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.waitForTimeout(800);
  });
  await step(page, theme, '6-reminder', async () => {
    await page.getByRole('button', { name: 'Add reminder' }).first().click();
    await page.getByRole('dialog').waitFor();
    await page.getByLabel('Title').fill('Send the book we talked about');
  });
  await step(page, theme, '7-reminder-saved', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Add reminder' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.waitForTimeout(800);
  });
  await step(page, theme, '8-search', async () => {
    await page.evaluate(() => (window.location.hash = '#/search/flat white'));
    await page.locator('.search-hit').first().waitFor({ timeout: 10_000 });
  });
  await step(page, theme, '9-import-preview', async () => {
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await page.getByRole('button', { name: 'Import contacts…' }).click();
    await page.getByRole('dialog').waitFor();
    await page.locator('input[type=file]').setInputFiles(vcf);
    await page.waitForTimeout(2000);
  });
  await step(page, theme, '10-import-done', async () => {
    await page.getByRole('dialog').getByRole('button', { name: /^Import/ }).last().click();
    await page.getByText('Import finished').waitFor({ timeout: 30_000 });
  });
  await step(page, theme, '11-list-after-import', async () => {
    await page.keyboard.press('Escape');
    await page.evaluate(() => (window.location.hash = '#/search/Zelda'));
    await page.locator('.search-hit img.avatar').first().waitFor({ timeout: 10_000 });
  });
  await step(page, theme, '12-theme', async () => {
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await page.getByRole('radio', { name: theme === 'light' ? 'Dark' : 'Light' }).check();
    await page.waitForTimeout(500);
  });
  await step(page, theme, '13-theme-back', async () => {
    await page.getByRole('radio', { name: 'System' }).check();
    await page.waitForTimeout(300);
  });
  await page.context().close();
}
console.log(log.join('\n'));
await browser.close();
await host.close();
await kith.close();
