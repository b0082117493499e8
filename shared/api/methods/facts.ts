// Personal facts of a contact: typed, ordered key/value pairs.
import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import { FACT_TYPES, factValueProblem, type ContactFact, type FactLabel } from '../../domain/facts';

const label = nonEmptyText('Label', 100);
const value = nonEmptyText('Value', 2000);
const type = z.enum(FACT_TYPES, { error: 'Type is one of text, number, date, link' });

/** the value must fit the type (a date fact holds a date) */
const fitsType = (f: { type?: (typeof FACT_TYPES)[number]; value?: string }, ctx: z.RefinementCtx) => {
  if (f.type === undefined || f.value === undefined) return;
  const problem = factValueProblem(f.type, f.value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value'] });
};

export const factMethods = {
  /** in the user's order */
  'facts.listForContact': query<ContactFact[]>()(z.object({ contactId: id }).strict()),
  /** Kith's suggested labels, then every label the user has used, each once */
  'facts.labels': query<FactLabel[]>()(z.object({}).strict()),
  /** added after the contact's last fact */
  'facts.create': command<ContactFact>()(z.object({ contactId: id, label, type: type.default('text'), value }).strict().superRefine(fitsType)),
  /** a value alone is checked against the stored type by the service */
  'facts.update': command<ContactFact>()(z.object({ id, label: label.optional(), type: type.optional(), value: value.optional() }).strict().superRefine(fitsType)),
  'facts.delete': command<{ id: string }>()(z.object({ id }).strict()),
  /** every fact of the contact, each once, in the new order */
  'facts.reorder': command<ContactFact[]>()(
    z
      .object({ contactId: id, ids: z.array(id).max(1000).refine((ids) => new Set(ids).size === ids.length, 'The same fact is listed twice') })
      .strict(),
  ),
};
