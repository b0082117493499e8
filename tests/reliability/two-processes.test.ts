// Two processes on one file (a second window, the web host beside the app). Writes begin with
// BEGIN IMMEDIATE, so a writer waits for the other (busy_timeout) instead of failing at once with
// "database is locked"; and the hosts hold a lock on the data file, so a second Kith is told the
// file is open elsewhere, and a lock left by a killed process never keeps the user out.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { FileInUseError } from '../../electron/file-lock';
import { tempDir } from '../helpers/backend';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('kith-two-')));
afterAll(() => cleanup());

function child(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'helpers', 'hammer-child.ts'), ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
}

function hammer(path: string, rounds: number): Promise<{ ok: number; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const c = child([path, String(rounds)]);
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`child failed (${code}): ${err}`))));
  });
}

it('two processes hammering one file: no "database is locked", every write lands', async () => {
  const path = join(dir, 'shared.sqlite');
  (await startBackend({ databasePath: path, host: 'web' })).close();
  const rounds = 120;
  const results = await Promise.all([hammer(path, rounds), hammer(path, rounds), hammer(path, rounds)]);
  for (const r of results) {
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(rounds);
  }
  const check = new Database(path, { readonly: true });
  // each child: its own contact, plus one per fourth round
  expect(check.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(3 * (1 + rounds / 4));
  expect(check.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe((3 * rounds) / 4);
  check.close();
}, 120_000);

it('a second Kith on a file another one holds is told the file is open elsewhere, and changes nothing', async () => {
  const path = join(dir, 'locked.sqlite');
  (await startBackend({ databasePath: path, host: 'web' })).close();
  const holder = child([path, '0', 'lock']);
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', (d) => String(d).includes('locked') && resolve());
    holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  const before = createHash('sha256').update(readFileSync(path)).digest('hex');
  const second = startBackend({ databasePath: path, host: 'web', lock: true });
  await expect(second).rejects.toBeInstanceOf(FileInUseError);
  await expect(second).rejects.toThrow(/open in another Kith/);
  expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  // the holder dies without cleaning up: its lock goes with it
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.on('exit', resolve));
  const third = await startBackend({ databasePath: path, host: 'web', lock: true });
  expect((await third.dispatch('contacts.list', {})).ok).toBe(true);
  await third.close();
}, 60_000);
