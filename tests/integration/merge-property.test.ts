// Merging, on random contacts: nothing is lost (every row of the merged contacts is found on the
// survivor afterwards), the derived tables agree with a computation from scratch, and Undo puts the
// file back byte for byte (the same fingerprint of every user table).
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allContactsHealth, computeAllContactsHealth } from '../../db/queries/health';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import { databaseFingerprint } from '../helpers/fingerprint';
import { solidPng } from '../helpers/images';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const DAY = 86_400_000;
const clock = fixedClock('2026-06-01T12:00:00Z', 'Europe/Berlin');
let kith: TestBackend;
beforeAll(async () => (kith = await startTestBackend({ clock })));
afterAll(async () => kith.dispose());

// small pools, so that the contacts share emails, numbers (in other spellings), tags and dates
const EMAILS = ['ann@example.com', 'ANN@example.com', 'work@example.org', 'x@y.example'];
const PHONES = ['646-555-0177', '+1 (646) 555-0177', '+44 20 7946 0958', '020 7946 0958', 'ext. 12'];
const TAGS = ['Climbing', 'climbing', 'Work', 'Family'];
const ROLES = ['partner', 'parent', 'child', 'sibling', 'friend', 'colleague', 'introduced'] as const;

const contactArb = fc.record({
  name: fc.constantFrom('Ann Lee', 'Lee, Ann', 'Anne Lee', 'ann lee'),
  company: fc.option(fc.constantFrom('Acme', 'Acme Corporation'), { nil: null }),
  emails: fc.subarray(EMAILS),
  phones: fc.subarray(PHONES),
  tags: fc.subarray(TAGS),
  notes: fc.constantFrom('', 'Likes tea.', 'Met at the gym.'),
  birthday: fc.option(fc.record({ month: fc.constant(4), day: fc.constant(12), year: fc.option(fc.constant(1990), { nil: null }) }), { nil: null }),
  dates: fc.subarray([{ label: 'Anniversary', month: 6, day: 1 }, { label: 'Name day', month: 7, day: 26 }]),
  photo: fc.boolean(),
  reminders: fc.nat({ max: 2 }),
  values: fc.nat({ max: 2 }),
});

const worldArb = fc.integer({ min: 2, max: 4 }).chain((n) =>
  fc.record({
    contacts: fc.array(contactArb, { minLength: n, maxLength: n }),
    // participants by index; n stands for a third person who is not merged
    interactions: fc.array(fc.record({ who: fc.uniqueArray(fc.integer({ min: 0, max: n }), { minLength: 1, maxLength: 3 }), daysAgo: fc.integer({ min: 0, max: 300 }) }), { maxLength: 6 }),
    links: fc.array(fc.record({ a: fc.integer({ min: 0, max: n }), b: fc.integer({ min: 0, max: n }), role: fc.constantFrom(...ROLES) }), { maxLength: 5 }),
    introducedBy: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }),
    mergedCount: fc.integer({ min: 1, max: n - 1 }),
    photoFrom: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }),
  }),
);

function derivedAgree() {
  const now = clock.now().getTime();
  const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  expect(byId(allContactsHealth(kith.sqlite, now, 'Europe/Berlin'))).toEqual(byId(computeAllContactsHealth(kith.sqlite, now, 'Europe/Berlin')));
  const stale = kith.sqlite
    .prepare(
      `SELECT id FROM contacts c WHERE last_interaction_at IS NOT (SELECT max(occurred_at) FROM interaction_participants WHERE contact_id = c.id)
         OR first_interaction_at IS NOT (SELECT min(occurred_at) FROM interaction_participants WHERE contact_id = c.id)`,
    )
    .pluck()
    .all();
  expect(stale).toEqual([]);
}

describe('merge, on random contacts', () => {
  it('loses nothing, keeps the derived tables right, and Undo restores the exact previous state', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const ids: string[] = [];
        for (const c of w.contacts) {
          const made = await kith.call('contacts.create', {
            displayName: c.name,
            company: c.company,
            notes: c.notes,
            birthday: c.birthday,
            tags: c.tags,
            methods: [...c.emails.map((value) => ({ kind: 'email' as const, value })), ...c.phones.map((value) => ({ kind: 'phone' as const, value }))],
          });
          ids.push(made.id);
          if (c.photo) await kith.call('contacts.setPhoto', { id: made.id, photo: `data:image/png;base64,${solidPng(2, 2, [ids.length * 40, 10, 10]).toString('base64')}` });
          for (const d of c.dates) kith.sqlite.prepare(`INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES (?, ?, ?, ?, ?, NULL)`).run(`${made.id}-${d.label}`, made.id, d.label, d.month, d.day);
          for (let i = 0; i < c.reminders; i++) await kith.call('reminders.create', { title: `Reminder ${i}`, contactId: made.id, dueDate: '2026-07-01', recurrence: { unit: 'none', interval: 1 } } as never);
          for (let i = 0; i < c.values; i++) await kith.call('value.create', { contactId: made.id, occurredOn: '2026-05-01', amountMinor: 1000 * (i + 1), currency: 'EUR', kind: 'paid', note: '' } as never);
        }
        const third = (await kith.call('contacts.create', { displayName: 'Third Person' })).id;
        const all = [...ids, third];
        if (w.introducedBy !== null) await kith.call('contacts.update', { id: third, introducedById: ids[w.introducedBy]! });
        for (const x of w.interactions) {
          await kith.call('interactions.log', { kind: 'call', direction: 'mutual', summary: '', notes: '', participantIds: x.who.map((i) => all[i]!), occurredAt: clock.now().getTime() - x.daysAgo * DAY });
        }
        for (const l of w.links) if (l.a !== l.b) await kith.call('relationships.add', { contactId: all[l.a]!, otherId: all[l.b]!, role: l.role }).catch(() => undefined);
        await kith.call('health.dashboard', {} as never);

        const survivor = ids[0]!;
        const merged = ids.slice(1, 1 + w.mergedCount);
        const involved = [survivor, ...merged];
        const rowsOf = (sql: string) => {
          const uses = sql.split('$IDS').length - 1;
          return kith.sqlite.prepare(sql.replaceAll('$IDS', involved.map(() => '?').join(','))).all(...Array.from({ length: uses }, () => involved).flat()) as Record<string, unknown>[];
        };
        const methods = rowsOf(`SELECT kind, value FROM contact_methods WHERE contact_id IN ($IDS)`);
        const tags = rowsOf(`SELECT lower(t.name) AS name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id IN ($IDS)`);
        const dates = rowsOf(`SELECT label, month, day FROM contact_dates WHERE contact_id IN ($IDS)`);
        const notes = rowsOf(`SELECT notes FROM contacts WHERE id IN ($IDS)`);
        const interactions = rowsOf(`SELECT DISTINCT interaction_id FROM interaction_participants WHERE contact_id IN ($IDS)`);
        const reminders = rowsOf(`SELECT id FROM reminders WHERE contact_id IN ($IDS) AND source = 'manual'`);
        const values = rowsOf(`SELECT id FROM value_entries WHERE contact_id IN ($IDS)`);
        const links = rowsOf(`SELECT from_contact_id AS f, to_contact_id AS t, kind FROM relationships WHERE from_contact_id IN ($IDS) OR to_contact_id IN ($IDS)`);
        const photos = new Map(rowsOf(`SELECT contact_id, data FROM contact_photos WHERE contact_id IN ($IDS)`).map((r) => [r.contact_id as string, r.data as Buffer]));
        const before = databaseFingerprint(kith.sqlite);

        const choices = w.photoFrom !== null && w.photoFrom <= w.mergedCount ? { photo: ids[w.photoFrom]! } : {};
        const { undoId } = await kith.call('duplicates.merge', { survivorId: survivor, mergedIds: merged, choices });

        const on = (sql: string, ...args: unknown[]) => kith.sqlite.prepare(sql).all(survivor, ...args) as Record<string, unknown>[];
        const region = 'US';
        const have = new Set(on(`SELECT kind, value_normalized FROM contact_methods WHERE contact_id = ?`).map((m) => `${m.kind}|${m.value_normalized}`));
        for (const m of methods) expect(have, `${m.kind} ${m.value}`).toContain(`${m.kind}|${normalizeMethodValue(m.kind as 'email', m.value as string, region)}`);
        expect(have.size).toBe(new Set(methods.map((m) => `${m.kind}|${normalizeMethodValue(m.kind as 'email', m.value as string, region)}`)).size);
        const haveTags = new Set(on(`SELECT lower(t.name) AS name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ?`).map((t) => t.name));
        for (const t of tags) expect(haveTags).toContain(t.name);
        const haveDates = on(`SELECT label, month, day FROM contact_dates WHERE contact_id = ?`);
        for (const d of dates) expect(haveDates).toContainEqual(d);
        const survivorNotes = on(`SELECT notes FROM contacts WHERE id = ?`)[0]!.notes as string;
        for (const n of notes) expect(survivorNotes).toContain((n.notes as string).trim());
        for (const i of interactions) expect(kith.sqlite.prepare(`SELECT contact_id FROM interaction_participants WHERE interaction_id = ?`).pluck().all(i.interaction_id)).toContain(survivor);
        for (const r of reminders) expect(kith.sqlite.prepare(`SELECT contact_id FROM reminders WHERE id = ?`).pluck().get(r.id)).toBe(survivor);
        for (const v of values) expect(kith.sqlite.prepare(`SELECT contact_id FROM value_entries WHERE id = ?`).pluck().get(v.id)).toBe(survivor);
        const mapped = (id: unknown) => (involved.includes(id as string) ? survivor : id);
        const haveLinks = kith.sqlite.prepare(`SELECT from_contact_id AS f, to_contact_id AS t, kind FROM relationships WHERE from_contact_id = ? OR to_contact_id = ?`).all(survivor, survivor);
        for (const l of links) {
          const f = mapped(l.f);
          const t = mapped(l.t);
          if (f !== t) expect(haveLinks).toContainEqual({ f, t, kind: l.kind });
        }
        if (w.introducedBy !== null && involved.includes(ids[w.introducedBy]!)) expect(kith.sqlite.prepare(`SELECT introduced_by_id FROM contacts WHERE id = ?`).pluck().get(third)).toBe(survivor);
        // the photo: the chosen contact's, else the first of them that has one
        const expectedPhoto = (choices.photo && photos.get(choices.photo)) || involved.map((id) => photos.get(id)).find(Boolean);
        expect(kith.sqlite.prepare(`SELECT data FROM contact_photos WHERE contact_id = ?`).pluck().get(survivor) ?? null).toEqual(expectedPhoto ?? null);
        expect(kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE id IN (${merged.map(() => '?').join(',')})`).pluck().get(...merged)).toBe(0);
        derivedAgree();

        await kith.call('duplicates.undoMerge', { undoId });
        await kith.call('health.dashboard', {} as never);
        expect(databaseFingerprint(kith.sqlite)).toBe(before);
        derivedAgree();
      }),
      { numRuns: 30 },
    );
  });
});
