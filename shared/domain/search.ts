// How a search query is read: one rule for the FTS query, the short-query fallback and ranking.

/** lower case without accents: "José" and "jose" compare equal, as the FTS index folds them */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** the trigram index needs at least three characters per term */
export const MIN_TERM_LENGTH = 3;

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
  const n = foldForSearch(name);
  const q = foldForSearch(query);
  if (!q) return 4;
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  if (n.split(/[\s\-']+/).some((w) => w.startsWith(q))) return 2;
  if (n.includes(q)) return 3;
  return 4;
}
