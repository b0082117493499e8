// Money lent to or borrowed from a contact: personal, apart from client value, per currency.
import { z } from 'zod';
import { command, query } from '../define';
import { id, isoDate } from '../schemas';
import { LOAN_DIRECTIONS, type ContactLoans, type Loan, type LoanSummary } from '../../domain/loans';
import { valueFields } from './value';

const fieldShape = {
  direction: z.enum(LOAN_DIRECTIONS, { error: 'Direction is lent (they owe you) or borrowed (you owe them)' }),
  amountMinor: valueFields.shape.amountMinor,
  currency: valueFields.shape.currency,
  occurredOn: isoDate,
  note: z.string().trim().max(1000, 'Note is longer than 1000 characters'),
};

export const loanMethods = {
  /** newest first, with the open balance per currency */
  'loans.listForContact': query<ContactLoans>()(z.object({ contactId: id }).strict()),
  /** who owes whom across everyone, per currency (never summed across currencies) */
  'loans.summary': query<LoanSummary>()(z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict()),
  'loans.create': command<Loan>()(z.object({ contactId: id, ...fieldShape, note: fieldShape.note.default('') }).strict()),
  /** settledOn: the day it was paid back, or null to open it again */
  'loans.update': command<Loan>()(z.object({ ...fieldShape, settledOn: isoDate.nullable() }).partial().extend({ id }).strict()),
  'loans.delete': command<{ id: string }>()(z.object({ id }).strict()),
};
