// Property: any contacts Kith can hold → vCard 4.0, vCard 3.0 or CSV export → import into an empty
// database → the same contacts (names, methods with labels and primaries, birthday, dates, notes, tags, circle, cadence…),
// and through vCard what Kith remembers about them too (facts, life events, open topics, gift ideas).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { contactsByName, importFile, rememberedByName } from '../helpers/transfer';
import type { InputOf } from '../../shared/api/contract';
import { isValidMonthDay } from '../../shared/domain/calendar';
import { LIFE_EVENT_KINDS } from '../../shared/domain/lifeEvents';

// text a user can type: any characters but control characters (a line break is fine where the form allows one)
const char = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(',', ';', '\\', ':', '"', "'", '=', ' ', 'é', 'ß', '漢', '😀', '\\n', '\\;', '\\,') },
);
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join('').replace(/[\u0000-\u001f\u007f]/g, ''));
const line = (max: number) => text(max).map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= max);
const optionalLine = (max: number) => fc.option(line(max), { nil: null });
const notes = fc.array(fc.oneof(text(20), fc.constant('\n')), { maxLength: 6 }).map((parts) => parts.join(''));
const monthDay = fc
  .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), year: fc.option(fc.integer({ min: 1800, max: 2200 }), { nil: null }) })
  .filter((d) => isValidMonthDay(d.month, d.day, d.year));
const label = fc.option(fc.oneof(line(20), fc.constantFrom('home', 'Work', 'mobile', 'Other')), { nil: null });
const method = fc.oneof(
  fc.record({ kind: fc.constant('email' as const), value: fc.emailAddress().filter((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length < 200), label, isPrimary: fc.boolean() }),
  fc.record({ kind: fc.constant('phone' as const), value: fc.stringMatching(/^\+?[0-9][0-9 ()-]{3,18}[0-9]$/), label, isPrimary: fc.boolean() }),
  fc.record({ kind: fc.constant('address' as const), value: line(80), label, isPrimary: fc.boolean() }),
  fc.record({ kind: fc.constant('website' as const), value: fc.webUrl(), label, isPrimary: fc.boolean() }),
  fc.record({ kind: fc.constant('social' as const), value: line(40), label, isPrimary: fc.boolean() }),
);
const contact = fc.record({
  displayName: line(60),
  givenName: optionalLine(30),
  familyName: optionalLine(30),
  nickname: optionalLine(30),
  company: optionalLine(40),
  title: optionalLine(40),
  circleId: fc.constantFrom(null, 'circle-family', 'circle-friends', 'circle-colleagues', 'circle-clients'),
  importance: fc.constantFrom('inner' as const, 'regular' as const, 'outer' as const),
  birthday: fc.option(monthDay, { nil: null }),
  howMet: optionalLine(80),
  notes,
  cadenceDays: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: null }),
  methods: fc.array(method, { maxLength: 6 }),
  tags: fc.uniqueArray(line(20), { maxLength: 4, selector: (t) => t.toLowerCase() }),
  dates: fc.array(fc.record({ label: fc.oneof(fc.constant('Anniversary'), line(20)), date: monthDay }), { maxLength: 3 }),
});

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const link = fc.webUrl().filter((u) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(u) && u.length <= 2000);
const fact = fc.oneof(
  fc.record({ label: line(30), type: fc.constant('text' as const), value: line(60) }),
  fc.record({ label: line(30), type: fc.constant('number' as const), value: fc.oneof(fc.integer(), fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => n.toFixed(2))).map(String) }),
  fc.record({ label: line(30), type: fc.constant('date' as const), value: isoDate }),
  fc.record({ label: line(30), type: fc.constant('link' as const), value: link }),
);
/** what Kith remembers about a person, as the services take it */
const remembered = fc.record({
  facts: fc.array(fact, { maxLength: 3 }),
  events: fc.array(fc.record({ kind: fc.constantFrom(...LIFE_EVENT_KINDS), title: line(60), occurredOn: isoDate }), { maxLength: 2 }),
  topics: fc.array(line(60), { maxLength: 2 }),
  ideas: fc.array(fc.record({ title: line(60), url: fc.option(link, { nil: null }) }), { maxLength: 2 }),
});

type Generated = Omit<InputOf<'contacts.create'>, 'introducedById'> & { dates: { label: string; date: { month: number; day: number; year: number | null } }[] };
type Remembered = typeof remembered extends fc.Arbitrary<infer R> ? R : never;

async function seed(kith: TestBackend, people: (Generated & { remembered?: Remembered })[]) {
  for (const { dates, remembered: r, ...fields } of people) {
    const created = await kith.call('contacts.create', fields);
    for (const f of r?.facts ?? []) await kith.call('facts.create', { contactId: created.id, ...f });
    for (const e of r?.events ?? []) await kith.call('lifeEvents.create', { contactId: created.id, ...e });
    for (const text of r?.topics ?? []) await kith.call('topics.add', { contactId: created.id, text });
    for (const g of r?.ideas ?? []) await kith.call('gifts.create', { contactId: created.id, status: 'idea', title: g.title, url: g.url });
    dates.forEach((d, i) =>
      kith.sqlite.prepare(`INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES (?, ?, ?, ?, ?, ?)`).run(`${created.id}-d${i}`, created.id, d.label, d.date.month, d.date.day, d.date.year),
    );
  }
}

const comparable = (c: Awaited<ReturnType<typeof contactsByName>>[number]) => ({
  ...c,
  methods: c.methods.map(({ id: _id, ...m }) => m),
  dates: c.dates.map(({ id: _id, ...d }) => d).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  createdAt: 0,
  updatedAt: 0,
});

/** what a CSV carries: no ids, photos or method labels; the primary value of each kind comes first */
const viaCsv = (c: ReturnType<typeof comparable>) => {
  const { id: _id, photo: _photo, ...rest } = c;
  // the columns' order: Emails, Phones, Addresses, Websites, Social
  const kinds = (['email', 'phone', 'address', 'website', 'social'] as const).filter((k) => c.methods.some((m) => m.kind === k));
  return {
    ...rest,
    methods: kinds.flatMap((kind) => {
      const of = c.methods.filter((m) => m.kind === kind);
      const primary = of.find((m) => m.isPrimary) ?? of[0]!;
      return [primary, ...of.filter((m) => m !== primary)].map((m) => ({ kind: m.kind, value: m.value, isPrimary: m === primary }));
    }),
  };
};

describe('export round trip', () => {
  for (const format of ['vcard', 'vcard3', 'csv'] as const) {
    it(`random contacts → ${format} export → import into an empty database → the same contacts`, async () => {
      const clock = fixedClock('2026-03-01T10:00:00Z', 'UTC');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ person: contact, remembered }).map(({ person, remembered: r }) => ({ ...person, remembered: r })), { minLength: 1, maxLength: 4 }), async (people) => {
          const source = await startTestBackend({ clock });
          const target = await startTestBackend({ clock });
          try {
            await seed(source, people);
            const file = await source.call('transfer.export', { format });
            const { preview, summary } = await importFile(target, file.fileName, file.content!);
            expect(preview.leftOut).toEqual([]);
            expect(summary).toMatchObject({ added: people.length, merged: 0, failed: [], warnings: [] });
            const [got, want] = [(await contactsByName(target)).map(comparable), (await contactsByName(source)).map(comparable)];
            // without ids, people of the same name are in no particular order: compare as sets
            const sorted = (list: typeof got) => list.map(viaCsv).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
            if (format === 'csv') expect(sorted(got)).toEqual(sorted(want));
            else {
              expect(got).toEqual(want);
              // facts keep their order; events, topics and ideas added in the same millisecond have none of their own
              const bag = (list: Awaited<ReturnType<typeof rememberedByName>>) =>
                list.map((r) => ({ ...r, events: r.events.map(String).sort(), topics: [...r.topics].sort(), ideas: r.ideas.map(String).sort() }));
              expect(bag(await rememberedByName(target))).toEqual(bag(await rememberedByName(source)));
            }
          } finally {
            await source.dispose();
            await target.dispose();
          }
        }),
        { numRuns: Number(process.env.KITH_FC_RUNS ?? 25) },
      );
    }, 240_000);
  }
});
