// People's names: which part comes first (by locale and by script), splitting a full name into
// given and family name and joining them back, and initials in the order the name is written.
// Every function takes the locale.

/** languages that write the family name first */
const FAMILY_FIRST_LANGUAGES = new Set(['ja', 'zh', 'ko', 'hu', 'vi', 'mn']);
/** Han, kana and Hangul: names written family first, without a space */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** words that belong to the family name that follows them ("van Beethoven", "de la Cruz") */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'ter', 'ten', 'bin', 'al', 'el', 'st.', 'mac']);

export type NameOrder = 'given-first' | 'family-first';

/** a name written in Han, kana or Hangul is family-first whatever the locale; otherwise the locale decides */
export function nameOrder(locale: string | undefined, text = ''): NameOrder {
  if (CJK.test(text)) return 'family-first';
  if (text !== '' && /\p{L}/u.test(text) && !CJK.test(text) && isCjkLocale(locale)) return 'given-first';
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0]!;
  return FAMILY_FIRST_LANGUAGES.has(language) ? 'family-first' : 'given-first';
}

function isCjkLocale(locale: string | undefined) {
  return ['ja', 'zh', 'ko'].includes((locale ?? '').toLowerCase().split(/[-_]/)[0]!);
}

export interface NameParts {
  givenName: string;
  familyName: string;
}

/**
 * "Helen Carter" -> Helen / Carter; "Carter, Helen" -> Helen / Carter; "Ludwig van Beethoven" ->
 * Ludwig / van Beethoven; "Kovács János" in hu -> János / Kovács; "山田 太郎" -> 太郎 / 山田;
 * "王小明" -> 小明 / 王 (Chinese and Korean family names are one syllable but for a few).
 * A single word is a given name.
 */
export function splitName(full: string, locale: string | undefined): NameParts {
  const text = full.trim().replace(/\s+/g, ' ');
  if (text === '') return { givenName: '', familyName: '' };
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text);
  if (comma) return { familyName: comma[1]!.trim(), givenName: comma[2]!.trim() };
  const words = text.split(' ');
  const order = nameOrder(locale, text);
  if (words.length === 1) {
    // one word of Chinese or Korean: the first syllable is the family name
    if (CJK.test(text) && !/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) && [...text].length >= 2 && [...text].length <= 4 && !isJapaneseLocale(locale)) {
      const chars = [...text];
      return { familyName: chars[0]!, givenName: chars.slice(1).join('') };
    }
    return { givenName: text, familyName: '' };
  }
  if (order === 'family-first') return { familyName: words[0]!, givenName: words.slice(1).join(' ') };
  // given-first: the last word, with the particles before it, is the family name
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
  return { givenName: words.slice(0, start).join(' '), familyName: words.slice(start).join(' ') };
}

function isJapaneseLocale(locale: string | undefined) {
  return (locale ?? '').toLowerCase().startsWith('ja');
}

/** the full name in the order of the locale and script: "Helen Carter", "Kovács János", "山田太郎" */
export function joinName(parts: NameParts, locale: string | undefined): string {
  const given = parts.givenName.trim();
  const family = parts.familyName.trim();
  if (!given || !family) return given || family;
  const text = given + family;
  if (nameOrder(locale, text) === 'given-first') return `${given} ${family}`;
  // Han, kana and Hangul names are written without a space
  return CJK.test(text) ? `${family}${given}` : `${family} ${given}`;
}

/** two letters in the order the name is written: "HC" for Helen Carter, "KJ" for Kovács János, "山太" for 山田太郎 */
export function initialsOf(name: { displayName: string; givenName?: string | null; familyName?: string | null }, locale: string | undefined): string {
  let given = name.givenName?.trim() ?? '';
  let family = name.familyName?.trim() ?? '';
  if (!given && !family) ({ givenName: given, familyName: family } = splitName(name.displayName, locale));
  const first = (s: string) => [...s][0] ?? '';
  if (!given || !family) {
    // one word: its first two letters ("Cher" -> "CH")
    const only = [...(given || family || name.displayName.trim())];
    return (only.length > 1 && !CJK.test(only[0]!) ? only.slice(0, 2).join('') : only.slice(0, 1).join('')).toUpperCase();
  }
  const order = nameOrder(locale, given + family);
  return (order === 'family-first' ? first(family) + first(given) : first(given) + first(family)).toUpperCase();
}
