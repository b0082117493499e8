// How contact methods are compared: the one rule used by duplicates, search and merge.
import type { MethodKindName } from './contact';

export function normalizeMethodValue(kind: MethodKindName, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'email':
      return v.toLowerCase();
    case 'phone': {
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
