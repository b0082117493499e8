// The start-up check must not call a sound file damaged because something else held it for a
// moment: quick_check failing with an error (not a list of problems) is tried again, and only what
// fails every try is reported (electron/transfer/integrity.ts CHECK_TRIES).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { quickCheck } from '../../electron/transfer/integrity';
import { tempDir } from '../helpers/backend';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('kith-check-')));
afterAll(() => cleanup());

/** another process holding the file's exclusive lock for `ms`; resolves once it holds it */
function holdLock(path: string, ms: number): Promise<{ released: Promise<void> }> {
  const code = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.exec('BEGIN EXCLUSIVE'); console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', code, path, String(ms)], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve) => child.stdout.once('data', () => resolve({ released })));
}

function soundFile(name: string): string {
  const path = join(dir, name);
  const db = new Database(path);
  // a rollback journal: a writer's exclusive lock keeps readers out (in WAL it would not)
  db.pragma('journal_mode = DELETE');
  db.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO people (name) VALUES ('Ada'), ('Grace');`);
  db.close();
  return path;
}

it('a file locked for a moment by another process is checked again and found sound', async () => {
  const path = soundFile('brief.sqlite');
  const { released } = await holdLock(path, 200);
  // no busy timeout: the lock is seen at once, as a race is
  const db = new Database(path, { timeout: 0 });
  expect(quickCheck(db)).toBeNull();
  db.close();
  await released;
});

it('a check that fails every try reports what failed', async () => {
  const path = soundFile('held.sqlite');
  const { released } = await holdLock(path, 3000);
  const db = new Database(path, { timeout: 0 });
  const started = performance.now();
  expect(quickCheck(db)).toMatch(/database is locked/);
  // tried more than once before giving up
  expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  db.close();
  await released;
});
