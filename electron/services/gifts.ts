// Gifts: ideas for a person and gifts given or received.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, GiftTable } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { Gift } from '../../shared/domain/gifts';
import type { HandlerGroup } from './context';
import { requireContact } from './requireContact';

export const giftHandlers: HandlerGroup<'gifts.listForContact' | 'gifts.ideasFor' | 'gifts.create' | 'gifts.update' | 'gifts.delete'> = {
  async 'gifts.listForContact'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const rows = await ctx.db.selectFrom('gifts').selectAll().where('contact_id', '=', input.contactId).execute();
    const gifts = rows.map(toGift);
    const ideas = gifts.filter((g) => g.status === 'idea').sort((a, b) => b.createdAt - a.createdAt);
    const rest = gifts.filter((g) => g.status !== 'idea').sort((a, b) => (b.onDate ?? '').localeCompare(a.onDate ?? '') || b.createdAt - a.createdAt);
    return [...ideas, ...rest];
  },

  async 'gifts.ideasFor'(ctx, input) {
    if (!input.contactIds.length) return [];
    const rows = await ctx.db.selectFrom('gifts').selectAll().where('contact_id', 'in', input.contactIds).where('status', '=', 'idea').orderBy('contact_id').orderBy('created_at', 'desc').execute();
    return rows.map(toGift);
  },

  async 'gifts.create'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const now = ctx.clock.now().getTime();
    const id = randomUUID();
    await ctx.db
      .insertInto('gifts')
      .values({
        id,
        contact_id: input.contactId,
        status: input.status,
        title: input.title,
        url: input.url,
        price_minor: input.priceMinor ?? null,
        currency: input.priceMinor == null ? null : (input.currency ?? null),
        occasion: input.occasion,
        on_date: input.onDate,
        note: input.note,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return loadGift(ctx.db, id);
  },

  async 'gifts.update'(ctx, input) {
    const existing = await loadGift(ctx.db, input.id);
    const priceMinor = input.priceMinor !== undefined ? input.priceMinor : existing.priceMinor;
    const currency = input.currency !== undefined ? input.currency : existing.currency;
    if ((priceMinor === null) !== (currency === null)) throw new ServiceError('invalid_input', priceMinor === null ? 'Give the price, or no currency' : 'Give the price’s currency', priceMinor === null ? 'priceMinor' : 'currency');
    await ctx.db
      .updateTable('gifts')
      .set({
        status: input.status ?? existing.status,
        title: input.title ?? existing.title,
        url: input.url !== undefined ? input.url : existing.url,
        price_minor: priceMinor,
        currency,
        occasion: input.occasion !== undefined ? input.occasion : existing.occasion,
        on_date: input.onDate !== undefined ? input.onDate : existing.onDate,
        note: input.note ?? existing.note,
        updated_at: ctx.clock.now().getTime(),
      })
      .where('id', '=', input.id)
      .execute();
    return loadGift(ctx.db, input.id);
  },

  async 'gifts.delete'(ctx, input) {
    const result = await ctx.db.deleteFrom('gifts').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No gift with that id', 'id');
    return { id: input.id };
  },
};

async function loadGift(db: Kysely<DB>, id: string): Promise<Gift> {
  const row = await db.selectFrom('gifts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No gift with that id', 'id');
  return toGift(row);
}

function toGift(r: Selectable<GiftTable>): Gift {
  return { id: r.id, contactId: r.contact_id, status: r.status, title: r.title, url: r.url, priceMinor: r.price_minor, currency: r.currency, occasion: r.occasion, onDate: r.on_date, note: r.note, createdAt: r.created_at, updatedAt: r.updated_at };
}
