import { describe, expect, it } from 'vitest';
import { scaledSize } from '../../renderer/src/lib/photo';
import { foldForSearch, ftsMatchExpression, nameMatchTier } from '../../shared/domain/search';
import { roleSeenFrom, storedRelationship } from '../../shared/domain/relationship';

describe('photo downscaling size', () => {
  it('fits the longest side in 256 px, keeps the aspect ratio and never enlarges', () => {
    expect(scaledSize(4032, 3024)).toEqual({ width: 256, height: 192 });
    expect(scaledSize(1000, 3000)).toEqual({ width: 85, height: 256 });
    expect(scaledSize(120, 80)).toEqual({ width: 120, height: 80 });
  });
});

describe('search query rules', () => {
  it('folds case and accents, quotes terms and drops those too short for trigrams', () => {
    expect(foldForSearch('  ZOË Müller ')).toBe('zoe muller');
    expect(ftsMatchExpression('Zoë x ham')).toBe('"zoe" "ham"');
    expect(ftsMatchExpression('a"b"c')).toBe('"a""b""c"');
    expect(ftsMatchExpression('ab')).toBeNull();
  });
  it('ranks exact, then prefix, then word start, then inside the name', () => {
    expect(['Anna', 'Ann Lee', 'Lee Ann', 'Joann', 'Bob'].map((n) => nameMatchTier(n, 'ann'))).toEqual([1, 1, 2, 3, 4]);
    expect(nameMatchTier('Änn', 'ann')).toBe(0);
  });
});

describe('relationship sides', () => {
  it('reads a parent as child from the other side, and back', () => {
    for (const role of ['parent', 'child', 'introducedBy', 'introduced', 'partner', 'sibling'] as const) {
      const row = storedRelationship('me', 'them', role);
      expect(roleSeenFrom('me', row)).toBe(role);
    }
    expect(roleSeenFrom('them', storedRelationship('me', 'them', 'parent'))).toBe('child');
    expect(roleSeenFrom('them', storedRelationship('me', 'them', 'introducedBy'))).toBe('introduced');
  });
});
