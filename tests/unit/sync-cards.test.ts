// Sync's card model without a server: a card Kith writes reads back as the same fields (vCard 3.0
// and 4.0), carried properties stay, and the three-way merge keeps every one-sided edit.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { contentHash, normalizeFields, parseCard, unknownProperties, writeCard, type CardFields } from '../../electron/sync/card-fields';
import { mergeFields, resolveFields } from '../../electron/sync/merge';

// no backslashes: a trailing one in N is lost by ical.js in vCard 3.0 (docs/sync.md, known gaps)
const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,;:!?'()&\/-]{0,30}$/).map((s) => s.trim()).filter((s) => s.length > 0);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const day = fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), year: maybe(fc.integer({ min: 1900, max: 2100 })) });
const label = maybe(fc.constantFrom('Work', 'Home', 'mobile', 'Gym'));
const method = fc.oneof(
  fc.record({ kind: fc.constant('email' as const), label, value: fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.org$/), isPrimary: fc.boolean() }),
  fc.record({ kind: fc.constant('phone' as const), label, value: fc.stringMatching(/^\+[0-9]{1,3} [0-9]{3,9}$/), isPrimary: fc.boolean() }),
  fc.record({ kind: fc.constant('website' as const), label, value: fc.stringMatching(/^https:\/\/[a-z]{1,8}\.org$/), isPrimary: fc.boolean() }),
);
const fields: fc.Arbitrary<CardFields> = fc
  .record({
    displayName: text,
    givenName: maybe(text),
    familyName: maybe(text),
    nickname: maybe(text),
    company: maybe(text.map((s) => s.replace(/;/g, ','))), // ORG is structured: see the note in docs/sync.md
    title: maybe(text),
    birthday: maybe(day),
    notes: fc.array(text, { maxLength: 3 }).map((lines) => lines.join('\n')),
    methods: fc.array(method, { maxLength: 4 }),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z ]{0,10}[a-z]$/), { maxLength: 4, selector: (t) => t.toLowerCase() }),
    dates: fc.array(fc.record({ label: fc.constantFrom('Anniversary', 'Graduation', 'Moved in'), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), year: maybe(fc.integer({ min: 1900, max: 2100 })) }), { maxLength: 2 }).map((ds) => [...new Map(ds.map((d) => [d.label, d])).values()]),
    photo: fc.constant(null),
    circle: maybe(fc.constantFrom('Friends', 'Family', 'Climbing club')),
    importance: fc.constantFrom('inner' as const, 'regular' as const, 'outer' as const),
    cadenceDays: maybe(fc.integer({ min: 0, max: 3650 })),
    howMet: maybe(text),
  })
  .map(normalizeFields);

describe('cards Kith writes', () => {
  test.prop([fields, fc.constantFrom('3.0' as const, '4.0' as const)], { numRuns: 150 })('read back as the same fields', (f, version) => {
    const card = writeCard('5b0c1f9e-1111-4222-8333-944455556666', f, [], version, 0);
    const parsed = parseCard(card);
    expect('error' in parsed ? parsed.error : parsed.fields).toEqual(f);
    expect(card).toMatch(new RegExp(`^BEGIN:VCARD\\r\\nVERSION:${version.replace('.', '\\.')}\\r\\n`));
  });

  it("keep the base card's properties Kith does not model, and its UID as written", () => {
    const phone = ['BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Apple Inc.//iOS//EN', 'FN:Carol Diaz', 'N:Diaz;Carol;;;', 'X-PHONETIC-FIRST-NAME:Ka-rol', 'item1.X-CUSTOM:kept', 'item1.X-ABLabel:Custom', 'item2.TEL:+1 555', 'item2.X-ABLabel:Boat', 'UID:ABC-123', 'END:VCARD', ''].join('\r\n');
    const parsed = parseCard(phone);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.unknown.map((p) => (p as string[])[0])).toEqual(['x-phonetic-first-name', 'x-custom', 'x-ablabel']);
    const written = writeCard('ABC-123', { ...parsed.fields, company: 'Diaz & Co' }, parsed.unknown, '4.0', 0, ['uid', {}, 'text', 'ABC-123']);
    expect(written).toMatch(/\r\nUID:ABC-123\r\n/);
    expect(written).toMatch(/X-PHONETIC-FIRST-NAME:Ka-rol/);
    const again = parseCard(written);
    if ('error' in again) throw new Error(again.error);
    expect(again.fields.methods).toEqual([{ kind: 'phone', label: 'Boat', value: '+1 555', isPrimary: true }]);
    expect(unknownProperties(written)).toEqual(parsed.unknown.map((p) => (p as unknown[])[0] === 'x-custom' || (p as unknown[])[0] === 'x-ablabel' ? [(p as unknown[])[0], { group: 'item2' }, ...(p as unknown[]).slice(2)] : p));
  });

  it('hash the same for a card a server refolded and re-stamped', () => {
    const f = normalizeFields({ displayName: 'Ann Lee', givenName: 'Ann', familyName: 'Lee', nickname: null, company: null, title: null, birthday: null, notes: 'A long note that a server folds at another width than Kith does, again and again', methods: [], tags: [], dates: [], photo: null, circle: null, importance: 'regular', cadenceDays: null, howMet: null });
    const card = writeCard('x', f, [], '4.0', 0);
    const parsed = parseCard(card);
    const rewritten = parseCard(card.replace('VERSION:4.0', 'VERSION:4.0\r\nPRODID:-//Server//EN').replace('REV:19700101T000000Z', 'REV:20260101T000000Z').replace(/\r\n /g, '').replace(/(NOTE:.{20})/, '$1\r\n '));
    if ('error' in parsed || 'error' in rewritten) throw new Error('unreadable');
    expect(contentHash(rewritten.fields, rewritten.unknown)).toBe(contentHash(parsed.fields, parsed.unknown));
  });
});

describe('three-way merge', () => {
  const scalarKeys = ['givenName', 'familyName', 'nickname', 'company', 'title', 'howMet', 'notes'] as const;
  test.prop([fields, fc.subarray([...scalarKeys]), fc.subarray([...scalarKeys]), text], { numRuns: 100 })('keeps every one-sided edit and conflicts only where both sides changed a field differently', (base, localKeys, remoteKeys, value) => {
    const local = structuredClone(base);
    const remote = structuredClone(base);
    for (const k of localKeys) (local as unknown as Record<string, unknown>)[k] = `${value} (here)`;
    for (const k of remoteKeys) (remote as unknown as Record<string, unknown>)[k] = `${value} (there)`;
    const { merged, conflicts } = mergeFields(base, local, remote);
    const both = localKeys.filter((k) => remoteKeys.includes(k));
    expect(conflicts.map((c) => c.field).sort()).toEqual([...both].sort());
    for (const k of localKeys) if (!both.includes(k)) expect(merged[k]).toBe(`${value} (here)`);
    for (const k of remoteKeys) if (!both.includes(k)) expect(merged[k]).toBe(`${value} (there)`);
    const resolved = resolveFields(merged, conflicts, Object.fromEntries(both.map((k) => [k, 'remote'])));
    for (const k of both) expect(resolved[k]).toBe(`${value} (there)`);
  });

  it('merges tags as a set and methods per kind', () => {
    const base = normalizeFields({ displayName: 'A', givenName: null, familyName: null, nickname: null, company: null, title: null, birthday: null, notes: '', methods: [{ kind: 'email', label: null, value: 'a@x.org', isPrimary: true }], tags: ['one', 'two'], dates: [], photo: null, circle: null, importance: 'regular', cadenceDays: null, howMet: null });
    const local = { ...base, tags: ['one', 'two', 'three'], methods: [...base.methods, { kind: 'phone' as const, label: null, value: '+1 5', isPrimary: true }] };
    const remote = { ...base, tags: ['two'], methods: [{ kind: 'email' as const, label: 'Work', value: 'a@work.org', isPrimary: true }] };
    const { merged, conflicts } = mergeFields(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.tags).toEqual(['three', 'two']);
    expect(merged.methods.map((m) => m.value)).toEqual(['a@work.org', '+1 5']);
  });
});
