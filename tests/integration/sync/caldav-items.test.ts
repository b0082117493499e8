// The iCalendar side of reminders and interactions without a server: a malformed item from a
// server is read leniently (what is left out is said), properties Kith does not model are carried,
// and what Kith writes reads back as the same fields (so a pass after a write changes nothing).
import { afterEach, describe, expect, it } from 'vitest';
import { itemHash, parseItem, writeItem } from '../../../electron/sync/caldav-items';
import { journalKind } from '../../../electron/sync/journal-ical';
import { todoKind, type TodoFields } from '../../../electron/sync/todo-ical';
import { startTestBackend, type TestBackend } from '../../helpers/backend';

const ics = (lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Phone//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

describe('CalDAV items', () => {
  let kith: TestBackend;
  afterEach(async () => kith?.dispose());

  it('a VTODO with an unreadable DUE and a broken line is kept, due the day it was made, and says what was left out', async () => {
    kith = await startTestBackend();
    const text = ics(['BEGIN:VTODO', 'UID:x1', 'DTSTAMP:20261201T080000Z', 'SUMMARY:Water the plants', 'DUE:not-a-date', 'X-PHONE-LIST:Home', 'END:VTODO']);
    const parsed = parseItem(todoKind, text, kith.sqlite);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.fields).toMatchObject({ title: 'Water the plants', dueDate: '2026-12-01', dueTime: null, status: 'open' });
    expect(parsed.warnings.join('; ')).toMatch(/DUE left out.*no due date/);
    expect(parsed.carried).toEqual(['X-PHONE-LIST:Home']);
  });

  it("Kith's VTODO and VJOURNAL read back as the same fields, with the phone's properties carried", async () => {
    kith = await startTestBackend();
    const ann = await kith.call('contacts.create', { displayName: 'Ann Lee' });
    const todo: TodoFields = { title: 'Call Ann', notes: 'About the flat', dueDate: '2026-12-15', dueTime: '09:30', recurrence: { unit: 'week', interval: 2 }, status: 'open', snoozedUntil: Date.parse('2026-12-15T12:00:00Z'), contactId: ann.id };
    const text = writeItem(todoKind, 'r1', todo, ['X-APPLE-SORT-ORDER:5'], 0, kith.sqlite);
    const back = parseItem(todoKind, text, kith.sqlite);
    if ('error' in back) throw new Error(back.error);
    expect(back.fields).toEqual(todo);
    expect(back.carried).toEqual(['X-APPLE-SORT-ORDER:5']);
    expect(itemHash(back.fields)).toBe(itemHash(todo));
    expect(text).toMatch(/RELATED-TO;RELTYPE=X-KITH-CONTACT:/);

    const entry = { occurredAt: Date.parse('2026-11-30T18:00:00Z'), kind: 'video' as const, direction: 'outbound' as const, durationMinutes: 40, rating: 3, summary: 'Catch-up', notes: 'Line one\nLine two, with; punctuation', participants: [ann.id] };
    const journal = writeItem(journalKind, 'i1', entry, ['ATTENDEE;CN=Someone Else:mailto:else@example.org'], 0, kith.sqlite);
    expect(journal).toMatch(/ATTENDEE;CN=Ann Lee:urn:uuid:/);
    const read = parseItem(journalKind, journal, kith.sqlite);
    if ('error' in read) throw new Error(read.error);
    expect(read.fields).toEqual(entry);
    expect(read.carried).toEqual(['ATTENDEE;CN=Someone Else:mailto:else@example.org']);
  });

  it('a phone\'s VJOURNAL naming an attendee by email finds the contact with that email, whatever its case', async () => {
    kith = await startTestBackend();
    const bea = await kith.call('contacts.create', { displayName: 'Bea Ruiz', methods: [{ kind: 'email', label: 'home', value: 'Bea.Ruiz@Example.org', isPrimary: true }] });
    await kith.call('contacts.create', { displayName: 'Other Person', methods: [{ kind: 'email', label: 'home', value: 'other@example.org', isPrimary: true }] });
    const text = ics(['BEGIN:VJOURNAL', 'UID:j1', 'DTSTAMP:20261201T080000Z', 'DTSTART:20261130T180000Z', 'SUMMARY:Lunch', 'ATTENDEE;CN=Bea:mailto:bea.ruiz@EXAMPLE.org', 'ATTENDEE:mailto:nobody@example.org', 'END:VJOURNAL']);
    const read = parseItem(journalKind, text, kith.sqlite);
    if ('error' in read) throw new Error(read.error);
    expect(read.fields.participants).toEqual([bea.id]);
    expect(read.carried).toEqual(['ATTENDEE:mailto:nobody@example.org']);
  });
});
