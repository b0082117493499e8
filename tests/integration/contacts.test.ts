// Contacts against a real SQLite file: every field, bad input refused with nothing written,
// cadence inheritance, the archive (hide, restore, permanent delete and its cascade), photos.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { InputOf } from '../../shared/api/contract';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
const clock = fixedClock('2026-06-15T12:00:00Z');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => kith.dispose());

const count = (table: string) => kith.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

describe('a contact with every field', () => {
  it('stores and returns names, circle, importance, birthday, how met, introduced by, notes, cadence, methods and tags', async () => {
    const intro = await kith.call('contacts.create', { displayName: 'Ivy Introducer' });
    const c = await kith.call('contacts.create', {
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      nickname: 'Countess',
      company: 'Analytical Engines',
      title: 'Programmer',
      circleId: 'circle-friends',
      importance: 'inner',
      birthday: { month: 12, day: 10, year: null },
      howMet: 'At a lecture by Babbage',
      introducedById: intro.id,
      notes: '**Loves** poetry',
      cadenceDays: 21,
      methods: [
        { kind: 'email', label: 'work', value: 'ada@engines.org' },
        { kind: 'email', label: 'home', value: 'ada@home.org', isPrimary: true },
        { kind: 'phone', label: 'mobile', value: '+44 20 7946 0000' },
        { kind: 'website', value: 'https://ada.example' },
      ],
      tags: ['math', 'Poetry', 'math'],
    });
    expect(c).toMatchObject({
      givenName: 'Ada',
      familyName: 'Lovelace',
      nickname: 'Countess',
      importance: 'inner',
      birthday: { month: 12, day: 10, year: null },
      introducedBy: { id: intro.id, displayName: 'Ivy Introducer' },
      cadenceDays: 21,
      effectiveCadenceDays: 21,
      tags: ['math', 'Poetry'],
    });
    const emails = c.methods.filter((m) => m.kind === 'email');
    expect(emails.map((m) => [m.value, m.isPrimary])).toEqual([
      ['ada@engines.org', false],
      ['ada@home.org', true],
    ]);
    // the only phone is its kind's primary even though none was marked
    expect(c.methods.find((m) => m.kind === 'phone')?.isPrimary).toBe(true);
  });

  it('refuses an empty name, a malformed email, 31 February, an unknown circle and writes nothing', async () => {
    const cases: [InputOf<'contacts.create'>, string][] = [
      [{ displayName: '   ' }, 'displayName'],
      [{ displayName: 'Bad', methods: [{ kind: 'email', value: 'nope@' }] }, 'methods.0.value'],
      [{ displayName: 'Bad', birthday: { month: 2, day: 31 } }, 'birthday.day'],
      [{ displayName: 'Bad', circleId: 'circle-nowhere' }, 'circleId'],
      [{ displayName: 'Bad', introducedById: 'ghost' }, 'introducedById'],
      [{ displayName: 'Bad', cadenceDays: -1 }, 'cadenceDays'],
    ];
    for (const [input, field] of cases) {
      const err = await refusal(kith.call('contacts.create', input));
      expect(err.code, field).toBe('invalid_input');
      expect(err.field).toBe(field);
      expect(err.message.length).toBeGreaterThan(3);
    }
    expect(count('contacts')).toBe(0);
    expect(count('contact_methods')).toBe(0);
  });

  it('accepts 29 February without a year or in a leap year, not in a common year', async () => {
    await kith.call('contacts.create', { displayName: 'Leap', birthday: { month: 2, day: 29 } });
    await kith.call('contacts.create', { displayName: 'Leap 2000', birthday: { month: 2, day: 29, year: 2000 } });
    const err = await refusal(kith.call('contacts.create', { displayName: 'Not leap', birthday: { month: 2, day: 29, year: 2001 } }));
    expect(err.field).toBe('birthday.day');
    expect(count('contacts')).toBe(2);
  });

  it('changes only the fields an update names', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Ann', importance: 'inner', notes: 'keep me', methods: [{ kind: 'email', value: 'ann@x.org' }], tags: ['a'] });
    const after = await kith.call('contacts.update', { id: c.id, company: 'Acme' });
    expect(after).toMatchObject({ displayName: 'Ann', company: 'Acme', importance: 'inner', notes: 'keep me', tags: ['a'] });
    expect(after.methods.map((m) => m.value)).toEqual(['ann@x.org']);
  });

  it('leaves everything as it was when an update is refused', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Ann', methods: [{ kind: 'email', value: 'ann@x.org' }], tags: ['a'] });
    const err = await refusal(kith.call('contacts.update', { id: c.id, displayName: 'Changed', circleId: 'circle-nowhere', methods: [] }));
    expect(err.field).toBe('circleId');
    const again = await kith.call('contacts.get', { id: c.id });
    expect(again).toMatchObject({ displayName: 'Ann', tags: ['a'] });
    expect(again.methods).toHaveLength(1);
  });

  it('inherits the circle cadence until it has its own; 0 means never', async () => {
    const inherit = await kith.call('contacts.create', { displayName: 'Inherit', circleId: 'circle-family' });
    const own = await kith.call('contacts.create', { displayName: 'Own', circleId: 'circle-family', cadenceDays: 45 });
    const never = await kith.call('contacts.create', { displayName: 'Never', circleId: 'circle-family', cadenceDays: 0 });
    expect([inherit.effectiveCadenceDays, own.effectiveCadenceDays, never.effectiveCadenceDays]).toEqual([14, 45, 0]);
    await kith.call('circles.update', { id: 'circle-family', defaultCadenceDays: 7 });
    expect((await kith.call('contacts.get', { id: inherit.id })).effectiveCadenceDays).toBe(7);
    expect((await kith.call('contacts.get', { id: own.id })).effectiveCadenceDays).toBe(45);
    expect((await kith.call('contacts.get', { id: never.id })).effectiveCadenceDays).toBe(0);
    // back to inheriting
    const back = await kith.call('contacts.update', { id: own.id, cadenceDays: null });
    expect(back).toMatchObject({ cadenceDays: null, effectiveCadenceDays: 7 });
  });

  it('stores a downscaled photo and removes it; refuses something that is not an image', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Pic' });
    const jpeg = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64')}`;
    const withPhoto = await kith.call('contacts.setPhoto', { id: c.id, photo: jpeg });
    expect(withPhoto.photo).toBe(jpeg);
    expect(kith.sqlite.prepare('SELECT mime, length(data) AS n FROM contact_photos').get()).toEqual({ mime: 'image/jpeg', n: 7 });
    const err = await refusal(kith.call('contacts.setPhoto', { id: c.id, photo: 'data:text/html;base64,PHNjcmlwdD4=' }));
    expect(err.field).toBe('photo');
    expect((await kith.call('contacts.setPhoto', { id: c.id, photo: null })).photo).toBeNull();
    expect(count('contact_photos')).toBe(0);
  });
});

describe('the contacts list', () => {
  it('sorts by name and by last interaction, filters by circle and tag, and pages', async () => {
    const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'];
    const made = [];
    for (const [i, n] of names.entries()) made.push(await kith.call('contacts.create', { displayName: n, circleId: i % 2 ? 'circle-friends' : 'circle-family', tags: i < 2 ? ['Club'] : [] }));
    const byName = await kith.call('contacts.list', {});
    expect(byName.items.map((c) => c.displayName)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    expect(byName.total).toBe(5);
    await kith.call('interactions.log', { kind: 'call', participantIds: [made[4]!.id], occurredAt: clock.now().getTime() - 1000 });
    await kith.call('interactions.log', { kind: 'call', participantIds: [made[2]!.id], occurredAt: clock.now().getTime() - 5000 });
    const recent = await kith.call('contacts.list', { sort: 'lastInteraction' });
    expect(recent.items.slice(0, 2).map((c) => c.displayName)).toEqual(['echo', 'charlie']);
    expect((await kith.call('contacts.list', { circleId: 'circle-friends' })).items.map((c) => c.displayName)).toEqual(['Alpha', 'Bravo']);
    // the same query with another circle, tag or page: the values are the call's, not the first call's
    expect((await kith.call('contacts.list', { circleId: 'circle-family' })).items.map((c) => c.displayName)).toEqual(['charlie', 'delta', 'echo']);
    expect((await kith.call('contacts.list', { tag: 'club' })).items.map((c) => c.displayName)).toEqual(['Alpha', 'delta']);
    expect(await kith.call('contacts.list', { tag: 'nobody-has-it' })).toEqual({ items: [], total: 0 });
    expect((await kith.call('contacts.list', { tag: 'club', circleId: 'circle-family' })).items.map((c) => c.displayName)).toEqual(['delta']);
    const page2 = await kith.call('contacts.list', { limit: 2, offset: 2 });
    expect(page2).toMatchObject({ total: 5, items: [{ displayName: 'charlie' }, { displayName: 'delta' }] });
    expect((await kith.call('contacts.list', { limit: 1, offset: 4 })).items.map((c) => c.displayName)).toEqual(['echo']);
  });
});

describe('the archive', () => {
  it('hides an archived contact from the list, search, circle counts and tag counts; restore brings it all back', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Hidden Hamilton', circleId: 'circle-friends', tags: ['secret'], notes: 'sailing' });
    await kith.call('contacts.archive', { id: c.id });
    expect((await kith.call('contacts.list', {})).total).toBe(0);
    expect((await kith.call('contacts.list', { archived: true })).items.map((x) => x.id)).toEqual([c.id]);
    expect(await kith.call('contacts.search', { query: 'hamilton' })).toEqual([]);
    expect(await kith.call('contacts.search', { query: 'hamilton', includeArchived: true })).toHaveLength(1);
    expect((await kith.call('circles.list', {})).find((x) => x.id === 'circle-friends')?.contactCount).toBe(0);
    expect((await kith.call('tags.list', {})).find((t) => t.name === 'secret')?.contactCount).toBe(0);
    const restored = await kith.call('contacts.restore', { id: c.id });
    expect(restored).toMatchObject({ archivedAt: null, tags: ['secret'], circleId: 'circle-friends', notes: 'sailing' });
    expect((await kith.call('contacts.search', { query: 'sailing' })).map((h) => h.id)).toEqual([c.id]);
  });

  it('refuses a permanent delete of a contact that is not archived', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Kept' });
    const err = await refusal(kith.call('contacts.deletePermanently', { id: c.id }));
    expect(err.code).toBe('conflict');
    expect(count('contacts')).toBe(1);
  });

  it('deletes for good: their own interactions, reminders and links go; shared interactions stay without them', async () => {
    const gone = await kith.call('contacts.create', { displayName: 'Gone', methods: [{ kind: 'email', value: 'g@x.org' }], tags: ['t'] });
    const stay = await kith.call('contacts.create', { displayName: 'Stay', introducedById: gone.id });
    const solo = await kith.call('interactions.log', { kind: 'call', participantIds: [gone.id] });
    const shared = await kith.call('interactions.log', { kind: 'meeting', participantIds: [gone.id, stay.id], summary: 'Dinner' });
    const staysOwn = await kith.call('interactions.log', { kind: 'call', participantIds: [stay.id] });
    await kith.call('relationships.add', { contactId: gone.id, otherId: stay.id, role: 'partner' });
    const now = clock.now().getTime();
    kith.sqlite
      .prepare(`INSERT INTO reminders (id, contact_id, title, due_date, created_at, updated_at) VALUES ('r1', ?, 'Call', '2026-07-01', ?, ?), ('r2', ?, 'Other', '2026-07-01', ?, ?)`)
      .run(gone.id, now, now, stay.id, now, now);

    await kith.call('contacts.archive', { id: gone.id });
    const report = await kith.call('contacts.deletePermanently', { id: gone.id });
    expect(report).toEqual({ id: gone.id, interactionsDeleted: 1, interactionsKept: 1, remindersDeleted: 1, relationshipsDeleted: 1 });

    expect(kith.sqlite.prepare('SELECT id FROM interactions ORDER BY id').pluck().all()).toEqual([shared.id, staysOwn.id].sort());
    expect((await kith.call('interactions.get', { id: shared.id })).participants.map((p) => p.displayName)).toEqual(['Stay']);
    await expect(kith.call('interactions.get', { id: solo.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(kith.sqlite.prepare('SELECT id FROM reminders').pluck().all()).toEqual(['r2']);
    for (const table of ['relationships', 'contact_methods', 'contact_tags']) expect(count(table), table).toBe(0);
    expect((await kith.call('contacts.get', { id: stay.id })).introducedById).toBeNull();
    expect(await kith.call('contacts.search', { query: 'gone', includeArchived: true })).toEqual([]);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(1);
    expect(kith.sqlite.prepare('SELECT contact_id FROM search_keys').pluck().all()).toEqual([stay.id]);
  });

  it('rolls the whole delete back when any part fails', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Fragile' });
    await kith.call('interactions.log', { kind: 'call', participantIds: [c.id] });
    await kith.call('contacts.archive', { id: c.id });
    // a trigger that makes the final step fail, as a crash half-way would
    kith.sqlite.exec(`CREATE TRIGGER boom BEFORE DELETE ON contacts BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const result = await kith.dispatch('contacts.deletePermanently', { id: c.id });
    expect(result.ok).toBe(false);
    expect(count('interactions')).toBe(1);
    expect(count('contacts')).toBe(1);
  });
});
