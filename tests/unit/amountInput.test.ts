// How a typed amount is read for gifts and loans: both decimal marks, thousands separators, and
// nothing guessed beyond the currency's digits.
import { describe, expect, it } from 'vitest';
import { parseAmountInput } from '../../renderer/src/lib/amountInput';

describe('parseAmountInput', () => {
  it('reads whole amounts, decimals and thousands', () => {
    expect(parseAmountInput('20', 'EUR')).toBe(2000);
    expect(parseAmountInput('24.50', 'EUR')).toBe(2450);
    expect(parseAmountInput('24,5', 'EUR')).toBe(2450);
    expect(parseAmountInput('1,234.50', 'USD')).toBe(123450);
    expect(parseAmountInput('1.234,50', 'EUR')).toBe(123450);
    expect(parseAmountInput('1 234,50', 'EUR')).toBe(123450);
    expect(parseAmountInput('500', 'JPY')).toBe(500);
  });
  it('refuses what is not an amount, or has more digits than the currency', () => {
    expect(parseAmountInput('', 'EUR')).toBeNull();
    expect(parseAmountInput('twenty', 'EUR')).toBeNull();
    expect(parseAmountInput('-5', 'EUR')).toBeNull();
    expect(parseAmountInput('1.5', 'JPY')).toBeNull();
    // 2.555: two and a half or two thousand? refused, not guessed
    expect(parseAmountInput('2.555', 'EUR')).toBeNull();
    expect(parseAmountInput('1,234', 'USD')).toBeNull();
    expect(parseAmountInput('2.5555', 'EUR')).toBeNull();
  });
});
