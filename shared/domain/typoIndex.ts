// One typo in a name: "Anan" finds Anna, "Kahterine" Katherine, "Marc" Mark. The trigram index
// cannot see these (Anan and Anna share no trigram), so the words of every name are held in a
// deletion index: a word and each of its one-letter deletions point back to it, for the whole word
// and for its prefixes (a name is typed from its start). Two strings one edit apart always share an
// entry; candidates are then checked with the real distance, so nothing two edits away slips in.
import { foldForSearch, withoutPunctuation } from './search';

/** shorter terms are left alone: one typo in three letters matches half the address book */
export const MIN_TYPO_TERM_LENGTH = 4;
/** how many corrected words one term may stand for */
const MAX_CORRECTIONS = 8;

export interface TypoIndex {
  /** variant → the word prefixes (of vocabulary words) it came from */
  variants: Map<string, Set<string>>;
  /** distinct words indexed */
  size: number;
}

function variantsOf(s: string): string[] {
  const out = [s];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** the words of the names, folded and without punctuation, prefixes from MIN_TYPO_TERM_LENGTH up */
export function buildTypoIndex(names: Iterable<string>): TypoIndex {
  const variants = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const name of names) {
    for (const word of withoutPunctuation(foldForSearch(name)).split(/\s+/)) {
      if (word.length < MIN_TYPO_TERM_LENGTH || seen.has(word)) continue;
      seen.add(word);
      for (let len = MIN_TYPO_TERM_LENGTH; len <= word.length; len++) {
        const prefix = word.slice(0, len);
        for (const v of variantsOf(prefix)) {
          let set = variants.get(v);
          if (!set) variants.set(v, (set = new Set()));
          set.add(prefix);
        }
      }
    }
  }
  return { variants, size: seen.size };
}

/** optimal string alignment distance, stopping early: is it at most one? */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // one substitution, or two neighbours swapped
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/**
 * The name prefixes one edit away from the term (not the term itself: the exact passes found
 * those), most alike first: the same length before one longer or shorter.
 */
export function typoCorrections(index: TypoIndex, term: string): string[] {
  const t = withoutPunctuation(foldForSearch(term));
  if (t.length < MIN_TYPO_TERM_LENGTH) return [];
  // when the term starts a name word as typed, a shorter start of it adds nothing ("onei" for "oneil")
  const typedStartsAWord = index.variants.get(t)?.has(t) ?? false;
  const found = new Set<string>();
  for (const v of variantsOf(t))
    for (const prefix of index.variants.get(v) ?? []) if (prefix !== t && !(typedStartsAWord && t.startsWith(prefix)) && withinOneEdit(prefix, t)) found.add(prefix);
  return [...found].sort((a, b) => Math.abs(a.length - t.length) - Math.abs(b.length - t.length) || a.localeCompare(b)).slice(0, MAX_CORRECTIONS);
}
