// Reading an amount the user typed, for gifts and personal loans (issue 17). The one place this is
// done for them, so it can move to the shared locale-aware money module when that lands.
import { currencyDigits } from '../../../shared/domain/value';

/** "1,234.50" or "1234,50" -> 123450 in a 2-digit currency; null when it is not an amount or is ambiguous ("1.234") */
export function parseAmountInput(text: string, currency: string): number | null {
  const clean = text.trim().replace(/[\s']/g, '');
  if (!clean) return null;
  const digits = currencyDigits(currency);
  const m = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d+))?$/.exec(clean);
  if (!m) return null;
  let whole = m[1]!;
  const fraction = m[2] ?? '';
  // "1,234" or "1.234": a thousands separator or a decimal mark? Refused rather than guessed
  if (!m[2] && whole.match(/[.,]/g)?.length === 1) return null;
  whole = whole.replace(/[.,]/g, '');
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
