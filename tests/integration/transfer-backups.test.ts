// Backups: "Back up now", the daily timer with its rotation, restore (after a safety backup), and a
// damaged data file found at start-up with the newest good backup offered.
import { existsSync, openSync, readdirSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { startAutomaticBackups, type Timers } from '../../electron/transfer/backup-schedule';
import { DatabaseDamagedError, replaceDamagedFile } from '../../electron/transfer/integrity';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { seedEverything } from '../helpers/seed';

let kith: TestBackend;
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
beforeEach(async () => {
  clock.set('2026-03-01T10:00:00Z');
  kith = await startTestBackend({ clock });
});
afterEach(async () => kith.dispose());

const count = (table: string) => kith.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('back up now and restore', () => {
  it('takes a backup with the online API, lists it and shows what it holds', async () => {
    await seedEverything(kith);
    const info = await kith.call('transfer.backupNow', {});
    expect(info).toMatchObject({ fileName: 'kith-manual-2026-03-01T10-00-00-000Z.sqlite', kind: 'manual', takenAt: Date.parse('2026-03-01T10:00:00Z') });
    const list = await kith.call('transfer.backupsList', {});
    expect(list.folder).toBe(join(kith.dir, 'backups'));
    expect(list.backups.map((b) => b.fileName)).toEqual([info.fileName]);
    expect(await kith.call('transfer.backupInspect', { fileName: info.fileName })).toMatchObject({ ok: true, contacts: 2, interactions: 2, schemaVersion: expect.any(String) });
  });

  it('restores a backup into the open database after backing up the current file', async () => {
    await seedEverything(kith);
    const backup = await kith.call('transfer.backupNow', {});
    clock.advance(60_000);
    await kith.call('contacts.create', { displayName: 'Added after the backup' });
    await kith.call('interactions.log', { kind: 'call', participantIds: [kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Added after the backup'`).pluck().get() as string] });
    expect([count('contacts'), count('interactions')]).toEqual([3, 3]);

    const result = await kith.call('transfer.backupRestore', { fileName: backup.fileName });
    expect(result.restored).toMatchObject({ fileName: backup.fileName, contacts: 2, interactions: 2 });
    expect(result.safetyBackup.kind).toBe('before-restore');
    // the same connection now reads the restored data, through the services too
    expect([count('contacts'), count('interactions')]).toEqual([2, 2]);
    expect((await kith.call('contacts.list', {})).items.map((c) => c.displayName)).toEqual(['Ada Lovelace', 'Charles Babbage']);
    expect(kith.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // what was there before the restore is kept in the safety backup
    expect(await kith.call('transfer.backupInspect', { fileName: result.safetyBackup.fileName })).toMatchObject({ contacts: 3, interactions: 3 });
    // and writing goes on normally
    await kith.call('contacts.create', { displayName: 'After the restore' });
    expect(count('contacts')).toBe(3);
  });

  it('refuses a name outside the backups folder and an unknown backup, and changes nothing', async () => {
    await kith.call('contacts.create', { displayName: 'Stays' });
    for (const fileName of ['../kith.sqlite', 'kith-manual-2020-01-01T00-00-00-000Z.sqlite', 'nonsense']) {
      const err = await kith.call('transfer.backupRestore', { fileName }).catch((e) => e);
      expect(err.field).toBe('fileName');
    }
    expect(count('contacts')).toBe(1);
  });
});

describe('automatic daily backups', () => {
  it('takes one backup per local day while running, and rotates old ones away', async () => {
    let scheduled: (() => void) | null = null;
    const timers: Timers = { setInterval: (fn) => ((scheduled = fn), 1), clearInterval: () => (scheduled = null) };
    const schedule = startAutomaticBackups({ sqlite: kith.sqlite, databasePath: join(kith.dir, 'kith.sqlite'), clock }, { timers });
    await schedule.firstCheck; // the check at start
    const folder = join(kith.dir, 'backups');
    expect(readdirSync(folder)).toEqual(['kith-daily-2026-03-01T10-00-00-000Z.sqlite']);
    clock.advance(3600_000);
    expect(await schedule.tick()).toBeNull(); // same day: nothing new
    // forty days later, one check an hour
    for (let hour = 0; hour < 40 * 24; hour++) {
      clock.advance(3600_000);
      await schedule.tick();
    }
    // the last check is 10 April 13:00 in Berlin; backups fall at local midnight (23:00 UTC, 22:00 after the DST change)
    expect(readdirSync(folder).sort()).toEqual([
      'kith-daily-2026-03-21T23-00-00-000Z.sqlite', // weekly: newest of ISO week 12 (local 22 March)
      'kith-daily-2026-03-28T23-00-00-000Z.sqlite', // weekly: week 13 (local 29 March, the day clocks change)
      'kith-daily-2026-03-30T22-00-00-000Z.sqlite', // monthly: newest of March (local 31 March)
      'kith-daily-2026-04-03T22-00-00-000Z.sqlite', // daily: local 4–10 April (also weeks 14 and 15, and April)
      'kith-daily-2026-04-04T22-00-00-000Z.sqlite',
      'kith-daily-2026-04-05T22-00-00-000Z.sqlite',
      'kith-daily-2026-04-06T22-00-00-000Z.sqlite',
      'kith-daily-2026-04-07T22-00-00-000Z.sqlite',
      'kith-daily-2026-04-08T22-00-00-000Z.sqlite',
      'kith-daily-2026-04-09T22-00-00-000Z.sqlite',
    ]);
    schedule.stop();
    expect(scheduled).toBeNull();
  });
});

describe('a manual backup beside the automatic ones', () => {
  it('does not replace the day’s automatic backup, which still runs that day and is kept', async () => {
    let scheduled: (() => void) | null = null;
    const timers: Timers = { setInterval: (fn) => ((scheduled = fn), 1), clearInterval: () => (scheduled = null) };
    const folder = join(kith.dir, 'backups');
    // "Back up now" first thing in the morning: the daily one is still due that day
    const manual = await kith.call('transfer.backupNow', {});
    expect(manual.kind).toBe('manual');
    const schedule = startAutomaticBackups({ sqlite: kith.sqlite, databasePath: join(kith.dir, 'kith.sqlite'), clock }, { timers });
    await schedule.firstCheck; // the check at start
    expect(readdirSync(folder).sort()).toEqual(['kith-daily-2026-03-01T10-00-00-000Z.sqlite', manual.fileName]);
    // later that day another manual one: the daily one stays (it used to be rotated away as the older of the day)
    clock.advance(3600_000);
    const later = await kith.call('transfer.backupNow', {});
    expect(readdirSync(folder).sort()).toEqual(['kith-daily-2026-03-01T10-00-00-000Z.sqlite', manual.fileName, later.fileName]);
    expect(await schedule.tick()).toBeNull();
    // twelve manual backups over the next days: the newest ten are kept, and every daily one
    for (let i = 0; i < 12; i++) {
      clock.advance(6 * 3600_000);
      await kith.call('transfer.backupNow', {});
      await schedule.tick();
    }
    const kinds = (await kith.call('transfer.backupsList', {})).backups.map((b) => b.kind);
    expect(kinds.filter((k) => k === 'manual')).toHaveLength(10);
    expect(kinds.filter((k) => k === 'daily')).toHaveLength(4); // 1, 2, 3 and 4 March
    schedule.stop();
    expect(scheduled).toBeNull();
  });
});

describe('a damaged data file at start-up', () => {
  it('is reported with the newest good backup, which can be put in its place', async () => {
    const dir = kith.dir;
    const path = join(dir, 'kith.sqlite');
    await seedEverything(kith);
    await kith.call('transfer.backupNow', {});
    await kith.close();
    // scribble over everything after the first page
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
    closeSync(fd);

    const err = await startBackend({ databasePath: path, host: 'web', clock }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    expect(err.message).toMatch(/^Kith's data file is damaged \(/);
    expect(err.newestGoodBackup).toMatchObject({ fileName: 'kith-manual-2026-03-01T10-00-00-000Z.sqlite', contacts: 2, interactions: 2 });

    const kept = await replaceDamagedFile(path, err.newestGoodBackup.fileName, clock.now());
    expect(existsSync(kept)).toBe(true);
    const reopened = await startBackend({ databasePath: path, host: 'web', clock });
    expect(reopened.handle.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(2);
    await reopened.close();
    kith = await startTestBackend({ clock }); // for afterEach
  });
});

describe('the integrity check in the background (how the app starts)', () => {
  it('starts at once on a sound file and reports it sound', async () => {
    await seedEverything(kith);
    await kith.close();
    const path = join(kith.dir, 'kith.sqlite');
    const started = await startBackend({ databasePath: path, host: 'web', clock, integrityCheck: 'background' });
    expect(await started.integrity).toBeNull(); // no call came: it starts on its own
    await started.close();
    kith = await startTestBackend({ clock }); // for afterEach
  });

  it('waits for the first answer before it competes with it, and still runs', async () => {
    await seedEverything(kith);
    await kith.close();
    const path = join(kith.dir, 'kith.sqlite');
    const started = await startBackend({ databasePath: path, host: 'web', clock, integrityCheck: 'background' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started.integrityState()).toBe('waiting'); // nothing asked yet: the check has not started
    expect(await started.dispatch('health.dashboard', {})).toMatchObject({ ok: true });
    expect(started.integrityState()).toBe('waiting'); // not while the answer is on its way
    expect(await started.integrity).toBeNull();
    expect(started.integrityState()).toBe('started');
    await started.close();
    kith = await startTestBackend({ clock }); // for afterEach
  });

  it('leaves no WAL behind when the app closes as soon as the check has answered', async () => {
    await seedEverything(kith);
    await kith.close();
    const path = join(kith.dir, 'kith.sqlite');
    for (let i = 0; i < 3; i++) {
      clock.advance(86_400_000); // a new day: the first dashboard writes (health moves on), so there is a WAL
      const started = await startBackend({ databasePath: path, host: 'web', clock, integrityCheck: 'background' });
      expect(await started.dispatch('health.dashboard', {})).toMatchObject({ ok: true });
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect(await started.integrity).toBeNull();
      await started.close();
      // the check's own connection was gone by then, so closing folded the WAL back: the next open reads no WAL
      expect(existsSync(`${path}-wal`)).toBe(false);
    }
    kith = await startTestBackend({ clock }); // for afterEach
  });

  it('reports a damaged file with the newest good backup, after starting', async () => {
    await seedEverything(kith);
    await kith.call('transfer.backupNow', {});
    // enough rows that the damage below lands in pages the schema does not need
    kith.sqlite.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
      INSERT INTO settings (key, value) SELECT 'filler-' || i, hex(randomblob(200)) FROM n`);
    await kith.close();
    const path = join(kith.dir, 'kith.sqlite');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(16 * 4096, 0x5a), 0, 16 * 4096, size - 20 * 4096); // scribble over pages near the end
    closeSync(fd);
    // the schema is intact, so it starts; the check beside it finds the damage
    const started = await startBackend({ databasePath: path, host: 'web', clock, integrityCheck: 'background' });
    const damaged = await started.integrity;
    expect(damaged).toBeInstanceOf(DatabaseDamagedError);
    expect(damaged!.newestGoodBackup).toMatchObject({ contacts: 2, interactions: 2 });
    // the page learns of it (app.status) and writes stop until the user decides
    await new Promise((resolve) => setImmediate(resolve));
    const status = await started.dispatch('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { damage: { writesStopped: true, newestGoodBackup: { contacts: 2 } } } });
    expect(await started.dispatch('contacts.create', { displayName: 'Onto damage' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await started.dispatch('transfer.backupNow', {})).toMatchObject({ ok: false, error: { code: 'damaged' } });
    // "Restore this backup": the backup's data is back, the damaged bytes kept beside the file, writes go on
    const restored = await started.dispatch('app.resolveDamage', { choice: 'restore' });
    expect(restored).toMatchObject({ ok: true, value: { damage: null } });
    expect(readdirSync(kith.dir).some((f) => f.startsWith('kith.sqlite.damaged-'))).toBe(true);
    expect(started.handle.sqlite.prepare('PRAGMA quick_check').pluck().get()).toBe('ok');
    expect(await started.dispatch('contacts.create', { displayName: 'After restore' })).toMatchObject({ ok: true });
    await started.close();
    kith = await startTestBackend({ clock }); // for afterEach
  });
});

