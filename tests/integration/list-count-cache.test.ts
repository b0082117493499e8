// contacts.list counts its total once per data version (db/countCache.ts), on a real SQLite file:
// the count is not re-run while nothing changes, and any write — this connection's, a trigger's,
// or another connection's (an import, another process) — gives the right total on the next page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { cachedCount, dataVersion } from '../../db/countCache';

let kith: TestBackend;
const clock = fixedClock('2026-06-15T12:00:00Z');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => kith.dispose());

describe('the contacts list total', () => {
  it('is counted once while the data stays the same, and again after a write on any connection', async () => {
    let counted = 0;
    const count = async () => {
      counted++;
      return kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
    };
    expect(await cachedCount(kith.sqlite, 'all', count)).toBe(0);
    expect(await cachedCount(kith.sqlite, 'all', count)).toBe(0);
    expect(counted).toBe(1);
    // a read moves nothing
    await kith.call('contacts.list', {});
    expect(await cachedCount(kith.sqlite, 'all', count)).toBe(0);
    expect(counted).toBe(1);

    await kith.call('contacts.create', { displayName: 'Ada' });
    expect(await cachedCount(kith.sqlite, 'all', count)).toBe(1);
    expect(counted).toBe(2);

    // another connection to the same file, as an import's or a second process's
    const other = new Database(join(kith.dir, 'kith.sqlite'));
    other.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('other-1', 'Other', 0, 0)`).run();
    other.close();
    expect(await cachedCount(kith.sqlite, 'all', count)).toBe(2);
    expect(counted).toBe(3);
  });

  it('follows creates, archives, restores and writes made outside the API, page after page', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Alpha' });
    await kith.call('contacts.create', { displayName: 'Bravo' });
    expect((await kith.call('contacts.list', {})).total).toBe(2);
    expect((await kith.call('contacts.list', { limit: 1, offset: 1 })).total).toBe(2);
    await kith.call('contacts.archive', { id: a.id });
    expect((await kith.call('contacts.list', {})).total).toBe(1);
    expect((await kith.call('contacts.list', { archived: true })).total).toBe(1);
    await kith.call('contacts.restore', { id: a.id });
    expect((await kith.call('contacts.list', {})).total).toBe(2);
    const other = new Database(join(kith.dir, 'kith.sqlite'));
    other.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('other-1', 'Other', 0, 0)`).run();
    other.close();
    expect((await kith.call('contacts.list', {})).total).toBe(3);
    // this connection's own raw write (the hot paths that bypass Kysely)
    kith.sqlite.prepare(`DELETE FROM contacts WHERE id = 'other-1'`).run();
    expect((await kith.call('contacts.list', {})).total).toBe(2);
  });

  it('has a data version that a read leaves alone and a write moves', () => {
    const before = dataVersion(kith.sqlite);
    kith.sqlite.prepare('SELECT count(*) FROM contacts').get();
    expect(dataVersion(kith.sqlite)).toBe(before);
    kith.sqlite.prepare(`INSERT INTO tags (id, name, created_at) VALUES ('t1', 'x', 0)`).run();
    expect(dataVersion(kith.sqlite)).not.toBe(before);
  });
});
