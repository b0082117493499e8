// The same first slice in the real Electron window, for machines that have the Electron binary.
// Here (ELECTRON_SKIP_BINARY_DOWNLOAD=1) it is reported as skipped, with the reason.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { methodNames } from '../../shared/api/contract';

const require = createRequire(import.meta.url);
const root = join(__dirname, '..', '..');

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function electronNativeBuild(): boolean {
  try {
    const version = (require('electron/package.json') as { version: string }).version;
    return existsSync(join(root, '.native', `electron-${version}`, 'better_sqlite3.node'));
  } catch {
    return false;
  }
}

describe('the Electron app', () => {
  it('opens its window, adds a contact and stores it in the file given by KITH_DB', async (ctx) => {
    const binary = electronBinary();
    if (!binary) return ctx.skip('the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); runs where `npm install` downloaded it');
    if (!electronNativeBuild()) return ctx.skip('better-sqlite3 has no Electron-ABI build yet: run `node build/electron-native.mjs` (npm start does)');
    const { dir, cleanup } = tempDir();
    const dbPath = join(dir, 'kith.sqlite');
    const app = await electron.launch({ executablePath: binary, args: [root], env: { ...process.env, KITH_DB: dbPath } });
    try {
      const page = await app.firstWindow();
      // isolated, sandboxed page: no Node in the page, and the bridge offers exactly the contract
      expect(await page.evaluate(() => [typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { require?: unknown }).require])).toEqual(['undefined', 'undefined']);
      expect(await page.evaluate(() => Object.keys(window.kith ?? {}).sort())).toEqual([...methodNames].sort());
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
      await page.getByRole('button', { name: 'New contact' }).click();
      await page.getByLabel('Name').fill('Electron Person');
      await page.getByRole('button', { name: 'Add contact' }).click();
      await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Electron Person' }).waitFor();
    } finally {
      await app.close();
    }
    const file = new Database(dbPath, { readonly: true });
    expect(file.prepare('SELECT display_name FROM contacts').pluck().all()).toEqual(['Electron Person']);
    file.close();
    cleanup();
  });
});
