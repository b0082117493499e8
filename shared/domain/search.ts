// How a search query is read: one rule for the FTS query, the short-query fallback and ranking.

/** lower case without accents: "José" and "jose" compare equal, as the FTS index folds them */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** left out of a name for its second, unpunctuated form in the index: "O'Neill" is also "ONeill" */
export const NAME_PUNCTUATION = ["'", '\u2019', '-', '.', ','] as const;
const PUNCTUATION_RE = new RegExp(`[${NAME_PUNCTUATION.map((c) => `\\${c}`).join('')}]`, 'g');
export function withoutPunctuation(text: string): string {
  return text.replace(PUNCTUATION_RE, '');
}

/** between the parts of a multi-part search column (facts, interactions), so an excerpt reads as parts */
export const SEARCH_PART_SEPARATOR = ' · ';

/** marks the text between, as the FTS snippet() of the index marks a match */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * The text with the first match of each term marked, comparing folded (case, accents): what the
 * user typed is shown in what they wrote. Characters that fold to more or fewer than one character
 * are rare in names; where the folded and original lengths differ, nothing is marked.
 */
export function markMatches(text: string, terms: string[]): string {
  const chars = [...text];
  const folded = chars.map((c) => foldForSearch(c) || c);
  if (folded.some((f) => [...f].length !== 1)) return text;
  const flat = folded.join('');
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const t of terms) {
    const at = flat.indexOf(t);
    if (at >= 0) for (let i = at; i < at + [...t].length; i++) marked[i] = true;
  }
  let out = '';
  chars.forEach((c, i) => {
    if (marked[i] && !marked[i - 1]) out += MARK_START;
    out += c;
    if (marked[i] && !marked[i + 1]) out += MARK_END;
  });
  return out;
}

/** the trigram index needs at least three characters per term */
export const MIN_TERM_LENGTH = 3;

/**
 * What a query of one or two characters (too short for trigrams) can match at the start of a name:
 * the first one and two characters of the whole name and of each later word, folded as the query
 * is (with and without punctuation), each with the nameMatchTier a query of exactly that gives
 * (0 the whole name, 1 its start, 2 a later word). The search_name_prefixes table (migration 0033)
 * holds them, so "ó" finds Ólafur by an index, however many contacts there are.
 */
export function namePrefixes(name: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (text: string, tier: 1 | 2) => {
    const chars = [...text];
    for (let n = 1; n <= Math.min(MIN_TERM_LENGTH - 1, chars.length); n++) {
      const prefix = chars.slice(0, n).join('');
      const t = tier === 1 && chars.length === n ? 0 : tier;
      if (!(out.get(prefix)! <= t)) out.set(prefix, t);
    }
  };
  const folded = foldForSearch(name);
  for (const n of new Set([folded, withoutPunctuation(folded)])) {
    add(n, 1);
    for (const word of n.split(/[\s\-']+/).slice(1)) if (word) add(word, 2);
  }
  return out;
}

/** the one key a short query is looked up by in namePrefixes' rows; null when the query is not short */
export function shortQueryPrefix(query: string): string | null {
  const folded = foldForSearch(query);
  const key = withoutPunctuation(folded) || folded;
  const length = [...key].length;
  return length > 0 && length < MIN_TERM_LENGTH && !/\s/.test(key) ? key : null;
}

/** the words of a query, folded */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

/**
 * An FTS5 MATCH expression that finds every term anywhere (AND), each quoted so that user input is
 * never read as FTS syntax; null when no term is long enough for the trigram index.
 */
export function ftsMatchExpression(query: string): string | null {
  const terms = searchTerms(query).filter((t) => [...t].length >= MIN_TERM_LENGTH);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}

/** 0 = the name is the query, 1 = the name starts with it, 2 = a word of the name does, 3 = the name contains it, 4 = elsewhere */
export function nameMatchTier(name: string, query: string): number {
  const q = foldForSearch(query);
  // "oneill" is as good a match for O'Neill as "o'neill"
  const n = foldForSearch(name);
  return Math.min(tierOf(n, q), tierOf(withoutPunctuation(n), withoutPunctuation(q)));
}

function tierOf(n: string, q: string): number {
  if (!q) return 4;
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  if (n.split(/[\s\-']+/).some((w) => w.startsWith(q))) return 2;
  if (n.includes(q)) return 3;
  return 4;
}
