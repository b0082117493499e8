// contacts.list's total, on a real SQLite file: without a tag it comes from contact_counts, which
// triggers keep (migration 0033); with a tag it is counted once per data version (db/countCache.ts).
// Either way the total is right after any write — this connection's, a trigger's, or another
// connection's (an import, another process) — and a logged interaction does not make it count again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { cachedCount, dataVersion } from '../../db/countCache';
import { upload } from '../helpers/transfer';

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

  it('gives every filter the total a count of its contacts gives, after creates, archives, circle moves, merges, deletes, imports and raw writes', async () => {
    const family = await kith.call('circles.create', { name: 'Kin', color: '#aa3333', defaultCadenceDays: 30 });
    const work = await kith.call('circles.create', { name: 'Climbing club', color: '#3333aa', defaultCadenceDays: 60 });
    const filters = [
      {},
      { archived: true },
      { noCircle: true },
      { circleId: family.id },
      { circleId: work.id, archived: true },
      { noCircle: true, archived: true },
      { tag: 'climbing' },
      { tag: 'climbing', circleId: family.id },
    ];
    // what the list must say: the contacts themselves, counted by hand
    const expected = (f: { archived?: boolean; noCircle?: boolean; circleId?: string; tag?: string }) =>
      kith.sqlite
        .prepare(
          `SELECT count(*) FROM contacts c WHERE (c.archived_at IS NOT NULL) = ? AND (? = 0 OR c.circle_id IS NULL) AND (? IS NULL OR c.circle_id = ?)
           AND (? IS NULL OR EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name = ?))`,
        )
        .pluck()
        .get(f.archived ? 1 : 0, f.noCircle ? 1 : 0, f.circleId ?? null, f.circleId ?? null, f.tag ?? null, f.tag ?? null);
    const check = async (after: string) => {
      for (const f of filters) expect((await kith.call('contacts.list', { ...f, limit: 1 })).total, `${after}: ${JSON.stringify(f)}`).toBe(expected(f));
    };
    await check('nothing yet');
    const people = [];
    for (let i = 0; i < 6; i++) {
      people.push(await kith.call('contacts.create', { displayName: `Person ${i}`, circleId: i % 3 === 0 ? family.id : i % 3 === 1 ? work.id : null, tags: i % 2 ? ['climbing'] : [] }));
    }
    await check('created');
    await kith.call('contacts.archive', { id: people[1]!.id });
    await kith.call('contacts.archive', { id: people[2]!.id });
    await check('archived');
    await kith.call('contacts.restore', { id: people[2]!.id });
    await check('restored');
    await kith.call('contacts.update', { id: people[0]!.id, circleId: work.id });
    await kith.call('contacts.update', { id: people[3]!.id, circleId: null, tags: ['climbing'] });
    await check('moved between circles');
    await kith.call('contacts.bulkUpdate', { selection: { filter: { noCircle: true } }, change: { circleId: family.id } });
    await check('bulk move');
    await kith.call('duplicates.merge', { survivorId: people[4]!.id, mergedIds: [people[5]!.id] });
    await check('merged');
    await kith.call('contacts.deletePermanently', { id: people[1]!.id });
    await check('deleted for good');
    await kith.call('circles.delete', { id: work.id, moveToId: null });
    await check('circle deleted');
    const vcards = ['Ina Import', 'Jo Import'].map((n) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${n}\r\nCATEGORIES:climbing\r\nEND:VCARD\r\n`).join('');
    const preview = (await kith.call('transfer.importPreview', { source: upload('two.vcf', vcards) }))!;
    await kith.call('transfer.importCommit', { sessionId: preview.sessionId, defaultAction: 'keepBoth' });
    await check('imported');
    kith.sqlite.prepare(`UPDATE contacts SET archived_at = 1 WHERE display_name = 'Ina Import'`).run();
    kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, circle_id, created_at, updated_at) VALUES ('raw-1', 'Raw', ?, 0, 0)`).run(family.id);
    await check('raw writes');
    // a circle deleted under its contacts by SQL: ON DELETE SET NULL moves them to no circle
    kith.sqlite.prepare(`DELETE FROM circles WHERE id = ?`).run(family.id);
    filters.splice(filters.findIndex((f) => f.circleId === family.id), 1);
    filters.splice(filters.findIndex((f) => f.circleId === family.id), 1);
    await check('circle deleted by SQL');
    // a logged interaction leaves the total where it was, uncounted
    const before = kith.sqlite.prepare(`SELECT n FROM contact_counts WHERE archived = 0 AND circle_key = ''`).pluck().get();
    await kith.call('interactions.log', { kind: 'call', direction: 'outbound', summary: 'Hi', participantIds: [people[0]!.id] });
    expect(kith.sqlite.prepare(`SELECT n FROM contact_counts WHERE archived = 0 AND circle_key = ''`).pluck().get()).toBe(before);
    await check('interaction logged');
  });
});
