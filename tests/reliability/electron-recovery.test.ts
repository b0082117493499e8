// Electron on a data file it cannot open (here: emptied to 0 bytes, a backup beside it), wired as in
// electron-main.test.ts (the built main process under the recording stand-in for `electron`, the
// back end really running in its child): no native dialog and no exit, but the window, whose page
// gets the same recovery answers as the web host's (electron/api/recovery-dispatch.ts) — the damage
// with the newest backup, every other call refused as `damaged`, the file untouched — and the
// restore from the page brings the backup's data back in the same running app.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/errors';
import { startBackend } from '../../electron/kith';
import { tempDir } from '../helpers/backend';
import { called, until, recorder, type FakeWindow } from '../helpers/electron-stand-in';

vi.mock('electron', async () => (await import('../helpers/electron-stand-in')).electronStandIn);

const root = join(__dirname, '..', '..');
const tmp = tempDir('kith-electron-recovery-');
const databasePath = join(tmp.dir, 'kith.sqlite');
let win: FakeWindow;


const invoke = async (method: string, input: unknown) => {
  const handler = recorder.ipcHandlers.get(IPC_CHANNEL)!;
  return (await handler({ sender: win.webContents, senderFrame: (win.webContents as unknown as { mainFrame: unknown }).mainFrame }, method, input)) as ApiResult<unknown>;
};

beforeAll(async () => {
  const kith = await startBackend({ databasePath, host: 'electron' });
  await kith.dispatch('contacts.create', { displayName: 'Saved by the backup' });
  await kith.dispatch('transfer.backupNow', {});
  await kith.close();
  writeFileSync(databasePath, '');
  process.env.KITH_DB = databasePath;
  process.env.KITH_TEST_USER_DATA = tmp.dir;
  await import(/* @vite-ignore */ join(root, 'out', 'main', 'main.js'));
  recorder.ready();
  win = await until('the window (the back end ready on the recovery answers)', () => recorder.windows[0]);
}, 90_000);

afterAll(() => {
  for (const child of recorder.children) if (child.exitCode === null) child.kill();
  tmp.cleanup();
});

it('opens the window on the damage with the offer to restore, refuses everything else, and restores from the page', async () => {
  expect(called('showMessageBox')).toEqual([]);
  expect(called('showErrorBox')).toEqual([]);
  expect(called('app.exit')).toEqual([]);
  expect(await invoke('app.status', {})).toMatchObject({
    ok: true,
    value: { damage: { problem: 'the file is empty (0 bytes)', writesStopped: true, opened: false, newestGoodBackup: { contacts: 1 } } },
  });
  expect(await invoke('contacts.list', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
  expect(await invoke('contacts.create', { displayName: 'Written while damaged' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
  expect(await invoke('app.resolveDamage', { choice: 'continue' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
  expect(readFileSync(databasePath).length).toBe(0); // nothing touched the file before the user chose

  expect(await invoke('app.resolveDamage', { choice: 'restore' })).toMatchObject({ ok: true, value: { damage: null } });
  expect(await invoke('contacts.list', {})).toMatchObject({ ok: true, value: { total: 1, items: [{ displayName: 'Saved by the backup' }] } });
  expect(await invoke('contacts.create', { displayName: 'Written after the restore' })).toMatchObject({ ok: true });
  expect(readdirSync(tmp.dir).some((f) => f.startsWith('kith.sqlite.damaged-'))).toBe(true);
  expect(recorder.windows).toHaveLength(1);
}, 60_000);
