// Phone numbers: one E.164 form per number (libphonenumber-js), read against the user's default
// region for numbers typed without a country code. A number that does not parse is kept as typed.
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const COUNTRIES = new Set<string>(getCountries());

/** an ISO 3166 region libphonenumber knows ("DE", "US"), upper-cased; null for anything else */
export function asRegion(value: string | null | undefined): CountryCode | null {
  const v = (value ?? '').trim().toUpperCase();
  return COUNTRIES.has(v) ? (v as CountryCode) : null;
}

/**
 * The region a locale implies: "de-DE" -> DE, "en-GB" -> GB, "pt_BR.UTF-8" -> BR. A language
 * alone ("de") takes its likely region from Intl; US when nothing fits.
 */
export function regionFromLocale(locale: string | null | undefined): CountryCode {
  const tag = (locale ?? '').replace(/[.@].*$/, '').replace(/_/g, '-');
  try {
    const loc = new Intl.Locale(tag || 'en-US');
    return asRegion(loc.region) ?? asRegion(loc.maximize().region) ?? 'US';
  } catch {
    return 'US';
  }
}

/** E.164 ("+4930123456") when the text is a possible number in `region` (or carries its own country code); null otherwise */
export function toE164(value: string, region: CountryCode): string | null {
  if (!/\d/.test(value)) return null;
  try {
    const parsed = parsePhoneNumberFromString(value.trim(), region);
    return parsed && parsed.isPossible() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** how a number is shown: the national form for the user's own region, the international one for others, as typed when it does not parse */
export function formatPhone(value: string, region: CountryCode): string {
  if (!/\d/.test(value)) return value;
  try {
    const parsed = parsePhoneNumberFromString(value.trim(), region);
    if (!parsed || !parsed.isPossible()) return value;
    return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
  } catch {
    return value;
  }
}

/** a query that reads as a phone number: only digits and the punctuation numbers are written with, at least five digits */
export function looksLikePhoneNumber(query: string): boolean {
  return /^[\d\s+()./-]+$/.test(query.trim()) && (query.match(/\d/g)?.length ?? 0) >= 5;
}
