// Client value (freelancers): dated amounts per contact, in minor units of an ISO 4217 currency.

export const VALUE_KINDS = ['invoiced', 'paid'] as const;
/** invoiced = billed, not yet paid; paid = money received */
export type ValueKind = (typeof VALUE_KINDS)[number];

export interface ValueEntry {
  id: string;
  contactId: string;
  /** local date 'YYYY-MM-DD' */
  occurredOn: string;
  /** in the currency's minor unit (cents) */
  amountMinor: number;
  currency: string;
  kind: ValueKind;
  note: string;
  createdAt: number;
}

export interface ValueTotals {
  currency: string;
  totalMinor: number;
  paidMinor: number;
  /** invoiced, not yet paid */
  outstandingMinor: number;
  /** within the last 12 months */
  lastYearMinor: number;
}

export interface ContactValue {
  entries: ValueEntry[];
  totals: ValueTotals[];
}

/** digits after the decimal point of a currency (JPY 0, EUR 2, …), from the platform's ICU data */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 123456 EUR -> "€1,234.56" in the user's locale */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
  } catch {
    return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}
