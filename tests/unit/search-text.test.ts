// The pure rules of search text: one-typo matching of name words, marks in excerpts, punctuation.
import { describe, expect, it } from 'vitest';
import { buildTypoIndex, typoCorrections, withinOneEdit } from '../../shared/domain/typoIndex';
import { markMatches, nameMatchTier } from '../../shared/domain/search';

describe('one typo in a name', () => {
  const index = buildTypoIndex(['Anna Schmidt', 'Katherine Johnson', "Siobhán O'Neill", 'Mark Twain']);
  it('finds a swap, a wrong, a missing or an extra letter, also in the start of a word', () => {
    expect(typoCorrections(index, 'anan')).toEqual(['anna']);
    expect(typoCorrections(index, 'schmdit')).toContain('schmidt');
    expect(typoCorrections(index, 'katerine')).toContain('katherine');
    expect(typoCorrections(index, 'kahter')).toContain('kather');
    expect(typoCorrections(index, 'marc')).toEqual(['mark']);
    expect(typoCorrections(index, 'oneil')).toEqual(['oneill']);
  });
  it('never two edits, never under four letters', () => {
    expect(typoCorrections(index, 'kahtreine')).toEqual([]);
    expect(typoCorrections(index, 'amm')).toEqual([]);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
    expect(withinOneEdit('abcd', 'abdc')).toBe(true);
  });
});

describe('marks and punctuation', () => {
  it('marks what was typed in what was written, folding case and accents', () => {
    expect(markMatches('Planned the Kilimanjaro climb', ['kilim'])).toBe('Planned the \u0002Kilim\u0003anjaro climb');
    expect(markMatches('Café Zürich', ['zur', 'cafe'])).toBe('\u0002Café\u0003 \u0002Zür\u0003ich');
    expect(markMatches('nothing here', ['zzz'])).toBe('nothing here');
  });
  it('ranks a name typed without its punctuation as the name', () => {
    expect(nameMatchTier("O'Neill", 'oneill')).toBe(0);
    expect(nameMatchTier('Jean-Luc Picard', 'jeanluc')).toBe(1);
  });
});
