import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmountInput, formatMoney, formatMoneyList, parseAmount } from '../../shared/domain/money';

const ok = (text: string, currency: string, locale: string) => {
  const r = parseAmount(text, currency, locale);
  if (!r.ok) throw new Error(`${text} in ${locale}: ${r.message}`);
  return r.amountMinor;
};
const refused = (text: string, currency: string, locale: string) => {
  const r = parseAmount(text, currency, locale);
  if (r.ok) throw new Error(`${text} in ${locale} was read as ${r.amountMinor}`);
  return r.message;
};

describe('parseAmount', () => {
  it('reads the ways people write four thousand five hundred', () => {
    expect(ok('4.500,00', 'EUR', 'de-DE')).toBe(450000);
    expect(ok('4 500,00', 'EUR', 'fr-FR')).toBe(450000);
    expect(ok('4\u202f500,00', 'EUR', 'fr-FR')).toBe(450000);
    expect(ok('4,500.00', 'USD', 'en-US')).toBe(450000);
    expect(ok('4500', 'EUR', 'en-US')).toBe(450000);
    expect(ok("4'500.00", 'CHF', 'de-CH')).toBe(450000);
    // the other locale's style is still unambiguous when both separators are there
    expect(ok('4,500.00', 'EUR', 'de-DE')).toBe(450000);
    expect(ok('4.500,00', 'USD', 'en-US')).toBe(450000);
  });

  it('never reads "4.500,00" as 4.50 (the bug of issue 13)', () => {
    for (const locale of ['de-DE', 'en-US', 'fr-FR', 'ja-JP']) expect(ok('4.500,00', 'EUR', locale)).toBe(450000);
  });

  it('reads decimals with either mark when only cents can be meant', () => {
    expect(ok('4,5', 'EUR', 'en-US')).toBe(450);
    expect(ok('4.50', 'EUR', 'de-DE')).toBe(450);
    expect(ok('1.234.567', 'EUR', 'de-DE')).toBe(123456700);
    expect(ok('12,34,567.00', 'INR', 'en-IN')).toBe(123456700);
  });

  it('takes a currency symbol or the code around the number', () => {
    expect(ok('€ 1.200,50', 'EUR', 'de-DE')).toBe(120050);
    expect(ok('1200 EUR', 'EUR', 'de-DE')).toBe(120000);
    expect(ok('$12', 'USD', 'en-US')).toBe(1200);
  });

  it('refuses "4.500" and says how it was read in the locale, and the other reading', () => {
    expect(refused('4.500', 'EUR', 'en-US')).toBe('“4.500” is ambiguous: in en-US it reads as €4.50, but it could mean €4,500.00. Type 4.50 or 4,500.00 to say which.');
    expect(refused('4.500', 'EUR', 'de-DE')).toBe('“4.500” is ambiguous: in de-DE it reads as 4.500,00\u00a0€, but it could mean 4,50\u00a0€. Type 4.500,00 or 4,50 to say which.');
    expect(refused('4,500', 'USD', 'en-US')).toContain('in en-US it reads as $4,500.00, but it could mean $4.50');
  });

  it('is not ambiguous where a currency has no decimals', () => {
    expect(ok('4.500', 'JPY', 'ja-JP')).toBe(4500);
    expect(refused('4.5', 'JPY', 'ja-JP')).toBe('JPY has no decimals; “4.5” has some');
  });

  it('refuses what is not an amount, with the problem named', () => {
    expect(refused('', 'EUR', 'en-US')).toBe('Enter an amount');
    expect(refused('abc', 'EUR', 'en-US')).toBe('“abc” is not an amount; type it like 1,200.50');
    expect(refused('-5', 'EUR', 'en-US')).toBe('Amount must be more than zero');
    expect(refused('0', 'EUR', 'en-US')).toBe('Amount must be more than zero');
    expect(refused('4.5001', 'EUR', 'en-US')).toBe('EUR has 2 decimal places; “4.5001” has 4');
    expect(refused('4.505', 'EUR', 'en-US')).toBe('EUR has 2 decimal places; “4.505” has 3. For €4,505.00 type 4505.');
    expect(refused('1,2,3', 'EUR', 'en-US')).toContain('grouped oddly');
    expect(refused('1.000,00,00', 'EUR', 'de-DE')).toContain('more than one decimal point');
  });

  it('reads back whatever it formats for input, in every locale (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e11 }), fc.constantFrom('de-DE', 'en-US', 'fr-FR', 'en-IN', 'de-CH', 'ja-JP', 'sv-SE'), fc.constantFrom('EUR', 'USD', 'JPY'), (minor, locale, currency) => {
        const typed = formatAmountInput(minor, currency, locale);
        const r = parseAmount(typed, currency, locale);
        expect(r).toEqual({ ok: true, amountMinor: minor });
      }),
    );
  });
});

describe('formatMoney', () => {
  it('writes by the locale and the currency’s own decimals', () => {
    expect(formatMoney(450000, 'EUR', 'de-DE')).toBe('4.500,00\u00a0€');
    expect(formatMoney(450000, 'USD', 'en-US')).toBe('$4,500.00');
    expect(formatMoney(4500, 'JPY', 'en-US')).toBe('¥4,500');
  });
  it('lists several currencies side by side, never summed', () => {
    expect(formatMoneyList([{ currency: 'EUR', amountMinor: 100 }, { currency: 'USD', amountMinor: 50 }], 'en-US')).toBe('€1.00 · $0.50');
  });
});
