// Exports: JSON that restores exactly, vCard that comes back as the same contacts, CSV, and an
// .ics file calendar apps accept.
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { dumpTables, seedEverything } from '../helpers/seed';
import { contactsByName, importFile, previewFile, rememberedByName } from '../helpers/transfer';

let kith: TestBackend;
let fresh: TestBackend | null = null;
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => {
  await kith.dispose();
  await fresh?.dispose();
  fresh = null;
});

describe('full JSON export', () => {
  it('restores exactly, every table and row, into an empty database', async () => {
    await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'json' });
    expect(file.fileName).toBe('kith-export-2026-03-01.json');
    expect(file.count).toBe(2);

    fresh = await startTestBackend({ clock });
    const { preview, summary } = await importFile(fresh, file.fileName, file.content!);
    expect(preview.format).toBe('json');
    expect(preview.json).toEqual({ contacts: 2, interactions: 2, reminders: 3, exportedAt: '2026-03-01T10:00:00.000Z', hasData: false, merge: null });
    // settings: the two the seed writes, and the phone region with the region its numbers were read in (both written at first start)
    expect(summary.restored).toMatchObject({ contacts: 2, interactions: 2, interaction_participants: 3, reminders: 3, value_entries: 1, settings: 4, circles: 5, tags: 2, contact_photos: 1, contact_facts: 2, next_topics: 1, life_events: 1, gifts: 2, money_loans: 1 });
    expect(dumpTables(fresh)).toEqual(dumpTables(kith));
    expect(fresh.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('asks how to restore into a database that already has data, and writes nothing until told', async () => {
    await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'json' });
    const before = dumpTables(kith);
    const preview = await previewFile(kith, 'again.json', file.content!);
    const err = await kith.call('transfer.importCommit', { sessionId: preview.sessionId }).catch((e) => e);
    expect(err.code).toBe('conflict');
    // the user's words, never a table's name (issue 15, point 12)
    expect([err.field, err.message]).toEqual(['restoreAs', 'This Kith already has data: choose to merge the export into it, or to restore it into a new data file.']);
    expect(dumpTables(kith)).toEqual(before);
  });

  it('refuses a JSON file that is not a Kith export', async () => {
    const err = await previewFile(kith, 'x.json', '{"hello": 1}').catch((e) => e);
    expect([err.field, err.message]).toEqual(['source', 'This JSON file is not a Kith export']);
  });
});

describe('vCard export', () => {
  it('comes back as the same contacts when imported into an empty database', async () => {
    await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'vcard' });
    expect(file.mime).toBe('text/vcard');
    expect(file.content).toContain('VERSION:4.0');
    // what Kith remembers travels as X- properties (lines unfolded); money owed does not
    const unfolded = file.content!.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('X-KITH-EVENT;X-KITH-DATE=1835-07-08;X-KITH-KIND=married:Married William');
    expect(unfolded).toContain('X-KITH-TOPIC:Ask about the marathon');
    expect(unfolded).toContain('X-KITH-GIFT-IDEA;X-KITH-URL="https://example.org/book":A book on Bernoulli numbers');
    expect(unfolded).not.toContain('Lunch');
    expect(file.content).toMatch(/item(\d+)\.X-KITH-FACT;X-KITH-TYPE=link:https:\/\/example\.org\/ada\r\nitem\1\.X-ABLabel:Wishlist/);
    fresh = await startTestBackend({ clock });
    // the circle travels by name: this user has one called the same
    fresh.sqlite.prepare(`INSERT INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at) VALUES ('circle-book', 'Book club', '#8e4ec6', 21, 4, 5, 6)`).run();
    const { summary } = await importFile(fresh, file.fileName, file.content!);
    expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
    const strip = (c: Awaited<ReturnType<typeof contactsByName>>[number]) => ({ ...c, methods: c.methods.map(({ id: _id, ...m }) => m), dates: c.dates.map(({ id: _id, ...d }) => d), introducedById: null, introducedBy: null, lastInteractionAt: null, createdAt: 0, updatedAt: 0 }); // vCard carries neither links between people nor history
    expect((await contactsByName(fresh)).map(strip)).toEqual((await contactsByName(kith)).map(strip));
    // facts (in order, with their types), life events, open topics and gift ideas come back too
    const remembered = await rememberedByName(fresh);
    expect(remembered).toEqual(await rememberedByName(kith));
    expect(remembered.find((r) => r.name === 'Ada Lovelace')).toMatchObject({
      facts: [['Kids', 'text', 'Luis (7), Ana (4)'], ['Wishlist', 'link', 'https://example.org/ada']],
      events: [['married', 'Married William', '1835-07-08']],
      topics: ['Ask about the marathon'],
      ideas: [['A book on Bernoulli numbers', 'https://example.org/book']],
    });
  });

  it('adds what the card remembers to the contact it is merged into, without repeating what the contact already has', async () => {
    const { ada } = await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'vcard', contactIds: [ada] });
    // a second copy of Ada with one more fact, topic and idea than Kith has
    const more = file.content!.replace(
      'END:VCARD',
      'item90.X-KITH-FACT;X-KITH-TYPE=text:Nuts\r\nitem90.X-ABLabel:Allergies\r\nX-KITH-TOPIC:The Analytical Engine\r\nX-KITH-GIFT-IDEA:Pen\r\nX-KITH-EVENT;X-KITH-DATE=1843-09-01;X-KITH-KIND=custom:Published the Notes\r\nEND:VCARD',
    );
    const before = (await rememberedByName(kith)).find((r) => r.name === 'Ada Lovelace')!;
    const { preview, summary } = await importFile(kith, 'ada.vcf', more, { defaultAction: 'merge' });
    expect(preview.leftOut).toEqual([]);
    expect(summary).toMatchObject({ added: 0, merged: 1, failed: [] });
    const after = (await rememberedByName(kith)).find((r) => r.name === 'Ada Lovelace')!;
    expect(after).toEqual({
      name: 'Ada Lovelace',
      facts: [...before.facts, ['Allergies', 'text', 'Nuts']],
      events: [['custom', 'Published the Notes', '1843-09-01'], ...before.events],
      topics: [...before.topics, 'The Analytical Engine'],
      ideas: [['Pen', null], ...before.ideas],
    });
    // the same file once more adds nothing
    await importFile(kith, 'ada.vcf', more, { defaultAction: 'merge' });
    expect((await rememberedByName(kith)).find((r) => r.name === 'Ada Lovelace')).toEqual(after);
  });

  it('keeps a remembered value that does not fit its type as text, and says which card and line', async () => {
    const card = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Grace Hopper', 'item1.X-KITH-FACT;X-KITH-TYPE=number:about forty', 'item1.X-ABLabel:Age', 'X-KITH-EVENT;X-KITH-DATE=soon:Retired', 'X-KITH-GIFT-IDEA;X-KITH-URL=not-a-link:Compass', 'END:VCARD', ''].join('\r\n');
    const { preview, summary } = await importFile(kith, 'grace.vcf', card);
    expect(preview.leftOut).toEqual([]);
    expect(summary.warnings.map((w) => [w.record, w.line, w.reason])).toEqual([
      [1, 4, 'fact "Age": A number fact holds digits, such as 42 or 8.5; it was kept as text'],
      [1, 6, 'life event "Retired" has no date as YYYY-MM-DD (X-KITH-DATE) and was left out'],
      [1, 7, 'gift idea "Compass": its link "not-a-link" is not a web address and was left out'],
    ]);
    expect((await rememberedByName(kith))[0]).toEqual({ name: 'Grace Hopper', facts: [['Age', 'text', 'about forty']], events: [], topics: [], ideas: [['Compass', null]] });
  });

  it('writes vCard 3.0 beside 4.0, each with its own PHOTO, birthday-without-year and anniversary forms, and both come back the same', async () => {
    const { ada } = await seedEverything(kith);
    const photo = (await kith.call('contacts.get', { id: ada })).photo!;
    const base64 = photo.slice(photo.indexOf(',') + 1);
    const unfold = (t: string) => t.replace(/\r\n /g, '');
    const v4 = unfold((await kith.call('transfer.export', { format: 'vcard' })).content!);
    const v3file = await kith.call('transfer.export', { format: 'vcard3' });
    const v3 = unfold(v3file.content!);
    expect(v3file.fileName).toBe('kith-contacts-2026-03-01-vcard3.vcf');
    // 4.0: a data: URI as it is, its comma not escaped; 3.0: inline base64 with ENCODING=b and the image type
    expect(v4).toContain(`\r\nPHOTO:${photo}\r\n`);
    expect(v4).not.toMatch(/PHOTO:[^\r]*\\,/);
    expect(v3).toMatch(new RegExp(`\\r\\nPHOTO;ENCODING=b;TYPE=(PNG|JPEG):${base64.replace(/[+/]/g, (c) => `\\${c}`)}\\r\\n`));
    expect(v3).toContain('VERSION:3.0');
    expect(v3).not.toMatch(/ANNIVERSARY:|PREF=1/);
    expect(v3).toMatch(/X-ABLabel:_\$!<Anniversary>!\$_/);
    for (const file of [v4, v3]) {
      fresh = await startTestBackend({ clock });
      fresh.sqlite.prepare(`INSERT INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at) VALUES ('circle-book', 'Book club', '#8e4ec6', 21, 4, 5, 6)`).run();
      const { preview, summary } = await importFile(fresh, 'again.vcf', file);
      expect(preview.leftOut).toEqual([]);
      expect(summary).toMatchObject({ added: 2, failed: [], warnings: [] });
      const strip = (c: Awaited<ReturnType<typeof contactsByName>>[number]) => ({ ...c, methods: c.methods.map(({ id: _id, ...m }) => m), dates: c.dates.map(({ id: _id, ...d }) => d), introducedById: null, introducedBy: null, lastInteractionAt: null, createdAt: 0, updatedAt: 0 });
      expect((await contactsByName(fresh)).map(strip)).toEqual((await contactsByName(kith)).map(strip));
      expect(await rememberedByName(fresh)).toEqual(await rememberedByName(kith));
      await fresh.dispose();
      fresh = null;
    }
  });

  it('exports a selection only', async () => {
    const { ada } = await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'vcard', contactIds: [ada] });
    expect(file.count).toBe(1);
    expect(file.content!.match(/BEGIN:VCARD/g)).toHaveLength(1);
    const err = await kith.call('transfer.export', { format: 'vcard', contactIds: ['nobody'] }).catch((e) => e);
    expect(err.field).toBe('contactIds');
  });
});

describe('CSV and iCalendar export', () => {
  it('writes a CSV this importer reads back', async () => {
    await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'csv' });
    const preview = await previewFile(kith, file.fileName, file.content!);
    // Kith knows its own header: every column is read back, none is offered for mapping or left out
    expect(preview.format).toBe('kith');
    expect(preview.csv).toBeNull();
    expect(preview.leftOut).toEqual([]);
    expect(preview.sample.map((s) => s.displayName)).toEqual(['Ada Lovelace', 'Charles Babbage']);
    expect(preview.duplicates.map((d) => d.matchedBy)).toEqual(['email', 'phone']);
    // circle, tags, birthday and dates travel in their own columns
    const header = file.content!.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    expect(header.split(',')).toEqual(expect.arrayContaining(['Circle', 'Tags', 'Birthday', 'Dates', 'Importance', 'Check-in every (days)']));
  });

  it('writes birthdays and dates as yearly all-day events and open reminders with their recurrence', async () => {
    await seedEverything(kith);
    const file = await kith.call('transfer.export', { format: 'ics' });
    expect(file.fileName).toBe('kith-calendar-2026-03-01.ics');
    const calendar = new ICAL.Component(ICAL.parse(file.content!) as unknown as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((e) => {
      const event = new ICAL.Event(e);
      const rrule = e.getFirstPropertyValue('rrule') as ICAL.Recur | null;
      return [event.summary, event.startDate.toString(), event.startDate.isDate, rrule ? rrule.toString() : null];
    });
    expect(events).toEqual([
      ['Ada Lovelace’s birthday (born 1815)', '1815-12-10', true, 'FREQ=YEARLY'],
      ['Ada Lovelace: Name day', '2000-02-29', true, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1'],
      ['Ada Lovelace: Anniversary (1835)', '1835-07-08', true, 'FREQ=YEARLY'],
      ['Send the notes (Ada Lovelace)', '2026-03-10T09:30:00', false, 'FREQ=WEEKLY;INTERVAL=2'],
      ['Renew domain', '2026-04-01', true, 'FREQ=YEARLY'],
    ]);
    // a calendar app expanding the 29 February date lands on 28 February in other years
    const leap = new ICAL.Event(calendar.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('summary')).includes('Name day'))!);
    const it = leap.iterator();
    expect([it.next(), it.next(), it.next(), it.next(), it.next()].map((t) => t!.toString())).toEqual(['2000-02-29', '2001-02-28', '2002-02-28', '2003-02-28', '2004-02-29']);
  });
});
