// Start-up never changes a file it then refuses, and says why in words a user can act on: a file
// from a newer Kith, another program's SQLite file and a Kith file whose schema_versions table is
// gone stay byte for byte as they were. A 0-byte file beside backups is damage (the newest backup
// is offered), and a file on a read-only disk opens read-only with the reason, not with `internal`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { SchemaTooNewError } from '../../db/migrate';
import { NotAKithFileError } from '../../electron/startup-checks';
import { DatabaseDamagedError } from '../../electron/transfer/integrity';
import { tempDir } from '../helpers/backend';
import { mountTmpfs } from '../helpers/tmpfs';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('kith-refuse-')));
afterAll(() => cleanup());

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** a real Kith file, closed, in rollback-journal mode (as a copy or an old release leaves it) */
async function kithFile(name: string): Promise<string> {
  const path = join(dir, name);
  const kith = await startBackend({ databasePath: path, host: 'web' });
  await kith.dispatch('contacts.create', { displayName: 'Ada Lovelace' });
  await kith.close();
  const raw = new Database(path);
  raw.pragma('journal_mode = DELETE');
  raw.close();
  return path;
}

async function expectRefusedUntouched(path: string, error: unknown, message: RegExp) {
  const before = digest(path);
  const started = startBackend({ databasePath: path, host: 'web', lock: true });
  await expect(started).rejects.toBeInstanceOf(error as never);
  await expect(started).rejects.toThrow(message);
  expect(digest(path)).toBe(before);
  expect(existsSync(`${path}-wal`)).toBe(false);
}

it('refuses a file from a newer Kith without changing a byte', async () => {
  const path = await kithFile('newer.sqlite');
  const raw = new Database(path);
  raw.prepare(`INSERT INTO schema_versions (version, applied_at) VALUES ('9999_from_the_future', 0)`).run();
  raw.close();
  await expectRefusedUntouched(path, SchemaTooNewError, /newer version of Kith.*9999_from_the_future/);
});

it("refuses another program's SQLite file without changing a byte", async () => {
  const path = join(dir, 'other-program.sqlite');
  const raw = new Database(path);
  raw.exec(`CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org')`);
  raw.close();
  await expectRefusedUntouched(path, NotAKithFileError, /another program, not a Kith file/);
});

it('refuses a Kith file whose schema_versions table is gone, with what to do', async () => {
  const path = await kithFile('no-versions.sqlite');
  const raw = new Database(path);
  raw.exec('DROP TABLE schema_versions');
  raw.close();
  await expectRefusedUntouched(path, NotAKithFileError, /schema_versions table\) is missing.*restore a backup/);
});

it('treats a 0-byte file with backups beside it as damage and offers the newest backup', async () => {
  const path = join(dir, 'emptied', 'kith.sqlite');
  const kith = await startBackend({ databasePath: path, host: 'web' });
  await kith.dispatch('contacts.create', { displayName: 'Grace Hopper' });
  await kith.dispatch('transfer.backupNow', {});
  await kith.close();
  writeFileSync(path, '');
  const started = startBackend({ databasePath: path, host: 'web' });
  await expect(started).rejects.toBeInstanceOf(DatabaseDamagedError);
  const err = (await started.catch((e) => e)) as DatabaseDamagedError;
  expect(err.problem).toMatch(/empty/);
  expect(err.newestGoodBackup?.contacts).toBe(1);
  expect(readFileSync(path).length).toBe(0);
});

it('a 0-byte file with no backups is a new, empty Kith file', async () => {
  const path = join(dir, 'fresh.sqlite');
  writeFileSync(path, '');
  const kith = await startBackend({ databasePath: path, host: 'web' });
  expect((await kith.dispatch('contacts.list', {})).ok).toBe(true);
  await kith.close();
});

const { tmpfs, reason } = mountTmpfs(8 * 1024);
describe.skipIf(!tmpfs)(`a read-only file system${reason ? ` (skipped: ${reason})` : ''}`, () => {
  afterAll(() => tmpfs?.unmount());

  it('opens read-only with the reason; reads work, writes get read_only, never internal', async () => {
    const path = join(tmpfs!.dir, 'kith.sqlite');
    const kith = await startBackend({ databasePath: path, host: 'web' });
    await kith.dispatch('contacts.create', { displayName: 'Katherine Johnson' });
    await kith.close();
    tmpfs!.remount('ro');
    try {
      const ro = await startBackend({ databasePath: path, host: 'web', lock: true });
      const status = await ro.dispatch('app.status', {});
      expect(status).toMatchObject({ ok: true, value: { access: 'read-only', readOnlyReason: expect.stringMatching(/read-only disk or file system.*Copy the file to a writable folder/) } });
      const list = await ro.dispatch('contacts.list', {});
      expect(list).toMatchObject({ ok: true, value: { total: 1 } });
      for (const [method, input] of [
        ['health.dashboard', {}],
        ['contacts.search', { query: 'kath' }],
        ['app.info', {}],
      ] as const) {
        const r = await ro.dispatch(method, input);
        expect(r.ok ? 'ok' : r.error.code).toBe('ok');
      }
      const write = await ro.dispatch('contacts.create', { displayName: 'Nobody' });
      expect(write).toMatchObject({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/read-only/) } });
      await ro.close();
    } finally {
      tmpfs!.remount('rw');
    }
  });
});

/** the back end as user `nobody` (root may write anything): what it answers on a file it may only read */
function asNobody(path: string): Record<string, { ok: boolean; value?: unknown; error?: { code: string; message: string } }> & { refused?: string } {
  const root = join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests', 'helpers', 'readonly-child.ts'), path], { cwd: root, uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } });
  if (r.status !== 0) throw new Error(`the child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** root (who may write anything) starts the back end as nobody; that needs nobody to reach the project */
const nobodyCanRun =
  process.getuid?.() === 0 &&
  spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(join(__dirname, '..', '..', 'node_modules', 'tsx', 'package.json'))})`], { uid: 65534, gid: 65534 }).status === 0;
describe.skipIf(!nobodyCanRun)(`a file or folder the user may not write (run as nobody${nobodyCanRun ? '' : '; skipped: needs root and a project user nobody can read'})`, () => {
  beforeAll(() => chmodSync(dir, 0o755)); // nobody may reach the files below
  it('a read-only file opens read-only with what to do; reads work, writes get read_only', async () => {
    const folder = join(dir, 'ro-file');
    const path = join(folder, 'kith.sqlite');
    const kith = await startBackend({ databasePath: path, host: 'web' });
    await kith.dispatch('contacts.create', { displayName: 'Katherine' });
    await kith.close();
    chmodSync(folder, 0o777); // the folder is writable by anyone; the file is not
    chmodSync(path, 0o444);
    const before = digest(path);
    const out = asNobody(path);
    expect(out.status).toMatchObject({ ok: true, value: { access: 'read-only', readOnlyReason: expect.stringMatching(/you may not write to .*Make the file writable/) } });
    expect(out.list).toMatchObject({ ok: true, value: { total: 1 } });
    expect(out.dashboard?.ok).toBe(true);
    expect(out.search?.ok).toBe(true);
    expect(out.write).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(digest(path)).toBe(before);
  });

  it('a file in a folder the user may not write opens read-only and says the folder is the problem', async () => {
    const folder = join(dir, 'ro-folder');
    mkdirSync(folder);
    const path = join(folder, 'kith.sqlite');
    const kith = await startBackend({ databasePath: path, host: 'web' });
    await kith.dispatch('contacts.create', { displayName: 'Katherine' });
    await kith.close();
    chmodSync(path, 0o666);
    chmodSync(folder, 0o755); // root's folder: nobody may not create the WAL beside the file
    const out = asNobody(path);
    expect(out.refused).toBeUndefined();
    expect(out.status).toMatchObject({ ok: true, value: { access: 'read-only', readOnlyReason: expect.stringMatching(/the folder .* cannot be written.*Make the folder writable/) } });
    expect(out.list).toMatchObject({ ok: true, value: { total: 1 } });
    expect(out.write).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});
