// Who might be the same person: the keys two contacts are compared by, and how sure a match is.
// One rule for the "Possible duplicates" view and for imports.

/**
 * A person's name as duplicates compare it: accents, case, punctuation and word order ignored, so
 * "García, Sofía" = "Sofia Garcia" and "O'Neill" = "ONeill". Empty when nothing is left.
 */
export function personNameKey(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[øœ]/g, (c) => (c === 'ø' ? 'o' : 'oe'))
    .replace(/[łđ]/g, (c) => (c === 'ł' ? 'l' : 'd'))
    // within a word an apostrophe or dot joins ("O'Neill", "St.John"); elsewhere punctuation separates
    .replace(/(\p{L})['’‘`.](?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!folded) return '';
  return folded.split(' ').sort().join(' ');
}

export type DuplicateReasonKind = 'email' | 'phone' | 'name';

/** how sure one kind of match is on its own (a shared email is nearly always the same person) */
export const REASON_CONFIDENCE: Record<DuplicateReasonKind, number> = { email: 0.9, phone: 0.8, name: 0.6 };
/** a one-word name ("Mom", "Alex") says less than a full one */
export const SINGLE_WORD_NAME_CONFIDENCE = 0.35;

/** independent reasons add up: 1 − Π(1 − c), as a whole percent */
export function combinedConfidence(confidences: number[]): number {
  const miss = confidences.reduce((p, c) => p * (1 - c), 1);
  return Math.round((1 - miss) * 100);
}

/** what a match by this name is worth */
export function nameConfidence(key: string): number {
  return key.includes(' ') ? REASON_CONFIDENCE.name : SINGLE_WORD_NAME_CONFIDENCE;
}

/** the key a pair of contacts is remembered under (order does not matter) */
export function pairKey(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * What an import does with a record that matched someone, unless the user chose for that record:
 * the choice for matches by id, email or phone, or the one for matches by name alone — two "Ana"s
 * in one address book are usually two people, so a name alone is kept apart unless the user asks.
 */
export function importActionFor<A extends string>(reasons: readonly ('id' | DuplicateReasonKind)[], chosen: A | undefined, forSure: A, forNameOnly: A): A {
  if (chosen) return chosen;
  return matchedByNameOnly(reasons) ? forNameOnly : forSure;
}

export function matchedByNameOnly(reasons: readonly ('id' | DuplicateReasonKind)[]): boolean {
  return reasons.length > 0 && reasons.every((r) => r === 'name');
}
