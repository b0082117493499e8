// A full disk never kills Kith: on a real 6 MB tmpfs filled to the last byte, writes get the typed
// disk_full error (never "cannot rollback - no transaction is active", never `internal`), the idle
// WAL checkpoint and the automatic backup report the problem to the app's status instead of throwing
// from a timer, nothing acknowledged is lost, and once space is freed everything works again.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type KithBackend } from '../../electron/kith';
import { startAutomaticBackups } from '../../electron/transfer/backup-schedule';
import { DISK_FULL_MESSAGE } from '../../electron/api/storage-errors';
import { mountTmpfs, type Tmpfs } from '../helpers/tmpfs';
import { fixedClock } from '../helpers/backend';

const { tmpfs, reason } = mountTmpfs(6 * 1024);
let kith: KithBackend;
let fs: Tmpfs;

describe.skipIf(!tmpfs)(`a full disk${reason ? ` (skipped: ${reason})` : ''}`, () => {
  beforeAll(async () => {
    fs = tmpfs!;
    kith = await startBackend({ databasePath: join(fs.dir, 'kith.sqlite'), host: 'web', clock: fixedClock('2026-03-01T10:00:00Z'), lock: true });
  });
  afterAll(async () => {
    await kith?.close();
    fs?.unmount();
  });

  it('answers writes with disk_full, reports the checkpoint and the backup, loses nothing, and recovers', async () => {
    const acknowledged: string[] = [];
    const create = (i: number) => kith.dispatch('contacts.create', { displayName: `Person ${i}`, notes: `${'note '.repeat(400)}${i}` });
    for (let i = 0; i < 50; i++) {
      const r = await create(i);
      if (!r.ok) throw new Error(r.error.message);
      acknowledged.push((r.value as { id: string }).id);
    }
    const filler = fs.fill();

    // writes: each one refused with the typed error until space comes back
    const failures = [];
    for (let i = 50; i < 120; i++) {
      const r = await create(i);
      if (r.ok) acknowledged.push((r.value as { id: string }).id);
      else failures.push(r.error);
    }
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f).toEqual({ code: 'disk_full', message: DISK_FULL_MESSAGE });
    // a multi-row write (a contact with methods and tags) is refused whole, as typed
    const bulk = await kith.dispatch('contacts.create', { displayName: 'Many', notes: 'x'.repeat(90_000), tags: ['a', 'b'], methods: [{ kind: 'email', value: 'm@example.org' }] });
    expect(bulk.ok ? null : bulk.error.code).toBe('disk_full');

    // the idle checkpoint (500 ms after a write, in its worker thread) fails on the full disk:
    // reported, not thrown from the timer
    await until(() => kith.status.snapshot().problems.some((p) => p.task === 'checkpoint'));
    // the automatic backup cannot be written either: the app's status shows it
    const backups = startAutomaticBackups(kith.ctx, {
      timers: { setInterval: () => 0, clearInterval: () => {} },
      onError: (err) => kith.status.report('backup', err),
      onSuccess: () => kith.status.recovered('backup'),
    });
    await until(() => kith.status.snapshot().problems.some((p) => p.task === 'backup'));
    const status = await kith.dispatch('app.status', {});
    expect(status.ok).toBe(true);
    const problems = (status.ok ? (status.value as { problems: { task: string; code: string; message: string }[] }).problems : []);
    expect(problems.find((p) => p.task === 'checkpoint')).toMatchObject({ code: 'disk_full' });
    expect(problems.find((p) => p.task === 'backup')).toMatchObject({ code: 'disk_full', message: expect.stringContaining('The automatic backup failed: The disk holding your Kith file is full') });

    // reads still work on the full disk, those whose catch-up (search index, health table) cannot be written too
    for (const [method, input] of [
      ['contacts.list', { limit: 500 }],
      ['contacts.search', { query: 'Person 1' }],
      ['health.dashboard', {}],
      ['contacts.list', { sort: 'health' }],
    ] as const) {
      const r = await kith.dispatch(method, input);
      expect(r.ok ? 'ok' : `${method}: ${r.error.code} ${r.error.message}`).toBe('ok');
    }

    // space again: writes succeed, the backup is taken, and every acknowledged contact is there
    rmSync(filler);
    const after = await create(999);
    expect(after.ok).toBe(true);
    expect(await backups.tick()).not.toBeNull();
    backups.stop();
    const ids = new Set(kith.handle.sqlite.prepare('SELECT id FROM contacts').pluck().all() as string[]);
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    expect(kith.handle.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    const cleared = await kith.dispatch('app.status', {});
    expect(cleared.ok && (cleared.value as { problems: { task: string }[] }).problems.some((p) => p.task === 'backup')).toBe(false);
  });
});

async function until(condition: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
