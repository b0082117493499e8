// `npm run web` on a file it cannot open (here: emptied to 0 bytes, backups beside it) does not
// exit with a message only the terminal sees, nor start a new empty Kith: it serves the page,
// app.status reports the damage with the newest backup, every other call is refused as `damaged`,
// and "Restore this backup" brings the backup's data back on the same running host.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { tempDir } from '../helpers/backend';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
let host: ChildProcess | null = null;
beforeAll(() => ({ dir, cleanup } = tempDir('kith-recover-')));
afterAll(() => {
  host?.kill('SIGKILL');
  cleanup();
});

it('serves a 0-byte file beside backups in recovery mode and restores the newest backup from the page', async () => {
  const path = join(dir, 'kith.sqlite');
  const kith = await startBackend({ databasePath: path, host: 'web' });
  await kith.dispatch('contacts.create', { displayName: 'Saved by the backup' });
  await kith.dispatch('transfer.backupNow', {});
  await kith.close();
  writeFileSync(path, '');

  host = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'webhost', 'cli.ts'), '--db', path, '--port=0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d;
      const m = /Open: (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    host!.stdout!.on('data', seen);
    host!.stderr!.on('data', seen);
    host!.on('exit', (code) => reject(new Error(`the web host exited (${code}): ${output}`)));
  });
  expect(output).toMatch(/damaged \(the file is empty \(0 bytes\)\)/);
  const { origin, searchParams } = new URL(url);
  const call = async (method: string, input: unknown) => {
    const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kith-Token': searchParams.get('token')! }, body: JSON.stringify(input) });
    return res.json();
  };
  expect(await call('app.status', {})).toMatchObject({ ok: true, value: { damage: { problem: 'the file is empty (0 bytes)', writesStopped: true, newestGoodBackup: { contacts: 1 } } } });
  expect(await call('contacts.list', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
  expect(await call('contacts.create', { displayName: 'x' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
  expect(await call('app.resolveDamage', { choice: 'restore' })).toMatchObject({ ok: true, value: { damage: null } });
  expect(await call('contacts.list', {})).toMatchObject({ ok: true, value: { total: 1, items: [{ displayName: 'Saved by the backup' }] } });
  expect(readdirSync(dir).some((f) => f.startsWith('kith.sqlite.damaged-'))).toBe(true);
}, 60_000);
