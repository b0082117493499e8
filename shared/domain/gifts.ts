// Gifts: ideas for a person (with a link and a price) and gifts given or received, by occasion and date.

export const GIFT_STATUSES = ['idea', 'given', 'received'] as const;
export type GiftStatus = (typeof GIFT_STATUSES)[number];

export interface Gift {
  id: string;
  contactId: string;
  status: GiftStatus;
  title: string;
  url: string | null;
  /** in the currency's minor unit; null with currency null when no price is known */
  priceMinor: number | null;
  currency: string | null;
  /** "Birthday", "Christmas", … */
  occasion: string | null;
  /** when it was given or received (YYYY-MM-DD); for an idea, optional */
  onDate: string | null;
  note: string;
  createdAt: number;
  updatedAt: number;
}

export const GIFT_STATUS_LABELS: Record<GiftStatus, string> = { idea: 'Idea', given: 'Given', received: 'Received' };
export const GIFT_OCCASIONS = ['Birthday', 'Christmas', 'Anniversary', 'Wedding', 'Thank you', 'Just because'];
