// Client value entries: what a client brought, invoiced or paid.
import { z } from 'zod';
import { command, query } from '../define';
import { currencyCode, id, isoDate, pageInput, version } from '../schemas';
import { CLIENT_SORTS, type ClientValue } from '../../domain/dashboard';
import { VALUE_KINDS, type ContactValue, type ValueEntry } from '../../domain/value';

export const valueFields = z.object({
  contactId: id,
  occurredOn: isoDate,
  amountMinor: z
    .number({ error: 'Enter an amount' })
    .int('Amount is in whole cents')
    .min(1, 'Amount must be more than zero')
    .max(1e13, 'Amount is too large'),
  currency: currencyCode,
  kind: z.enum(VALUE_KINDS).default('invoiced'),
  note: z.string().trim().max(1000, 'Note is longer than 1000 characters').default(''),
});

export const valueMethods = {
  'value.listForContact': query<ContactValue>()(z.object({ contactId: id }).strict()),
  'value.create': command<ValueEntry>()(valueFields.strict()),
  /** `updatedAt`: the version edited (the renderer sends it); changed since, the answer is `stale` and nothing is written */
  'value.update': command<ValueEntry>()(valueFields.omit({ contactId: true }).partial().extend({ id, updatedAt: version }).strict()),
  'value.delete': command<{ id: string }>()(z.object({ id }).strict()),
  /** every client of one currency (default: the one with the most value), sorted and paged: the full list behind the dashboard's Clients card */
  'value.clients': query<{ currencies: string[]; currency: string | null; items: ClientValue[]; total: number }>()(
    z
      .object({
        currency: currencyCode.optional(),
        sort: z.enum(CLIENT_SORTS).default('amount'),
        descending: z.boolean().optional(),
        ...pageInput,
      })
      .strict(),
  ),
};
