// Bulk changes through the real back end on a real SQLite file: every field, "select all" resolved
// from the list's filter on the server (with exceptions), one transaction, and Undo putting every
// contact back exactly; bad input is refused and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import type { InputOf } from '../../shared/api/contract';

describe('bulk changes', () => {
  let kith: TestBackend;
  const clock = fixedClock('2026-06-15T10:00:00Z');
  beforeEach(async () => {
    clock.set('2026-06-15T10:00:00Z');
    kith = await startTestBackend({ clock });
  });
  afterEach(async () => kith.dispose());

  /** every contact's fields a bulk change can touch, with its tags */
  const snapshot = () =>
    kith.sqlite
      .prepare(
        `SELECT c.id, c.circle_id, c.cadence_days, c.importance, c.archived_at,
                (SELECT group_concat(t.name, ',') FROM (SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id ORDER BY t.name) t) AS tags
         FROM contacts c ORDER BY c.display_name`,
      )
      .all();

  async function people(n: number, extra: { circleId?: string | null; tags?: string[] } = {}) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await kith.call('contacts.create', { displayName: `P${String(out.length).padStart(2, '0')} ${extra.circleId ?? 'none'}`, circleId: extra.circleId ?? null, tags: extra.tags ?? [] }));
    return out;
  }

  it('sets circle, tags, cadence, importance and archives the chosen ids; Undo puts every one back', async () => {
    const friends = await people(3, { circleId: 'circle-friends', tags: ['old'] });
    const loose = await people(2);
    const before = snapshot();
    const ids = [friends[0]!.id, friends[2]!.id, loose[1]!.id];
    const changes = [
      [{ circleId: 'circle-family' }, (r: Record<string, unknown>) => r.circle_id === 'circle-family'],
      [{ circleId: null }, (r: Record<string, unknown>) => r.circle_id === null],
      [{ addTags: ['vip', 'Berlin'] }, (r: Record<string, unknown>) => String(r.tags).includes('Berlin') && String(r.tags).includes('vip')],
      [{ removeTags: ['old'] }, (r: Record<string, unknown>) => !String(r.tags ?? '').includes('old')],
      [{ cadenceDays: 0 }, (r: Record<string, unknown>) => r.cadence_days === 0],
      [{ cadenceDays: null }, (r: Record<string, unknown>) => r.cadence_days === null],
      [{ importance: 'inner' }, (r: Record<string, unknown>) => r.importance === 'inner'],
      [{ archived: true }, (r: Record<string, unknown>) => r.archived_at === clock.now().getTime()],
    ] as const;
    for (const [change, holds] of changes) {
      const result = await kith.call('contacts.bulkUpdate', { selection: { ids }, change: change as InputOf<'contacts.bulkUpdate'>['change'] });
      expect(result.count, JSON.stringify(change)).toBe(3);
      const rows = snapshot() as Array<Record<string, unknown>>;
      for (const [i, r] of rows.entries()) {
        if (ids.includes(r.id as string)) expect(holds(r), `${JSON.stringify(change)} on ${r.id}`).toBe(true);
        else expect(r, 'a contact not selected is left alone').toEqual(before[i]);
      }
      await kith.call('contacts.bulkUndo', { undoId: result.undoId });
      expect(snapshot(), `undo of ${JSON.stringify(change)}`).toEqual(before);
    }
  });

  it('restores archived people in one step, and Undo archives them again as they were', async () => {
    const [a, b] = await people(2);
    await kith.call('contacts.archive', { id: a!.id });
    clock.advance(60_000);
    await kith.call('contacts.archive', { id: b!.id });
    const before = snapshot();
    const r = await kith.call('contacts.bulkUpdate', { selection: { filter: { archived: true } }, change: { archived: false } });
    expect(r).toMatchObject({ count: 2, summary: '2 people: restored them' });
    expect((await kith.call('contacts.list', {})).total).toBe(2);
    await kith.call('contacts.bulkUndo', { undoId: r.undoId });
    expect(snapshot()).toEqual(before);
  });

  it('"select all" means every contact the filter matches, found on the server, minus the exceptions', async () => {
    const family = await people(4, { circleId: 'circle-family' });
    await people(3, { circleId: 'circle-friends' });
    const none = await people(2);
    // the "No circle" filter
    const noCircle = await kith.call('contacts.list', { noCircle: true });
    expect(noCircle.items.map((c) => c.id).sort()).toEqual(none.map((c) => c.id).sort());
    const r = await kith.call('contacts.bulkUpdate', { selection: { filter: { circleId: 'circle-family' }, exceptIds: [family[1]!.id] }, change: { addTags: ['cousins'] } });
    expect(r.count).toBe(3);
    expect(r.summary).toBe('3 people: tagged them “cousins”');
    const tagged = await kith.call('contacts.list', { tag: 'cousins' });
    expect(tagged.items.map((c) => c.id).sort()).toEqual([family[0]!.id, family[2]!.id, family[3]!.id].sort());
    const moved = await kith.call('contacts.bulkUpdate', { selection: { filter: { noCircle: true } }, change: { circleId: 'circle-colleagues' } });
    expect(moved.count).toBe(2);
    expect((await kith.call('contacts.list', { noCircle: true })).total).toBe(0);
  });

  it('changes 3,000 contacts in one transaction, quickly, and undoes them', async () => {
    const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, importance, created_at, updated_at) VALUES (?, ?, 'regular', 0, 0)`);
    kith.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`bulk-${i}`, `Person ${i}`);
    })();
    const before = snapshot();
    const t = performance.now();
    const r = await kith.call('contacts.bulkUpdate', { selection: { filter: { archived: false } }, change: { circleId: 'circle-clients', addTags: ['imported'], cadenceDays: 90 } });
    const took = performance.now() - t;
    expect(r.count).toBe(3000);
    expect(took).toBeLessThan(2000); // a generous bound on a shared machine; typically well under 200 ms
    expect(kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE circle_id = 'circle-clients' AND cadence_days = 90`).pluck().get()).toBe(3000);
    await kith.call('contacts.bulkUndo', { undoId: r.undoId });
    expect(snapshot()).toEqual(before);
  });

  it('refuses bad input by name and changes nothing; an undo works once', async () => {
    const [a] = await people(1);
    const before = snapshot();
    const bad = [
      [{ selection: { ids: [] }, change: { importance: 'inner' } }, 'selection.ids'],
      [{ selection: { ids: [a!.id] }, change: {} }, 'change'],
      [{ selection: { ids: [a!.id] }, change: { cadenceDays: -1 } }, 'change.cadenceDays'],
      [{ selection: { ids: [a!.id, 'ghost'] }, change: { importance: 'inner' } }, 'selection'],
      [{ selection: { ids: [a!.id] }, change: { circleId: 'no-such-circle' } }, 'change.circleId'],
      [{ selection: { filter: { circleId: 'circle-family' } }, change: { importance: 'inner' } }, 'selection'],
    ] as const;
    for (const [input, field] of bad) {
      const res = await kith.dispatch('contacts.bulkUpdate', input);
      expect(res, JSON.stringify(input)).toMatchObject({ ok: false, error: { field } });
      expect((res as { error: { code: string } }).error.code).not.toBe('internal');
    }
    expect(snapshot()).toEqual(before);
    const r = await kith.call('contacts.bulkUpdate', { selection: { ids: [a!.id] }, change: { importance: 'outer' } });
    await kith.call('contacts.bulkUndo', { undoId: r.undoId });
    expect(await kith.dispatch('contacts.bulkUndo', { undoId: r.undoId })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'That change can no longer be undone' } });
  });
});
