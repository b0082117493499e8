// Money, read and written the one way: amounts typed in the user's locale are parsed here, and
// every amount on screen is formatted here (renderer/src/lib/format.ts passes the user's locale).
// Amounts are integers in the currency's minor unit. Every function takes the locale.

/** digits after the decimal point of a currency (JPY 0, EUR 2, KWD 3), from the platform's ICU data */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 123456 EUR -> "€1,234.56" (en-US), "1.234,56 €" (de-DE) */
export function formatMoney(amountMinor: number, currency: string, locale: string | undefined): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
  } catch {
    return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** the amount as the user would type it back (no symbol): 450000 EUR -> "4.500,00" in de-DE */
export function formatAmountInput(amountMinor: number, currency: string, locale: string | undefined): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
}

/** totals per currency, never summed across: [{EUR 100}, {USD 50}] -> "€1.00 · $0.50" */
export function formatMoneyList(totals: ReadonlyArray<{ currency: string; amountMinor: number }>, locale: string | undefined): string {
  return totals.map((t) => formatMoney(t.amountMinor, t.currency, locale)).join(' · ');
}

/** the locale's decimal and grouping separators ("," and "." in de-DE) */
export function numberSeparators(locale: string | undefined): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: parts.find((p) => p.type === 'group')?.value ?? ',' };
}

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; message: string };

/** spaces of every width and apostrophes group digits ("4 500", "4'500"); "." and "," are decided below */
const SPACE_GROUP = /[\s\u00a0\u202f\u2009'’]/;

/**
 * Reads an amount as the user typed it, by their locale: "4.500,00", "4 500,00", "4,500.00", "4500",
 * "4,5", "€ 1.200". One separator followed by exactly three digits ("4.500") reads as a thousand
 * separator in some locales and a decimal point in others: that is refused with both readings, so
 * the user says which. Never guesses silently.
 */
export function parseAmount(text: string, currency: string, locale: string | undefined): ParsedAmount {
  const digits = currencyDigits(currency);
  const typed = text.trim();
  // a currency symbol or the currency's code before or after the number is allowed
  const bare = typed
    .replace(/^[A-Za-z]{3}(?=[\s\d])|(?<=[\s\d])[A-Za-z]{3}$/, (code) => (code.toUpperCase() === currency.toUpperCase() ? '' : code))
    .replace(/^\p{Sc}|\p{Sc}$/u, '')
    .trim();
  const example = formatAmountInput(120050 * 10 ** Math.max(0, digits - 2), currency, locale);
  if (bare === '') return { ok: false, message: 'Enter an amount' };
  if (/^[-−]/.test(bare)) return { ok: false, message: 'Amount must be more than zero' };
  if (!/^\d[\d.,\s\u00a0\u202f\u2009'’]*$/.test(bare) || /[.,\s\u00a0\u202f\u2009'’]$/.test(bare))
    return { ok: false, message: `“${typed}” is not an amount; type it like ${example}` };

  const seps = [...bare.matchAll(/[.,]/g)].map((m) => ({ char: m[0], at: m.index }));
  const kinds = new Set(seps.map((s) => s.char));
  let integer: string;
  let fraction = '';
  if (kinds.size === 2) {
    // both: the last one is the decimal point, the other groups ("4.500,00", "4,500.00")
    const last = seps[seps.length - 1]!;
    if (seps.filter((s) => s.char === last.char).length > 1) return { ok: false, message: `“${typed}” has more than one decimal point` };
    integer = bare.slice(0, last.at);
    fraction = bare.slice(last.at + 1);
    if (!validGroups(integer.split(/[.,]|\s|'|’|\u00a0|\u202f|\u2009/))) return { ok: false, message: `“${typed}” has its digits grouped oddly; type it like ${example}` };
  } else if (kinds.size === 1) {
    const char = seps[0]!.char;
    const pieces = bare.split(char);
    if (pieces.length > 2) {
      // repeated: only a thousands separator repeats ("1.234.567")
      integer = bare;
      if (!validGroups(pieces.flatMap((p) => p.split(SPACE_GROUP)))) return { ok: false, message: `“${typed}” has its digits grouped oddly; type it like ${example}` };
    } else {
      const [before, after] = pieces as [string, string];
      const beforeDigits = before.replace(new RegExp(SPACE_GROUP, 'g'), '');
      if (after.length === 3 && beforeDigits.length <= 3 && !SPACE_GROUP.test(before) && digits > 0) {
        // "4.500": a thousands separator or a decimal point?
        const asThousands = Number(beforeDigits + after) * 10 ** digits;
        const asDecimal = Number(`${beforeDigits}.${after}`) * 10 ** digits;
        const { decimal } = numberSeparators(locale);
        if (after.replace(/0+$/, '').length > digits) {
          // "4.505" cannot be cents: a thousands separator, unless the locale writes decimals that way
          if (char === decimal)
            return { ok: false, message: `${currency} has ${digits} decimal places; “${typed}” has 3. For ${formatMoney(asThousands, currency, locale)} type ${beforeDigits}${after}.` };
          return { ok: true, amountMinor: asThousands };
        }
        const [first, other] = char === decimal ? [asDecimal, asThousands] : [asThousands, asDecimal];
        const readFirst = formatMoney(Math.round(first), currency, locale);
        const readOther = formatMoney(Math.round(other), currency, locale);
        return {
          ok: false,
          message: `“${typed}” is ambiguous: in ${locale ?? 'your format'} it reads as ${readFirst}, but it could mean ${readOther}. Type ${formatAmountInput(Math.round(first), currency, locale)} or ${formatAmountInput(Math.round(other), currency, locale)} to say which.`,
        };
      }
      if (after.length === 3 && (digits === 0 || SPACE_GROUP.test(before))) {
        // "4 500.000" or a currency without decimals: only a thousands separator fits
        integer = bare;
        if (!validGroups(bare.split(/[.,]|\s|'|’|\u00a0|\u202f|\u2009/))) return { ok: false, message: `“${typed}” has its digits grouped oddly; type it like ${example}` };
      } else {
        integer = before;
        fraction = after;
      }
    }
  } else {
    integer = bare;
  }
  const groups = integer.split(/[.,]|\s|'|’|\u00a0|\u202f|\u2009/);
  if (groups.length > 1 && !validGroups(groups)) return { ok: false, message: `“${typed}” has its digits grouped oddly; type it like ${example}` };
  const whole = groups.join('');
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits)
    return { ok: false, message: digits === 0 ? `${currency} has no decimals; “${typed}” has some` : `${currency} has ${digits} decimal places; “${typed}” has ${fraction.length}` };
  const amountMinor = Number(whole) * 10 ** digits + Number(significant.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(amountMinor) || amountMinor > 1e13) return { ok: false, message: 'Amount is too large' };
  if (amountMinor <= 0) return { ok: false, message: 'Amount must be more than zero' };
  return { ok: true, amountMinor };
}

/** thousands groups: 1–3 digits, then groups of three (or the Indian 2-digit groups before the last three) */
function validGroups(groups: string[]): boolean {
  if (groups.length === 1) return /^\d+$/.test(groups[0]!);
  const [head, ...rest] = groups;
  if (!/^\d{1,3}$/.test(head!)) return false;
  const last = rest.pop()!;
  if (!/^\d{3}$/.test(last)) return false;
  const middle = rest;
  return middle.every((g) => /^\d{3}$/.test(g)) || middle.every((g) => /^\d{2}$/.test(g));
}
