// Exports write what is stored, as it is: years 0–99 stay years 0–99 in .ics (Date.UTC would make
// them 1900–1999), and a NUL stored by an older Kith or another program never reaches a vCard or
// CSV file (it ends the value early in many readers).
import { describe, expect, it } from 'vitest';
import { buildIcs } from '../../electron/transfer/ics-export';
import { contactToVCard } from '../../electron/transfer/vcard-write';
import { contactsToCsv } from '../../electron/transfer/csv-export';
import type { Contact } from '../../shared/domain/contact';
import { cleanText, textProblem } from '../../shared/domain/text';

const stamp = new Date('2026-03-01T10:00:00Z');
const reminder = (dueDate: string, dueTime: string | null) => ({ id: 'r1', title: 'Old', notes: '', contactName: null, dueDate, dueTime, recurrenceUnit: 'none' as const, recurrenceInterval: 1 });
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('.ics years 0–99', () => {
  it('an all-day reminder in year 42 is written as 0042', () => {
    const ics = unfold(buildIcs([], [reminder('0042-06-01', null)], stamp));
    expect(ics).toMatch(/DTSTART;VALUE=DATE:00420601/);
    expect(ics).not.toMatch(/1942/);
  });
  it('a timed reminder in year 7 is written as 0007, its end too', () => {
    const ics = unfold(buildIcs([], [reminder('0007-12-31', '23:45')], stamp));
    expect(ics).toMatch(/DTSTART:00071231T234500/);
    expect(ics).toMatch(/DTEND:00080101T001500/);
  });
  it('a yearly date from year 99 starts in 0099', () => {
    const ics = unfold(buildIcs([{ id: 'c1', displayName: 'A', birthday: null, dates: [{ id: 'd1', label: 'Founded', month: 5, day: 4, year: 99 }] }], [], stamp));
    expect(ics).toMatch(/DTSTART;VALUE=DATE:00990504/);
  });
});

const contact = (over: Partial<Contact>): Contact =>
  ({
    id: '6f1c1c9e-0000-4000-8000-000000000001',
    displayName: 'Ada',
    givenName: null,
    familyName: null,
    nickname: null,
    company: null,
    title: null,
    circleId: null,
    importance: 'regular',
    birthday: null,
    howMet: null,
    introducedById: null,
    notes: '',
    cadenceDays: null,
    methods: [],
    tags: [],
    dates: [],
    photo: null,
    createdAt: 0,
    updatedAt: 0,
    archivedAt: null,
    ...over,
  }) as Contact;

describe('NUL never reaches vCard or CSV', () => {
  const stored = contact({ displayName: 'Ad\u0000a', notes: 'line\u0000one', company: 'Acme\u0000', tags: ['t\u0000ag'], methods: [{ id: 'm', kind: 'email', label: 'wo\u0000rk', value: 'ada@example.org', isPrimary: true } as Contact['methods'][number]] });
  it('vCard', () => {
    const card = contactToVCard(stored, { circleName: null });
    expect(card).not.toContain('\u0000');
    expect(card).toContain('FN:Ada');
    expect(card).toContain('line');
  });
  it('CSV', () => {
    const csv = contactsToCsv([stored]);
    expect(csv).not.toContain('\u0000');
    expect(csv).toContain('Ada');
    expect(csv).toContain('lineone');
  });
});

describe('the one rule (shared/domain/text.ts)', () => {
  it('names NUL and unpaired surrogates, passes paired ones', () => {
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\uD83D')).toMatch(/unpaired/);
    expect(textProblem('x\uDE00')).toMatch(/unpaired/);
    expect(textProblem('😀 Zoë')).toBeNull();
    expect(cleanText('a\u0000b\uD83Dc😀')).toEqual({ text: 'ab\uFFFDc😀', changed: 2 });
  });
});
