// Personal facts: create, edit, delete and reorder a contact's typed key/value pairs.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ContactFactTable, DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { factValueProblem, SUGGESTED_FACT_LABELS, type ContactFact, type FactLabel } from '../../shared/domain/facts';
import type { HandlerGroup } from './context';
import { requireContact } from './requireContact';

export const factHandlers: HandlerGroup<'facts.listForContact' | 'facts.labels' | 'facts.create' | 'facts.update' | 'facts.delete' | 'facts.reorder'> = {
  async 'facts.listForContact'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    return listFacts(ctx.db, input.contactId);
  },

  async 'facts.labels'(ctx) {
    const used = await ctx.db.selectFrom('contact_facts').select(['label', 'type']).groupBy(['label', 'type']).orderBy('label').execute();
    const seen = new Set(SUGGESTED_FACT_LABELS.map((s) => s.label.toLowerCase()));
    const labels: FactLabel[] = SUGGESTED_FACT_LABELS.map((s) => ({ ...s, suggested: true }));
    for (const u of used) {
      if (seen.has(u.label.toLowerCase())) continue;
      seen.add(u.label.toLowerCase());
      labels.push({ label: u.label, type: u.type, suggested: false });
    }
    return labels;
  },

  async 'facts.create'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      await requireContact(trx, input.contactId);
      const last = await trx.selectFrom('contact_facts').select((eb) => eb.fn.max('sort_order').as('n')).where('contact_id', '=', input.contactId).executeTakeFirst();
      await trx
        .insertInto('contact_facts')
        .values({ id, contact_id: input.contactId, label: input.label, type: input.type, value: input.value, sort_order: (last?.n ?? -1) + 1, created_at: now, updated_at: now })
        .execute();
    });
    return loadFact(ctx.db, id);
  },

  async 'facts.update'(ctx, input) {
    const existing = await loadFact(ctx.db, input.id);
    const type = input.type ?? existing.type;
    const value = input.value ?? existing.value;
    // a new type with the old value (or a new value under the old type) must still fit
    const problem = factValueProblem(type, value);
    if (problem) throw new ServiceError('invalid_input', problem, 'value');
    await ctx.db
      .updateTable('contact_facts')
      .set({ label: input.label ?? existing.label, type, value, updated_at: ctx.clock.now().getTime() })
      .where('id', '=', input.id)
      .execute();
    return loadFact(ctx.db, input.id);
  },

  async 'facts.delete'(ctx, input) {
    const result = await ctx.db.deleteFrom('contact_facts').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No fact with that id', 'id');
    return { id: input.id };
  },

  async 'facts.reorder'(ctx, input) {
    await ctx.db.transaction().execute(async (trx) => {
      await requireContact(trx, input.contactId);
      const current = await trx.selectFrom('contact_facts').select('id').where('contact_id', '=', input.contactId).execute();
      const ids = new Set(current.map((r) => r.id));
      if (input.ids.length !== ids.size || input.ids.some((i) => !ids.has(i))) {
        throw new ServiceError('invalid_input', `The new order must list each of this contact's ${ids.size} facts once`, 'ids');
      }
      for (const [i, factId] of input.ids.entries()) await trx.updateTable('contact_facts').set({ sort_order: i }).where('id', '=', factId).execute();
    });
    return listFacts(ctx.db, input.contactId);
  },
};

export async function listFacts(db: Kysely<DB>, contactId: string): Promise<ContactFact[]> {
  const rows = await db.selectFrom('contact_facts').selectAll().where('contact_id', '=', contactId).orderBy('sort_order').orderBy('created_at').execute();
  return rows.map(toFact);
}

async function loadFact(db: Kysely<DB>, id: string): Promise<ContactFact> {
  const row = await db.selectFrom('contact_facts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No fact with that id', 'id');
  return toFact(row);
}

function toFact(r: Selectable<ContactFactTable>): ContactFact {
  return { id: r.id, contactId: r.contact_id, label: r.label, type: r.type, value: r.value, sortOrder: r.sort_order, createdAt: r.created_at, updatedAt: r.updated_at };
}
