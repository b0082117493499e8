// How contact methods are compared: the one rule used by duplicates, search and merge.
import type { CountryCode } from 'libphonenumber-js';
import type { MethodKindName } from './contact';
import { toE164 } from './phone';

/** a method value's key where its compared form is remembered (the import's reading of a file, its preview and commit) */
export const methodValueKey = (kind: MethodKindName, value: string): string => `${kind}\u0000${value}`;

/**
 * The form two values of one kind are compared in. Phones: E.164 read in the user's default
 * region when the number parses ("030 12345678" in DE = "+49 30 12345678"), else the digits as typed.
 */
export function normalizeMethodValue(kind: MethodKindName, value: string, region: CountryCode): string {
  const v = value.trim();
  switch (kind) {
    case 'email':
      return v.toLowerCase();
    case 'phone': {
      const e164 = toE164(v, region);
      if (e164) return e164;
      // keep a leading + (international) and the digits; "00" is the same as "+"
      const digits = v.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
      return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
    }
    case 'website':
      return v.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
    default:
      return v.toLowerCase().replace(/\s+/g, ' ');
  }
}

/** the one rule for what counts as an email address, in the form and at the API */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/**
 * A name as the dashboard's lists order ties by it in SQL: accents and case folded, so "Émile"
 * sorts with "emile" (the database has no locale-aware collation).
 */
export function nameSortKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
