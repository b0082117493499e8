// Client value entries: create, edit, delete, and a contact's entries with totals per currency.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { addDaysToDate, localDateOf } from '../../shared/domain/localDate';
import type { ValueEntry, ValueTotals } from '../../shared/domain/value';
import type { HandlerGroup, ServiceContext } from './context';
import { clientConcentration, clientsOfCurrency } from '../../shared/domain/dashboard';
import { clientSums } from './portfolio';

export const valueHandlers: HandlerGroup<'value.listForContact' | 'value.create' | 'value.update' | 'value.delete' | 'value.clients'> = {
  async 'value.clients'(ctx, input) {
    const sums = clientSums(ctx, ctx.clock.now().getTime(), ctx.clock.timeZone());
    const currencies = clientConcentration(sums, 0).currencies.map((c) => c.currency);
    const currency = input.currency ?? currencies[0] ?? null;
    if (currency === null) return { currencies, currency, items: [], total: 0 };
    const all = clientsOfCurrency(sums, currency, input.sort, input.descending ?? input.sort !== 'name');
    return { currencies, currency, items: all.slice(input.offset, input.offset + input.limit), total: all.length };
  },

  async 'value.listForContact'(ctx, input) {
    await checkContact(ctx.db, input.contactId);
    const rows = await ctx.db
      .selectFrom('value_entries')
      .selectAll()
      .where('contact_id', '=', input.contactId)
      .orderBy('occurred_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    const entries = rows.map(toEntry);
    const yearAgo = addDaysToDate(today(ctx), -365);
    const totals = new Map<string, ValueTotals>();
    for (const e of entries) {
      const t = totals.get(e.currency) ?? { currency: e.currency, totalMinor: 0, paidMinor: 0, outstandingMinor: 0, lastYearMinor: 0 };
      t.totalMinor += e.amountMinor;
      if (e.kind === 'paid') t.paidMinor += e.amountMinor;
      else t.outstandingMinor += e.amountMinor;
      if (e.occurredOn > yearAgo) t.lastYearMinor += e.amountMinor;
      totals.set(e.currency, t);
    }
    return { entries, totals: [...totals.values()].sort((a, b) => b.totalMinor - a.totalMinor) };
  },

  async 'value.create'(ctx, input) {
    checkNotInFuture(ctx, input.occurredOn);
    await checkContact(ctx.db, input.contactId);
    const id = randomUUID();
    await ctx.db
      .insertInto('value_entries')
      .values({
        id,
        contact_id: input.contactId,
        occurred_on: input.occurredOn,
        amount_minor: input.amountMinor,
        currency: input.currency,
        kind: input.kind,
        note: input.note,
        created_at: ctx.clock.now().getTime(),
        updated_at: ctx.clock.now().getTime(),
      })
      .execute();
    return loadEntry(ctx.db, id);
  },

  async 'value.update'(ctx, input) {
    const { id, updatedAt: editedVersion, ...patch } = input;
    if (patch.occurredOn !== undefined) checkNotInFuture(ctx, patch.occurredOn);
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('value_entries').select('updated_at').where('id', '=', id).executeTakeFirst();
      if (!existing) throw new ServiceError('not_found', 'No value entry with that id', 'id');
      if (editedVersion !== undefined && editedVersion !== existing.updated_at) {
        throw new ServiceError('stale', 'This value entry was changed elsewhere (another window or tab) after you opened it.', 'updatedAt');
      }
      await trx
        .updateTable('value_entries')
        .set({
          ...(patch.occurredOn !== undefined && { occurred_on: patch.occurredOn }),
          ...(patch.amountMinor !== undefined && { amount_minor: patch.amountMinor }),
          ...(patch.currency !== undefined && { currency: patch.currency }),
          ...(patch.kind !== undefined && { kind: patch.kind }),
          ...(patch.note !== undefined && { note: patch.note }),
          // each write a new version, even two in the same millisecond
          updated_at: Math.max(ctx.clock.now().getTime(), existing.updated_at + 1),
        })
        .where('id', '=', id)
        .execute();
    });
    return loadEntry(ctx.db, id);
  },

  async 'value.delete'(ctx, input) {
    const result = await ctx.db.deleteFrom('value_entries').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No value entry with that id', 'id');
    return { id: input.id };
  },
};

function today(ctx: ServiceContext) {
  return localDateOf(ctx.clock.now().getTime(), ctx.clock.timeZone());
}

function checkNotInFuture(ctx: ServiceContext, occurredOn: string) {
  if (occurredOn > today(ctx)) throw new ServiceError('invalid_input', 'The date cannot be in the future', 'occurredOn');
}

async function checkContact(db: Kysely<DB>, contactId: string) {
  const found = await db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst();
  if (!found) throw new ServiceError('not_found', 'No contact with that id', 'contactId');
}

async function loadEntry(db: Kysely<DB>, id: string): Promise<ValueEntry> {
  const row = await db.selectFrom('value_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No value entry with that id', 'id');
  return toEntry(row);
}

function toEntry(r: { id: string; contact_id: string; occurred_on: string; amount_minor: number; currency: string; kind: ValueEntry['kind']; note: string; created_at: number; updated_at: number }): ValueEntry {
  return { id: r.id, contactId: r.contact_id, occurredOn: r.occurred_on, amountMinor: r.amount_minor, currency: r.currency, kind: r.kind, note: r.note, createdAt: r.created_at, updatedAt: r.updated_at };
}
