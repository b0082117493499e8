// Gifts of a contact: ideas, and gifts given or received.
import { z } from 'zod';
import { command, query } from '../define';
import { id, isoDate, nonEmptyText, optionalText } from '../schemas';
import { GIFT_STATUSES, type Gift } from '../../domain/gifts';
import { valueFields } from './value';

const priceShape = {
  priceMinor: z.number().int('Price is in whole cents').min(0, 'Price cannot be negative').max(1e13, 'Price is too large').nullish(),
  currency: valueFields.shape.currency.nullish(),
};
const url = z
  .string()
  .trim()
  .max(2000, 'Link is longer than 2000 characters')
  .refine((v) => v === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), 'A link starts with http:// or https://')
  .nullish()
  .transform((v) => (v ? v : null));

const fieldShape = {
  status: z.enum(GIFT_STATUSES, { error: 'Status is idea, given or received' }),
  title: nonEmptyText('Gift', 300),
  url,
  ...priceShape,
  occasion: optionalText(100),
  onDate: isoDate.nullish().transform((v) => v ?? null),
  note: z.string().trim().max(5000, 'Note is longer than 5000 characters'),
};

/** a price comes with its currency, and a currency with a price */
const pricePaired = (g: { priceMinor?: number | null; currency?: string | null }, ctx: z.RefinementCtx) => {
  if (g.priceMinor === undefined && g.currency === undefined) return;
  if ((g.priceMinor ?? null) !== null && (g.currency ?? null) === null) ctx.addIssue({ code: 'custom', message: 'Give the price’s currency', path: ['currency'] });
  if ((g.priceMinor ?? null) === null && (g.currency ?? null) !== null) ctx.addIssue({ code: 'custom', message: 'Give the price, or no currency', path: ['priceMinor'] });
};

export const giftMethods = {
  /** ideas first (newest first), then gifts given or received, latest first */
  'gifts.listForContact': query<Gift[]>()(z.object({ contactId: id }).strict()),
  /** the gift ideas of these people (the dashboard's upcoming birthdays) */
  'gifts.ideasFor': query<Gift[]>()(z.object({ contactIds: z.array(id).max(200, 'At most 200 people') }).strict()),
  'gifts.create': command<Gift>()(
    z
      .object({ contactId: id, ...fieldShape, status: fieldShape.status.default('idea'), note: fieldShape.note.default('') })
      .strict()
      .superRefine(pricePaired),
  ),
  /** an idea becomes a gift given by setting status and date */
  'gifts.update': command<Gift>()(z.object(fieldShape).partial().extend({ id }).strict().superRefine(pricePaired)),
  'gifts.delete': command<{ id: string }>()(z.object({ id }).strict()),
};
