// Money lent and borrowed between the user and a person: personal, apart from client value.
// Amounts are never added across currencies: every total is per currency.

export const LOAN_DIRECTIONS = ['lent', 'borrowed'] as const;
/** lent: they owe me; borrowed: I owe them */
export type LoanDirection = (typeof LOAN_DIRECTIONS)[number];

export interface Loan {
  id: string;
  contactId: string;
  direction: LoanDirection;
  amountMinor: number;
  currency: string;
  occurredOn: string;
  note: string;
  /** the day it was paid back; null while open */
  settledOn: string | null;
  createdAt: number;
  updatedAt: number;
}

/** open loans in one currency */
export interface LoanBalance {
  currency: string;
  /** what they (or, in the summary, everyone) owe me */
  owedToMeMinor: number;
  /** what I owe */
  iOweMinor: number;
}

export interface ContactLoans {
  loans: Loan[];
  balances: LoanBalance[];
}

export interface LoanSummary {
  balances: LoanBalance[];
  /** people with an open loan, most owed first within each currency */
  people: { contactId: string; displayName: string; currency: string; netMinor: number }[];
}

/** per-currency open balances of some loans; settled ones count for nothing */
export function openBalances(loans: Pick<Loan, 'direction' | 'amountMinor' | 'currency' | 'settledOn'>[]): LoanBalance[] {
  const by = new Map<string, LoanBalance>();
  for (const l of loans) {
    if (l.settledOn !== null) continue;
    const b = by.get(l.currency) ?? { currency: l.currency, owedToMeMinor: 0, iOweMinor: 0 };
    if (l.direction === 'lent') b.owedToMeMinor += l.amountMinor;
    else b.iOweMinor += l.amountMinor;
    by.set(l.currency, b);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
