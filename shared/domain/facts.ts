// Personal facts: typed, ordered key/value pairs per contact ("Kids: Luis (7), Ana (4)",
// "Allergies: nuts", "Partner: John" for someone not in Kith).
import { isIsoDate } from './calendar';

export const FACT_TYPES = ['text', 'number', 'date', 'link'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export interface ContactFact {
  id: string;
  contactId: string;
  label: string;
  type: FactType;
  /** text as typed; a number as digits ("42", "8.5"), a date as YYYY-MM-DD, a link as http(s) URL */
  value: string;
  sortOrder: number;
  createdAt: number;
  updatedAt: number;
}

export interface FactLabel {
  label: string;
  type: FactType;
  /** true for Kith's suggestions, false for labels the user made up */
  suggested: boolean;
}

/** what people most often want to remember; the user adds their own beside these */
export const SUGGESTED_FACT_LABELS: readonly { label: string; type: FactType }[] = [
  { label: 'Partner', type: 'text' },
  { label: 'Kids', type: 'text' },
  { label: 'Pets', type: 'text' },
  { label: 'Allergies', type: 'text' },
  { label: 'Diet', type: 'text' },
  { label: 'Favourite food', type: 'text' },
  { label: 'Favourite drink', type: 'text' },
  { label: 'Hobbies', type: 'text' },
  { label: 'Hometown', type: 'text' },
  { label: 'Clothing size', type: 'text' },
  { label: 'Wishlist', type: 'link' },
  { label: 'Started working there', type: 'date' },
];

export const FACT_TYPE_LABELS: Record<FactType, string> = { text: 'Text', number: 'Number', date: 'Date', link: 'Link' };

/** why a value does not fit its type, or null when it does */
export function factValueProblem(type: FactType, value: string): string | null {
  const v = value.trim();
  if (!v) return 'Value must not be empty';
  if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) return 'A number fact holds digits, such as 42 or 8.5';
  if (type === 'date' && !isIsoDate(v)) return 'A date fact holds a real date as YYYY-MM-DD';
  if (type === 'link' && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v)) return 'A link fact holds a web address starting with http:// or https://';
  return null;
}
