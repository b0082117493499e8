// Possible duplicates and merging, against a real file: what the scan finds and why, dismissals that
// last, a merge that moves everything to the survivor in one transaction, and an Undo that puts the
// file back exactly as it was.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { ApiError } from '../../shared/api/errors';
import { databaseFingerprint } from '../helpers/fingerprint';
import { solidPng } from '../helpers/images';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => kith.dispose());

const create = (displayName: string, more: Record<string, unknown> = {}) => kith.call('contacts.create', { displayName, ...more } as never);
const email = (value: string) => ({ kind: 'email' as const, value });
const phone = (value: string, label?: string) => ({ kind: 'phone' as const, value, label });
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: ApiError) => e);

describe('the duplicates scan', () => {
  it('groups contacts by email, phone in any format and name without accents, case, punctuation or word order, surest first, saying why', async () => {
    const a = await create('Rachel Kim', { methods: [email('Rachel@Example.com')] });
    const b = await create('R. Kim', { methods: [email('rachel@example.COM ')] });
    const c = await create('Sofía Garcia');
    const d = await create('García, Sofia');
    const e = await create("Tom O'Neill", { methods: [phone('646-555-0177')] });
    const f = await create('Tom ONeill', { methods: [phone('+1 (646) 555-0177')] });
    const g = await create('Jane Doe', { methods: [phone('+44 20 7946 0000')] });
    await create('Someone Else', { methods: [email('else@example.com'), phone('+44 20 7946 0999')] });

    const { groups, total } = await kith.call('duplicates.list', {});
    expect(total).toBe(3);
    const byMembers = (ids: string[]) => groups.find((x) => x.key === [...ids].sort().join(','))!;
    const tom = byMembers([e.id, f.id]);
    expect(tom.reasons.map((r) => [r.kind, r.contactIds.length])).toEqual([
      ['phone', 2],
      ['name', 2],
    ]);
    const rachel = byMembers([a.id, b.id]);
    expect(rachel.reasons).toEqual([{ kind: 'email', value: expect.stringMatching(/^rachel@example\.com$/i), contactIds: [a.id, b.id].sort() }]);
    const sofia = byMembers([c.id, d.id]);
    expect(sofia.reasons.map((r) => r.kind)).toEqual(['name']);
    // phone and name together beat an email alone, which beats a name alone
    expect(groups.map((x) => x.key)).toEqual([tom.key, rachel.key, sofia.key]);
    expect(tom.confidence).toBeGreaterThan(rachel.confidence);
    expect(rachel.confidence).toBeGreaterThan(sofia.confidence);
    expect(groups.flatMap((x) => x.contacts.map((m) => m.id))).not.toContain(g.id);
    expect((await kith.call('duplicates.count', {})).count).toBe(3);
  });

  it('does not propose archived contacts, short numbers, or a name shared by a crowd', async () => {
    const x = await create('Pat Lee', { methods: [phone('112')] });
    await create('Pat Lee', { methods: [phone('112')] });
    await kith.call('contacts.archive', { id: x.id });
    await create('Kim One', { methods: [phone('112')] });
    await create('Kim Two', { methods: [phone('112')] });
    for (let i = 0; i < 9; i++) await create('John Smith');
    expect((await kith.call('duplicates.list', {})).total).toBe(0);
  });

  it('remembers "not a duplicate" across restarts', async () => {
    const a = await create('Jane Doe');
    const b = await create('jane  DOE');
    await kith.call('duplicates.dismiss', { contactIds: [b.id, a.id] });
    expect((await kith.call('duplicates.list', {})).total).toBe(0);
    // a third Jane is still proposed with each of them
    const c = await create('Doe, Jane');
    expect((await kith.call('duplicates.list', {})).groups.map((g) => g.contacts.length)).toEqual([3]);
    await kith.call('duplicates.dismiss', { contactIds: [a.id, b.id, c.id] });
    const path = join(kith.dir, 'kith.sqlite');
    await kith.close();
    const again = await startBackend({ databasePath: path, host: 'web', clock });
    const listed = await again.dispatch('duplicates.list', {});
    expect(listed.ok && (listed.value as { total: number }).total).toBe(0);
    await again.close();
    kith = await startTestBackend({ clock }); // for afterEach
  });

  it('refuses a dismissal of unknown contacts with a clear error', async () => {
    const a = await create('A Person');
    const err = await errorOf(kith.call('duplicates.dismiss', { contactIds: [a.id, 'nope'] }));
    expect(err).toMatchObject({ code: 'not_found' });
    expect((await errorOf(kith.call('duplicates.dismiss', { contactIds: [a.id] })))?.code).toBe('invalid_input');
  });
});

describe('merging contacts', () => {
  it('moves every method, tag, date, note, interaction, reminder, value entry, relationship and photo to the survivor, then Undo restores the file exactly', async () => {
    const circle = 'circle-friends';
    const third = await create('Third Person');
    const keep = await create('Sofia Garcia', { methods: [email('sofia@example.com'), phone('+1 646 555 0177')], tags: ['Climbing'], notes: 'Met at the gym.', circleId: circle });
    const other = await create('Sofía García', {
      company: 'Acme Corporation',
      methods: [email('sofia@work.example'), phone('646-555-0177', 'mobile'), { kind: 'address', value: '1 Main St' }],
      tags: ['climbing', 'Work'],
      notes: 'Prefers email.',
      birthday: { month: 4, day: 12, year: 1990 },
      introducedById: third.id,
    });
    await kith.call('contacts.update', { id: third.id, introducedById: other.id });
    await kith.call('contacts.setPhoto', { id: other.id, photo: `data:image/png;base64,${solidPng(4, 4).toString('base64')}` });
    const both = await kith.call('interactions.log', { kind: 'meeting', direction: 'mutual', summary: 'Dinner', notes: '', participantIds: [keep.id, other.id], occurredAt: Date.parse('2026-02-01T19:00:00Z') });
    const alone = await kith.call('interactions.log', { kind: 'call', direction: 'outbound', summary: 'Call', notes: '', participantIds: [other.id], occurredAt: Date.parse('2026-02-20T19:00:00Z') });
    const reminder = await kith.call('reminders.create', { title: 'Send the book', contactId: other.id, dueDate: '2026-03-10', recurrence: { unit: 'none', interval: 1 } } as never);
    const value = await kith.call('value.create', { contactId: other.id, occurredOn: '2026-01-15', amountMinor: 120000, currency: 'EUR', kind: 'invoiced', note: '' } as never);
    await kith.call('relationships.add', { contactId: other.id, otherId: third.id, role: 'sibling' });
    await kith.call('relationships.add', { contactId: other.id, otherId: keep.id, role: 'friend' });
    await kith.call('health.dashboard', {} as never);
    const before = databaseFingerprint(kith.sqlite);

    clock.advance(60_000);
    const result = await kith.call('duplicates.merge', { survivorId: keep.id, mergedIds: [other.id] });
    const s = result.contact;
    expect(s.displayName).toBe('Sofía García'); // the fuller spelling
    expect(s.company).toBe('Acme Corporation');
    expect(s.birthday).toEqual({ month: 4, day: 12, year: 1990 });
    expect(s.circleId).toBe(circle);
    expect(s.introducedById).toBe(third.id);
    expect(s.methods.map((m) => `${m.kind}:${m.value}`)).toEqual(['email:sofia@example.com', 'phone:+1 646 555 0177', 'email:sofia@work.example', 'address:1 Main St']);
    expect(s.methods.filter((m) => m.isPrimary).map((m) => m.value)).toEqual(['sofia@example.com', '+1 646 555 0177', '1 Main St']);
    expect(s.tags).toEqual(['Climbing', 'Work']);
    expect(s.notes).toBe('Met at the gym.\n\nPrefers email.');
    expect(s.photo).toMatch(/^data:image\/png;base64,/);
    await expect(kith.call('contacts.get', { id: other.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await kith.call('contacts.get', { id: third.id })).introducedById).toBe(keep.id);
    const timeline = await kith.call('interactions.listForContact', { contactId: keep.id } as never);
    expect(timeline.items.map((i) => i.id).sort()).toEqual([both.id, alone.id].sort());
    expect(kith.sqlite.prepare(`SELECT contact_id FROM interaction_participants WHERE interaction_id = ?`).pluck().all(both.id)).toEqual([keep.id]);
    expect(kith.sqlite.prepare(`SELECT contact_id FROM reminders WHERE id = ?`).pluck().get(reminder.id)).toBe(keep.id);
    expect(kith.sqlite.prepare(`SELECT contact_id FROM value_entries WHERE id = ?`).pluck().get(value.id)).toBe(keep.id);
    const links = await kith.call('relationships.listForContact', { contactId: keep.id });
    // the link to the third contact moved; the one between the two merged went; "introduced by" both ways stays
    expect(links.map((l) => [l.role, l.other.displayName])).toEqual([
      ['sibling', 'Third Person'],
      ['introducedBy', 'Third Person'],
      ['introduced', 'Third Person'],
    ]);
    // derived data follows: last interaction, health, search
    expect(s.lastInteractionAt).toBe(Date.parse('2026-02-20T19:00:00Z'));
    expect((await kith.call('contacts.search', { query: 'work.example' })).map((h) => h.id)).toEqual([keep.id]);
    expect(kith.sqlite.prepare(`SELECT count(*) FROM contact_health WHERE contact_id = ?`).pluck().get(other.id)).toBe(0);
    expect((await kith.call('duplicates.list', {})).total).toBe(0);

    const undone = await kith.call('duplicates.undoMerge', { undoId: result.undoId });
    expect(undone.restored).toEqual([other.id]);
    await kith.call('health.dashboard', {} as never);
    expect(databaseFingerprint(kith.sqlite)).toBe(before);
    expect((await kith.call('contacts.search', { query: 'work.example' })).map((h) => h.id)).toEqual([other.id]);
    expect(await errorOf(kith.call('duplicates.undoMerge', { undoId: result.undoId }))).toMatchObject({ code: 'not_found' });
  });

  it('takes each field from the contact chosen, and merges three at once', async () => {
    const a = await create('Ann Lee', { company: 'Short' });
    const b = await create('Annie Lee', { company: 'A Much Longer Company' });
    const c = await create('Lee, Ann', { title: 'Engineer' });
    const { contact } = await kith.call('duplicates.merge', { survivorId: a.id, mergedIds: [b.id, c.id], choices: { company: a.id, displayName: a.id } });
    expect(contact).toMatchObject({ displayName: 'Ann Lee', company: 'Short', title: 'Engineer' });
    expect((await kith.call('contacts.list', {})).total).toBe(1);
  });

  it('refuses bad merges with typed errors and changes nothing', async () => {
    const a = await create('Ann');
    const b = await create('Bea');
    const before = databaseFingerprint(kith.sqlite);
    expect(await errorOf(kith.call('duplicates.merge', { survivorId: a.id, mergedIds: [a.id] }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(kith.call('duplicates.merge', { survivorId: a.id, mergedIds: ['missing'] }))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(kith.call('duplicates.merge', { survivorId: a.id, mergedIds: [b.id], choices: { company: 'elsewhere' } }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(kith.call('duplicates.merge', { survivorId: a.id, mergedIds: [b.id], choices: { color: a.id } as never }))).toMatchObject({ code: 'invalid_input' });
    expect(databaseFingerprint(kith.sqlite)).toBe(before);
  });

  it('cannot be undone once the survivor is deleted, and says so', async () => {
    const a = await create('Ann');
    const b = await create('Ann');
    const { undoId } = await kith.call('duplicates.merge', { survivorId: a.id, mergedIds: [b.id] });
    await kith.call('contacts.archive', { id: a.id });
    await kith.call('contacts.deletePermanently', { id: a.id } as never);
    expect(await errorOf(kith.call('duplicates.undoMerge', { undoId }))).toMatchObject({ code: 'conflict' });
  });
});

describe('phone numbers', () => {
  it('keeps equal numbers once per contact, whatever their format', async () => {
    const c = await create('Rachel Kim', { methods: [phone('646-555-0177', 'mobile'), phone('+1 (646) 555-0177'), phone('0049 30 12345678'), phone('+49 30 12345678')] });
    expect(c.methods.map((m) => [m.value, m.label])).toEqual([
      ['646-555-0177', 'mobile'],
      ['0049 30 12345678', null],
    ]);
    const updated = await kith.call('contacts.update', { id: c.id, methods: [phone('(646) 555 0177'), phone('646.555.0177'), phone('ext. 12'), phone('ext 12')] });
    expect(updated.methods.map((m) => m.value)).toEqual(['(646) 555 0177', 'ext. 12']);
    expect(kith.sqlite.prepare(`SELECT value_normalized FROM contact_methods WHERE contact_id = ? ORDER BY sort_order`).pluck().all(c.id)).toEqual(['+16465550177', '12']);
  });

  it('finds a number in any format, read in the default region, and keeps what does not parse as typed', async () => {
    await kith.call('settings.update', { phoneRegion: 'DE' });
    const berlin = await create('Jürgen Müller', { methods: [phone('+49 30 12345678')] });
    await create('Odd Number', { methods: [phone('call the front desk, 42')] });
    for (const q of ['030 12345678', '+49 (30) 1234-5678', '0049 30 12345678', '03012345678']) expect((await kith.call('contacts.search', { query: q })).map((h) => h.id), q).toEqual([berlin.id]);
    const [hit] = await kith.call('contacts.search', { query: '030 12345678' });
    expect(hit).toMatchObject({ matchedIn: 'methods', excerpt: '+49 30 12345678' });
    expect((await kith.call('contacts.search', { query: 'front desk' })).map((h) => h.displayName)).toEqual(['Odd Number']);
    expect(kith.sqlite.prepare(`SELECT value FROM contact_methods WHERE value LIKE 'call%'`).pluck().get()).toBe('call the front desk, 42');
  });

  it('reads national numbers again when the region changes, and refuses a region that is not one', async () => {
    const c = await create('Local', { methods: [phone('030 12345678')] });
    const stored = () => kith.sqlite.prepare(`SELECT value_normalized FROM contact_methods WHERE contact_id = ?`).pluck().get(c.id);
    expect(stored()).toBe('03012345678'); // not a possible US number: digits as typed
    await kith.call('settings.update', { phoneRegion: 'de' });
    expect((await kith.call('settings.get', {})).phoneRegion).toBe('DE');
    expect(stored()).toBe('+493012345678');
    expect(await errorOf(kith.call('settings.update', { phoneRegion: 'Germany' }))).toMatchObject({ code: 'invalid_input' });
  });

  it('guesses the region from the system locale once, and computes the E.164 forms of a file from before 0009 at first open', async () => {
    const { copyFileSync } = await import('node:fs');
    const path = join(kith.dir, 'old.sqlite');
    copyFileSync(join(__dirname, '../fixtures/schema/0008_reminder_sync.sqlite'), path);
    const old = await startBackend({ databasePath: path, host: 'web', clock, locale: 'de-DE' });
    const settings = await old.dispatch('settings.get', {});
    expect(settings.ok && (settings.value as { phoneRegion: string }).phoneRegion).toBe('DE');
    const phones = old.handle.sqlite.prepare(`SELECT value, value_normalized FROM contact_methods WHERE kind = 'phone'`).all() as { value: string; value_normalized: string }[];
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) if (/^\+/.test(p.value)) expect(p.value_normalized, p.value).toMatch(/^\+\d{7,15}$/);
    await old.close();
    // a later start with another locale keeps the user's region
    const again = await startBackend({ databasePath: path, host: 'web', clock, locale: 'en-GB' });
    const s2 = await again.dispatch('settings.get', {});
    expect(s2.ok && (s2.value as { phoneRegion: string }).phoneRegion).toBe('DE');
    await again.close();
  });
});

describe('duplicates at import', () => {
  const card = (fn: string, lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${fn}`, ...lines, 'END:VCARD'].join('\r\n') + '\r\n';

  it('shows a record that matches two existing contacts with both, and never merges it into one of them without a choice', async () => {
    const { previewFile } = await import('../helpers/transfer');
    const byEmail = await create('Rachel Kim', { methods: [email('rachel@example.com')] });
    const byPhone = await create('Rachel K.', { methods: [phone('+1 646 555 0177')] });
    const file = card('Rachel Kim', ['EMAIL:rachel@example.com', 'TEL:646-555-0177']);
    const preview = await previewFile(kith, 'r.vcf', file);
    expect(preview.duplicates).toHaveLength(1);
    expect(preview.duplicates[0]!.candidates.map((c) => [c.id, c.matchedBy])).toEqual([
      [byEmail.id, 'email'],
      [byPhone.id, 'phone'],
    ]);
    const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId, defaultAction: 'merge' });
    expect(summary).toMatchObject({ added: 1, merged: 0 });
    expect(summary.warnings.map((w) => w.reason)).toEqual([expect.stringContaining('matches Rachel Kim and Rachel K.; added as a new contact')]);
    expect((await kith.call('contacts.get', { id: byEmail.id })).methods).toHaveLength(1);

    // with a choice, it goes into the contact chosen
    const again = await previewFile(kith, 'r.vcf', card('Rachel Kim', ['EMAIL:rachel@example.com', 'TEL:646-555-0177', 'NOTE:from the second file']));
    const done = await kith.call('transfer.importCommit', { sessionId: again.sessionId, defaultAction: 'merge', mergeInto: { [again.duplicates[0]!.record]: byPhone.id } });
    expect(done).toMatchObject({ added: 0, merged: 1 });
    expect((await kith.call('contacts.get', { id: byPhone.id })).notes).toContain('from the second file');
  });

  it('finds duplicates inside one file and merges them into one contact', async () => {
    const { previewFile } = await import('../helpers/transfer');
    const file = card('Sofía García', ['EMAIL:sofia@example.com']) + card('Someone Else', []) + card('Garcia, Sofia', ['TEL:+49 30 1234567']) + card('S. García', ['EMAIL:SOFIA@example.com']);
    const preview = await previewFile(kith, 'in-file.vcf', file);
    expect(preview.duplicates.map((d) => [d.record, d.existing, d.inFile])).toEqual([
      [3, null, { record: 1, displayName: 'Sofía García', matchedBy: 'name' }],
      [4, null, { record: 1, displayName: 'Sofía García', matchedBy: 'email' }],
    ]);
    expect(preview.newCount).toBe(2);
    // record 3 shares only the name: merged because the user chose that for name matches (the default keeps it apart)
    const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId, defaultAction: 'merge', nameOnlyAction: 'merge' });
    expect(summary).toMatchObject({ added: 2, merged: 2 });
    const list = await kith.call('contacts.list', {});
    expect(list.items.map((c) => c.displayName).sort()).toEqual(['Sofía García', 'Someone Else']);
  });
});
