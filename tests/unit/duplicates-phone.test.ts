// The pure rules behind duplicates and phone numbers: name keys, confidence, fuller values, E.164,
// the region a locale implies, and how numbers are shown.
import { describe, expect, it } from 'vitest';
import { combinedConfidence, personNameKey } from '../../shared/domain/duplicates';
import { defaultMergeChoices, mergedNotes } from '../../shared/domain/merge';
import { formatPhone, looksLikePhoneNumber, regionFromLocale, toE164 } from '../../shared/domain/phone';

describe('name keys', () => {
  it.each([
    ["O'Neill", 'ONeill'],
    ['García, Sofía', 'Sofia Garcia'],
    ['  SOFIA   garcía ', 'García, Sofía'],
    ['Jean-Luc Picard', 'Picard Jean Luc'],
    ['Jürgen Strauß', 'jurgen strauss'],
    ['Łukasz Ø. Æbelø', 'lukasz o aebelo'],
  ])('%s = %s', (a, b) => expect(personNameKey(a)).toBe(personNameKey(b)));
  it('keeps different people apart', () => {
    expect(personNameKey('Ann Lee')).not.toBe(personNameKey('Anne Lee'));
    expect(personNameKey('...')).toBe('');
  });
});

describe('confidence and merge defaults', () => {
  it('adds independent reasons up', () => {
    expect(combinedConfidence([0.9])).toBe(90);
    expect(combinedConfidence([0.8, 0.6])).toBe(92);
  });
  it('takes the fuller value, the survivor on a tie, and keeps every note once', () => {
    const base = { givenName: null, familyName: null, nickname: null, title: null, circleId: null, importance: 'regular' as const, howMet: null, introducedById: null, cadenceDays: null, photo: null };
    const choices = defaultMergeChoices([
      { ...base, id: 'a', displayName: 'Jane Doe', company: 'Acme', birthday: { month: 4, day: 12, year: null } },
      { ...base, id: 'b', displayName: 'Doe, Jane', company: 'Acme Corporation', birthday: { month: 4, day: 12, year: 1990 }, importance: 'inner' },
    ]);
    expect(choices).toMatchObject({ displayName: 'a', company: 'b', birthday: 'b', importance: 'b', title: 'a' });
    expect(mergedNotes(['Likes tea.', '', 'Likes tea.', 'Met at the gym.'])).toBe('Likes tea.\n\nMet at the gym.');
  });
});

describe('phone numbers', () => {
  it('reads a number in the default region, or by its own country code', () => {
    expect(toE164('646-555-0177', 'US')).toBe('+16465550177');
    expect(toE164('+1 (646) 555-0177', 'DE')).toBe('+16465550177');
    expect(toE164('030 12345678', 'DE')).toBe('+493012345678');
    expect(toE164('0049 30 12345678', 'DE')).toBe('+493012345678');
    expect(toE164('ext. 12', 'US')).toBeNull();
    expect(toE164('call me', 'US')).toBeNull();
  });
  it('guesses the region from a locale', () => {
    expect(regionFromLocale('de-DE')).toBe('DE');
    expect(regionFromLocale('en_GB.UTF-8')).toBe('GB');
    expect(regionFromLocale('ja')).toBe('JP');
    expect(regionFromLocale('C')).toBe('US');
    expect(regionFromLocale(undefined)).toBe('US');
  });
  it("shows the user's own numbers nationally, others internationally, the rest as typed", () => {
    expect(formatPhone('+49 30 12345678', 'DE')).toBe('030 12345678');
    expect(formatPhone('+16465550177', 'DE')).toBe('+1 646 555 0177');
    expect(formatPhone('ext. 12', 'DE')).toBe('ext. 12');
  });
  it('knows a number query from text', () => {
    expect(looksLikePhoneNumber('030 12345678')).toBe(true);
    expect(looksLikePhoneNumber('+1 (646) 555-0177')).toBe(true);
    expect(looksLikePhoneNumber('555')).toBe(false);
    expect(looksLikePhoneNumber('Room 12345')).toBe(false);
  });
});
