// A postal address as Kith keeps it (issue 17.6): street lines, city, region, postcode and the
// country (its ISO code when known, and the name as typed). The one place that formats one for a
// reader (by the address's country, names in the reader's language) and builds its map link.
import { getCountries } from 'libphonenumber-js';
import { asRegion } from './phone';

export interface PostalAddress {
  /** one or more lines ("\n" between them): PO box and extended address included */
  street: string;
  city: string;
  /** state, province, prefecture, county */
  region: string;
  postcode: string;
  /** ISO 3166-1 alpha-2 ("DE") when the country is known, else null */
  countryCode: string | null;
  /** the country as typed or imported ("Deutschland"); '' when only the code is known */
  country: string;
}

export const ADDRESS_PARTS = ['street', 'city', 'region', 'postcode', 'country'] as const;

export const emptyAddress = (): PostalAddress => ({ street: '', city: '', region: '', postcode: '', countryCode: null, country: '' });

/** a free text kept as it was: all of it in the street lines (nothing is guessed from it) */
export const addressFromText = (text: string): PostalAddress => ({ ...emptyAddress(), street: text.trim() });

export function isEmptyAddress(a: PostalAddress): boolean {
  return !a.street.trim() && !a.city.trim() && !a.region.trim() && !a.postcode.trim() && !a.countryCode && !a.country.trim();
}

const streetLines = (a: PostalAddress) => a.street.split(/\r\n?|\n/).map((l) => l.trim()).filter(Boolean);

/**
 * The address on one line, in vCard ADR order (street, city, region, postcode, country): the
 * method's `value`, which duplicates, merge and older readers compare. Not for display.
 */
export function addressText(a: PostalAddress): string {
  return [...streetLines(a), a.city, a.region, a.postcode, countryText(a)].map((s) => s.trim()).filter(Boolean).join(', ');
}

/** the country as a file carries it: as typed, else the code's English name */
export function countryText(a: PostalAddress): string {
  return a.country.trim() || (a.countryCode ? countryName(a.countryCode, 'en') : '');
}

/**
 * vCard ADR's seven components (PO box, extended, street, city, region, postcode, country) as
 * parts: PO box and extended address stay in the street lines, nothing is dropped. `cc`: the
 * country code a card gave (RFC 8605 CC). A country that is just its code's English name is kept
 * as the code alone, so what Kith writes reads back the same.
 */
export function addressFromAdr(c: string[], cc?: string | null): PostalAddress {
  const [pobox = '', ext = '', street = '', city = '', region = '', postcode = '', country = ''] = c.map((s) => s.trim());
  const countryCode = asRegion(cc) ?? countryCodeOf(country);
  return {
    street: [pobox, ext, street].filter(Boolean).join('\n'),
    city,
    region,
    postcode,
    countryCode,
    country: countryCode && country === countryName(countryCode, 'en') ? '' : country,
  };
}

// ── countries ────────────────────────────────────────────────────────────────
const displayNames = new Map<string, Intl.DisplayNames | null>();
function regionNames(language: string): Intl.DisplayNames | null {
  if (!displayNames.has(language)) {
    try {
      displayNames.set(language, new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'none' }));
    } catch {
      displayNames.set(language, null);
    }
  }
  return displayNames.get(language)!;
}

/** the ISO codes Kith offers in the country picker */
export const COUNTRY_CODES: readonly string[] = getCountries().filter((c) => c !== 'AC' && c !== 'TA' && c !== 'XK');

/** "DE" in `language` ("Germany", "Deutschland"); the code itself when the platform has no name */
export function countryName(code: string, language: string): string {
  return regionNames(language)?.of(code) ?? code;
}

/** the countries for a picker, sorted by their name in `language` */
export function countryOptions(language: string): { code: string; name: string }[] {
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => collator.compare(a.name, b.name));
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'pl', 'ja'];
const EXTRA_NAMES: Record<string, string> = { usa: 'US', 'u s a': 'US', 'united states of america': 'US', uk: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'the netherlands': 'NL', holland: 'NL' };
let byName: Map<string, string> | null = null;

/**
 * The ISO code of a country as typed: a code ("de", "USA" is not one) or its name in one of the
 * languages Kith speaks ("Germany", "Deutschland", "Allemagne"). Null when it is not unambiguous.
 */
export function countryCodeOf(text: string, language = 'en'): string | null {
  const t = text.trim();
  if (!t) return null;
  if (/^[A-Za-z]{2}$/.test(t) && asRegion(t)) return asRegion(t);
  if (!byName) {
    byName = new Map(Object.entries(EXTRA_NAMES));
    for (const lang of NAME_LANGUAGES) for (const code of COUNTRY_CODES) {
      const name = regionNames(lang)?.of(code);
      if (name && !byName.has(fold(name))) byName.set(fold(name), code);
    }
  }
  const key = fold(t);
  if (byName.has(key)) return byName.get(key)!;
  // the reader's own language, when it is not one of the above
  const own = COUNTRY_CODES.find((code) => fold(regionNames(language)?.of(code) ?? '') === key);
  return own ?? null;
}

// ── formatting ───────────────────────────────────────────────────────────────
type Layout = 'postcodeCity' | 'cityRegionPostcode' | 'postcodeOwnLine' | 'largeToSmall';
const LAYOUTS: Record<string, Layout> = {
  US: 'cityRegionPostcode', CA: 'cityRegionPostcode', AU: 'cityRegionPostcode', PR: 'cityRegionPostcode',
  GB: 'postcodeOwnLine', IE: 'postcodeOwnLine', IM: 'postcodeOwnLine', JE: 'postcodeOwnLine', GG: 'postcodeOwnLine',
  JP: 'largeToSmall', CN: 'largeToSmall', KR: 'largeToSmall', TW: 'largeToSmall',
};

const join = (sep: string, ...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join(sep);

/**
 * The address as lines for a reader in `language`: the order and layout its country uses
 * (DE/FR "10115 Berlin"; US "Springfield, IL 62704"; GB the postcode on its own line; JP from the
 * largest part to the smallest), the country's name in the reader's language as the last line
 * (the first, large to small). Without a known country, the "postcode city" layout.
 */
export function formatAddressLines(a: PostalAddress, language: string): string[] {
  const code = a.countryCode ?? countryCodeOf(a.country, language);
  const country = code ? countryName(code, language) : a.country.trim();
  const street = streetLines(a);
  const lines = ((): string[] => {
    switch (code ? (LAYOUTS[code] ?? 'postcodeCity') : 'postcodeCity') {
      case 'cityRegionPostcode':
        return [...street, join(' ', join(', ', a.city, a.region), a.postcode)];
      case 'postcodeOwnLine':
        return [...street, a.city, a.region, a.postcode];
      case 'largeToSmall':
        return [country, a.postcode, join(' ', a.region, a.city), ...street];
      default:
        return [...street, join(' ', a.postcode, a.city), a.region];
    }
  })().map((l) => l.trim()).filter(Boolean);
  if (code && LAYOUTS[code] === 'largeToSmall') return lines;
  return country ? [...lines, country] : lines;
}

/** OpenStreetMap's search for the address (opened in the system browser) */
export function mapSearchUrl(a: PostalAddress): string {
  const country = a.countryCode ? countryName(a.countryCode, 'en') : a.country;
  const query = [...streetLines(a), a.postcode, a.city, a.region, country].map((s) => s.trim()).filter(Boolean).join(', ');
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}
