import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest, SchemaTooNewError } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { tempDir } from '../helpers/backend';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function freshPath() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'kith.sqlite');
}

describe('opening and migrating a database file', () => {
  it('creates the whole domain model on an empty file, with WAL, foreign keys and a busy timeout', async () => {
    const path = freshPath();
    const handle = openDatabase(path);
    const report = await migrateToLatest(handle);
    expect(report.applied).toEqual(Object.keys(migrations).sort());
    expect(report.backupPath).toBeNull(); // nothing to protect on a new file
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = handle.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => (r as { name: string }).name);
    for (const t of ['circles', 'contacts', 'contact_methods', 'contact_dates', 'contact_photos', 'tags', 'contact_tags', 'relationships', 'interactions', 'interaction_participants', 'reminders', 'value_entries', 'settings', 'schema_versions']) {
      expect(tables).toContain(t);
    }
    const circles = handle.sqlite.prepare('SELECT name, default_cadence_days FROM circles ORDER BY sort_order').all();
    expect(circles).toEqual([
      { name: 'Family', default_cadence_days: 14 },
      { name: 'Friends', default_cadence_days: 30 },
      { name: 'Colleagues', default_cadence_days: 60 },
      { name: 'Clients', default_cadence_days: 30 },
    ]);
    await handle.close();
  });

  it('is a no-op the second time and keeps the data', async () => {
    const path = freshPath();
    let handle = openDatabase(path);
    await migrateToLatest(handle);
    handle.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('a', 'Ada', 1, 1)`).run();
    await handle.close();
    handle = openDatabase(path);
    const report = await migrateToLatest(handle);
    expect(report.applied).toEqual([]);
    expect(handle.sqlite.prepare('SELECT display_name FROM contacts').pluck().get()).toBe('Ada');
    await handle.close();
  });

  it('backs up an existing file before running a new migration', async () => {
    const path = freshPath();
    let handle = openDatabase(path);
    await migrateToLatest(handle);
    handle.sqlite.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('a', 'Ada', 1, 1)`).run();
    await handle.close();

    handle = openDatabase(path);
    const next = { ...migrations, '9999_test_add_column': { up: async (db: never) => void (await sql`ALTER TABLE contacts ADD COLUMN pet TEXT`.execute(db)) } };
    const report = await migrateToLatest(handle, { migrations: next, now: new Date('2026-01-02T03:04:05Z') });
    expect(report.applied).toEqual(['9999_test_add_column']);
    expect(report.backupPath).toMatch(/kith-before-9999_test_add_column-2026-01-02T03-04-05-000Z\.sqlite$/);
    await handle.close();

    const backup = new Database(report.backupPath!, { readonly: true });
    expect(backup.prepare('SELECT display_name FROM contacts').pluck().get()).toBe('Ada');
    expect(backup.prepare(`SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'pet'`).pluck().get()).toBe(0);
    backup.close();
  });

  it('rolls a failing migration back completely and leaves the file as it was', async () => {
    const path = freshPath();
    let handle = openDatabase(path);
    await migrateToLatest(handle);
    await handle.close();

    handle = openDatabase(path);
    const failing = {
      ...migrations,
      '9998_adds_then_fails': {
        up: async (db: never) => {
          await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
          await sql`INSERT INTO no_such_table VALUES (1)`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(handle, { migrations: failing })).rejects.toThrow(/no_such_table/);
    expect(handle.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
    expect(handle.sqlite.prepare(`SELECT version FROM schema_versions`).pluck().all()).toEqual(Object.keys(migrations).sort());
    await handle.close();
    const backups = readdirSync(join(path, '..', 'backups'));
    expect(backups).toHaveLength(1); // the pre-migration copy is still there, untouched
  });

  it('refuses a database written by a newer Kith, without changing it', async () => {
    const path = freshPath();
    let handle = openDatabase(path);
    await migrateToLatest(handle);
    handle.sqlite.prepare(`INSERT INTO schema_versions (version, applied_at) VALUES ('9000_from_the_future', 1)`).run();
    await handle.close();
    handle = openDatabase(path);
    await expect(migrateToLatest(handle)).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(migrateToLatest(handle)).rejects.toThrow(/newer version of Kith \(schema 9000_from_the_future\)/);
    await handle.close();
    expect(existsSync(join(path, '..', 'backups'))).toBe(false);
  });
});
