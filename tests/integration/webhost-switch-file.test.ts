// `npm run web` switching its data file at run time (issue 15, point 12): "restore into a new data
// file" writes the export beside the current file, and the same running host then serves the new
// file (app.info names it, the restored people are there); the old file keeps its own data.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { tempDir } from '../helpers/backend';

const root = join(__dirname, '..', '..');
let dir: string;
let cleanup: () => void;
let host: ChildProcess | null = null;
beforeAll(() => ({ dir, cleanup } = tempDir('kith-switch-')));
afterAll(() => {
  host?.kill('SIGKILL');
  cleanup();
});

it('restores into a new data file and serves it from the same running host', async () => {
  const other = await startBackend({ databasePath: join(dir, 'other.sqlite'), host: 'web' });
  await other.dispatch('contacts.create', { displayName: 'From the export' });
  const exported = await other.dispatch('transfer.export', { format: 'json' });
  await other.close();
  if (!exported.ok) throw new Error('export failed');
  const path = join(dir, 'kith.sqlite');
  const mine = await startBackend({ databasePath: path, host: 'web' });
  await mine.dispatch('contacts.create', { displayName: 'Mine' });
  await mine.close();

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
  const { origin, searchParams } = new URL(url);
  const call = async (method: string, input: unknown) => {
    const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kith-Token': searchParams.get('token')! }, body: JSON.stringify(input) });
    return (await res.json()) as { ok: boolean; value: any; error?: unknown };
  };
  const content = (exported.value as { content: string }).content;
  const preview = await call('transfer.importPreview', { source: { kind: 'upload', fileName: 'export.json', base64: Buffer.from(content).toString('base64') } });
  expect(preview.value.json).toMatchObject({ hasData: true, merge: { contacts: { total: 1, added: 1, present: 0 } } });
  const done = await call('transfer.importCommit', { sessionId: preview.value.sessionId, restoreAs: 'newFile' });
  expect(done).toMatchObject({ ok: true, value: { restoredInto: { mode: 'newFile' } } });
  const newFile = done.value.restoredInto.file as string;
  expect(newFile.startsWith(join(dir, 'kith-restored-'))).toBe(true);
  // the host opens the new file once the call has answered
  await expect.poll(async () => (await call('app.info', {})).value?.databasePath, { timeout: 20_000, interval: 200 }).toBe(newFile);
  expect((await call('contacts.list', {})).value.items.map((c: { displayName: string }) => c.displayName)).toEqual(['From the export']);
  host.kill('SIGTERM');
  await new Promise((r) => host!.once('exit', r));
  host = null;
  // the old file has its own data still
  const back = await startBackend({ databasePath: path, host: 'web' });
  const list = await back.dispatch('contacts.list', {});
  await back.close();
  expect(list.ok && (list.value as { items: { displayName: string }[] }).items.map((c) => c.displayName)).toEqual(['Mine']);
}, 120_000);
