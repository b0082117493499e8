import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialsOf, joinName, nameOrder, splitName } from '../../shared/domain/names';

describe('names', () => {
  it('splits a full name into given and family name by locale and script', () => {
    expect(splitName('Helen Carter', 'en-US')).toEqual({ givenName: 'Helen', familyName: 'Carter' });
    expect(splitName('  Mary  Ann   Smith ', 'en-GB')).toEqual({ givenName: 'Mary Ann', familyName: 'Smith' });
    expect(splitName('Carter, Helen', 'en-US')).toEqual({ givenName: 'Helen', familyName: 'Carter' });
    expect(splitName('Ludwig van Beethoven', 'de-DE')).toEqual({ givenName: 'Ludwig', familyName: 'van Beethoven' });
    expect(splitName('Juan de la Cruz', 'es-ES')).toEqual({ givenName: 'Juan', familyName: 'de la Cruz' });
    expect(splitName('Kovács János', 'hu-HU')).toEqual({ givenName: 'János', familyName: 'Kovács' });
    expect(splitName('山田 太郎', 'en-US')).toEqual({ givenName: '太郎', familyName: '山田' });
    expect(splitName('王小明', 'zh-CN')).toEqual({ givenName: '小明', familyName: '王' });
    expect(splitName('김민준', 'ko-KR')).toEqual({ givenName: '민준', familyName: '김' });
    expect(splitName('Cher', 'en-US')).toEqual({ givenName: 'Cher', familyName: '' });
    expect(splitName('', 'en-US')).toEqual({ givenName: '', familyName: '' });
    // a Latin-script name in a Japanese locale is still given-first
    expect(splitName('Helen Carter', 'ja-JP')).toEqual({ givenName: 'Helen', familyName: 'Carter' });
  });

  it('joins them back in the order of the locale and script', () => {
    expect(joinName({ givenName: 'Helen', familyName: 'Carter' }, 'en-US')).toBe('Helen Carter');
    expect(joinName({ givenName: 'János', familyName: 'Kovács' }, 'hu-HU')).toBe('Kovács János');
    expect(joinName({ givenName: '太郎', familyName: '山田' }, 'en-US')).toBe('山田太郎');
    expect(joinName({ givenName: '민준', familyName: '김' }, 'ko-KR')).toBe('김민준');
    expect(joinName({ givenName: 'Helen', familyName: '' }, 'en-US')).toBe('Helen');
    expect(joinName({ givenName: '', familyName: 'Carter' }, 'en-US')).toBe('Carter');
  });

  it('knows which part comes first', () => {
    for (const locale of ['ja-JP', 'zh-TW', 'ko-KR', 'hu-HU']) expect(nameOrder(locale)).toBe('family-first');
    for (const locale of ['en-US', 'de-DE', 'fr-FR', undefined]) expect(nameOrder(locale)).toBe('given-first');
    expect(nameOrder('en-US', '山田太郎')).toBe('family-first');
  });

  it('makes initials in the order the name is written', () => {
    expect(initialsOf({ displayName: 'Helen Carter' }, 'en-US')).toBe('HC');
    expect(initialsOf({ displayName: 'Carter, Helen' }, 'en-US')).toBe('HC');
    expect(initialsOf({ displayName: 'Kovács János' }, 'hu-HU')).toBe('KJ');
    expect(initialsOf({ displayName: 'x', givenName: 'János', familyName: 'Kovács' }, 'hu-HU')).toBe('KJ');
    expect(initialsOf({ displayName: 'x', givenName: 'Helen', familyName: 'Carter' }, 'en-US')).toBe('HC');
    expect(initialsOf({ displayName: '山田太郎', givenName: '太郎', familyName: '山田' }, 'en-US')).toBe('山太');
    expect(initialsOf({ displayName: 'Cher' }, 'en-US')).toBe('CH');
    expect(initialsOf({ displayName: 'élodie durand' }, 'fr-FR')).toBe('ÉD');
  });

  it('round-trips: splitting what it joined gives the same parts (Latin two-part names, property)', () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{1,8}$/).filter((w) => !['Van', 'Von', 'De', 'Der', 'Den', 'Del', 'Della', 'Di', 'Da', 'Do', 'Dos', 'Das', 'Du', 'La', 'Le', 'Ter', 'Ten', 'Bin', 'Al', 'El', 'Mac'].includes(w));
    fc.assert(
      fc.property(word, word, fc.constantFrom('en-US', 'hu-HU', 'de-DE', 'ja-JP'), (givenName, familyName, locale) => {
        expect(splitName(joinName({ givenName, familyName }, locale), locale)).toEqual({ givenName, familyName });
      }),
    );
  });
});
