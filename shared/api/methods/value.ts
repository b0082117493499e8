// Client value entries: what a client brought, invoiced or paid.
import { z } from 'zod';
import { command, query } from '../define';
import { id, isoDate } from '../schemas';
import { VALUE_KINDS, type ContactValue, type ValueEntry } from '../../domain/value';

export const valueFields = z.object({
  contactId: id,
  occurredOn: isoDate,
  amountMinor: z
    .number({ error: 'Enter an amount' })
    .int('Amount is in whole cents')
    .min(1, 'Amount must be more than zero')
    .max(1e13, 'Amount is too large'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Currency is a three-letter code such as EUR')
    .refine((c) => Intl.supportedValuesOf('currency').includes(c), 'Not a known currency code'),
  kind: z.enum(VALUE_KINDS).default('invoiced'),
  note: z.string().trim().max(1000, 'Note is longer than 1000 characters').default(''),
});

export const valueMethods = {
  'value.listForContact': query<ContactValue>()(z.object({ contactId: id }).strict()),
  'value.create': command<ValueEntry>()(valueFields.strict()),
  'value.update': command<ValueEntry>()(valueFields.omit({ contactId: true }).partial().extend({ id }).strict()),
  'value.delete': command<{ id: string }>()(z.object({ id }).strict()),
};
