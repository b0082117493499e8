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
  /** the version: an update sends the one it edits (a changed one is refused as `stale`) */
  updatedAt: number;
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

