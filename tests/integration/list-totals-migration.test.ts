// Migration 0033 on a file that already has contacts: the list's totals per archived state and
// circle start from the contacts there, and one- or two-letter search finds the contacts already
// indexed without indexing them again.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { startBackend, type KithBackend } from '../../electron/kith';
import { fixedClock, tempDir } from '../helpers/backend';

const cleanups: (() => void)[] = [];
let backend: KithBackend | null = null;
afterEach(async () => {
  await backend?.close();
  backend = null;
  cleanups.splice(0).forEach((c) => c());
});

const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0033'));

describe('migration 0033: list totals and short searches', () => {
  it('counts the contacts already there and indexes the starts of the names already indexed', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'kith.sqlite');
    const handle = openDatabase(path);
    await migrateToLatest(handle, { migrations: before });
    const add = handle.sqlite.prepare(`INSERT INTO contacts (id, display_name, circle_id, archived_at, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`);
    add.run('c1', 'Ólafur Jónsson', 'circle-family', null);
    add.run('c2', 'Élodie Martin', 'circle-family', null);
    add.run('c3', 'Oscar Archived', null, 5);
    add.run('c4', 'Nobody Incircle', null, null);
    // as the search index left them before 0033: keyed, nothing waiting (the full-text rows do not matter here)
    handle.sqlite.exec(`INSERT INTO search_keys (contact_id) SELECT id FROM contacts; DELETE FROM search_dirty;`);
    await migrateToLatest(handle);
    expect(handle.sqlite.prepare(`SELECT count(*) FROM search_dirty`).pluck().get()).toBe(0);
    await handle.close();

    backend = await startBackend({ databasePath: path, host: 'electron', clock: fixedClock('2026-06-01T12:00:00Z') });
    const call = async (method: 'contacts.list', input: object) => {
      const r = await backend!.dispatch(method, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { total: number };
    };
    expect((await call('contacts.list', {})).total).toBe(3);
    expect((await call('contacts.list', { archived: true })).total).toBe(1);
    expect((await call('contacts.list', { circleId: 'circle-family' })).total).toBe(2);
    expect((await call('contacts.list', { noCircle: true })).total).toBe(1);
    const search = async (query: string, includeArchived = false) => {
      const r = await backend!.dispatch('contacts.search', { query, includeArchived });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { displayName: string }[]).map((h) => h.displayName);
    };
    expect(await search('o')).toEqual(['Ólafur Jónsson']);
    expect(await search('o', true)).toEqual(['Ólafur Jónsson', 'Oscar Archived']);
    expect(await search('ma')).toEqual(['Élodie Martin']);
  });
});
