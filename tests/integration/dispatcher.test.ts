// The contract at the boundary: bad input is refused with the field named and nothing written;
// service failures arrive as typed errors; a round trip reaches the SQLite file.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { contract, methodNames } from '../../shared/api/contract';
import { handlers } from '../../electron/services';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

const count = (table: string) => kith.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the dispatcher', () => {
  it('has a handler for every contract method and no handler outside it', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(['query', 'command']).toContain(contract[name].kind);
  });

  it('creates a contact that lands in the SQLite file and reads it back', async () => {
    const created = await kith.call('contacts.create', {
      displayName: 'Ada Lovelace',
      circleId: 'circle-friends',
      methods: [{ kind: 'email', value: 'Ada@Example.org' }],
    });
    expect(created).toMatchObject({ displayName: 'Ada Lovelace', circleId: 'circle-friends', effectiveCadenceDays: 30 });
    expect(created.methods).toEqual([expect.objectContaining({ kind: 'email', value: 'Ada@Example.org', isPrimary: true })]);

    const file = new Database(join(kith.dir, 'kith.sqlite'), { readonly: true });
    expect(file.prepare('SELECT display_name, circle_id FROM contacts WHERE id = ?').get(created.id)).toEqual({ display_name: 'Ada Lovelace', circle_id: 'circle-friends' });
    expect(file.prepare('SELECT value_normalized FROM contact_methods WHERE contact_id = ?').pluck().get(created.id)).toBe('ada@example.org');
    file.close();

    const list = await kith.call('contacts.list', {});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: created.id, primaryEmail: 'Ada@Example.org', primaryPhone: null });

    // someone with only a phone is reachable by it in the list (the subtitle was empty)
    const bo = await kith.call('contacts.create', { displayName: 'Bo', methods: [{ kind: 'phone', value: '+44 20 7946 0958' }, { kind: 'address', value: '1 High St' }] });
    const both = await kith.call('contacts.create', { displayName: 'Cy', methods: [{ kind: 'phone', value: '+44 20 7946 0959' }, { kind: 'email', value: 'cy@example.org' }] });
    const byId = new Map((await kith.call('contacts.list', {})).items.map((c) => [c.id, c]));
    expect(byId.get(bo.id)).toMatchObject({ primaryEmail: null, primaryPhone: '+44 20 7946 0958' });
    expect(byId.get(both.id)).toMatchObject({ primaryEmail: 'cy@example.org', primaryPhone: null });
  });

  it.each([
    ['an empty name', { displayName: '   ' }, 'displayName', /must not be empty/],
    ['a malformed email', { displayName: 'Bo', methods: [{ kind: 'email', value: 'bo@' }] }, 'methods.0.value', /valid email/],
    ['31 February', { displayName: 'Cy', birthday: { month: 2, day: 31 } }, 'birthday.day', /No such day/],
    ['a wrong type', { displayName: 42 }, 'displayName', /string/i],
    ['an unknown field', { displayName: 'Di', shoeSize: 44 }, '', /shoeSize/],
  ])('refuses %s, names the field and writes nothing', async (_what, input, field, message) => {
    const result = await kith.dispatch('contacts.create', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
    expect(count('contacts')).toBe(0);
    expect(count('contact_methods')).toBe(0);
  });

  it('refuses an unknown circle as a typed error, writing nothing', async () => {
    const result = await kith.dispatch('contacts.create', { displayName: 'Eve', circleId: 'no-such-circle', methods: [{ kind: 'email', value: 'eve@example.org' }] });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input', field: 'circleId', message: 'Unknown circle' }) });
    expect(count('contacts')).toBe(0);
  });

  it('answers an unknown method and an unknown id with typed errors', async () => {
    expect(await kith.dispatch('contacts.drop', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_method' }) });
    expect(await kith.dispatch('__proto__', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_method' }) });
    expect(await kith.dispatch('contacts.get', { id: 'nobody' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found', field: 'id' }) });
  });

  it('turns an unexpected failure inside a service into an internal error, not a crash', async () => {
    kith.sqlite.exec('DROP TABLE contact_tags'); // sabotage: the service's own query now fails
    const result = await kith.dispatch('contacts.create', { displayName: 'Fay', tags: ['x'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
    expect(count('contacts')).toBe(0); // the transaction rolled back
  });

  it('tells listeners after a write, and not after a read', async () => {
    const seen: string[] = [];
    kith.events.on('committed', (m) => seen.push(m));
    await kith.call('contacts.list', {});
    await kith.call('contacts.create', { displayName: 'Gus' });
    expect(seen).toEqual(['contacts.create']);
  });
});

describe('the duplicates methods at the boundary', () => {
  it.each([
    ['merge: the survivor also merged away', 'duplicates.merge', { survivorId: 'a', mergedIds: ['a'] }, 'mergedIds', /cannot also be merged/],
    ['merge: nobody to merge', 'duplicates.merge', { survivorId: 'a', mergedIds: [] }, 'mergedIds', /Choose a contact/],
    ['merge: a contact twice', 'duplicates.merge', { survivorId: 'a', mergedIds: ['b', 'b'] }, 'mergedIds', /twice/],
    ['merge: a field from elsewhere', 'duplicates.merge', { survivorId: 'a', mergedIds: ['b'], choices: { company: 'c' } }, 'choices', /one of the contacts merged/],
    ['merge: an unknown field', 'duplicates.merge', { survivorId: 'a', mergedIds: ['b'], choices: { shoeSize: 'a' } }, 'choices', /./],
    ['dismiss: one contact', 'duplicates.dismiss', { contactIds: ['a'] }, 'contactIds', /at least two/],
    ['list: a negative offset', 'duplicates.list', { offset: -1 }, 'offset', /./],
    ['undo: no id', 'duplicates.undoMerge', { undoId: '' }, 'undoId', /Missing id/],
    ['settings: a region that is none', 'settings.update', { phoneRegion: 'XX' }, 'phoneRegion', /Not a region/],
  ] as const)('refuses %s with the field named, writing nothing', async (_what, method, input, field, message) => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const before = count('contacts');
    const result = await kith.dispatch(method, JSON.parse(JSON.stringify(input).replaceAll('"a"', JSON.stringify(a.id))));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(message);
    expect(count('contacts')).toBe(before);
    expect(count('duplicate_dismissals') + count('merge_undo')).toBe(0);
  });

  it('merges, lists and undoes through the dispatcher', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Jane Doe', methods: [{ kind: 'email', value: 'jane@example.org' }] });
    const b = await kith.call('contacts.create', { displayName: 'Doe, Jane' });
    const listed = await kith.call('duplicates.list', {});
    expect(listed.groups.map((g) => g.contacts.map((c) => c.id).sort())).toEqual([[a.id, b.id].sort()]);
    const merged = await kith.call('duplicates.merge', { survivorId: a.id, mergedIds: [b.id] });
    expect(merged).toMatchObject({ mergedCount: 1, contact: { id: a.id } });
    expect(await kith.call('duplicates.undoMerge', { undoId: merged.undoId })).toEqual({ restored: [b.id] });
    expect(count('contacts')).toBe(2);
  });
});
