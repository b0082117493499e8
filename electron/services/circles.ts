// Circles: the groups a contact belongs to, each with a colour and a default check-in cadence.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { Circle } from '../../shared/domain/contact';
import type { HandlerGroup } from './context';

export const circleHandlers: HandlerGroup<'circles.list' | 'circles.create' | 'circles.update' | 'circles.delete'> = {
  async 'circles.list'(ctx) {
    return listCircles(ctx.db);
  },

  async 'circles.create'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      await checkNameFree(trx, input.name);
      const last = await trx.selectFrom('circles').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
      await trx
        .insertInto('circles')
        .values({ id, name: input.name, color: input.color.toLowerCase(), default_cadence_days: input.defaultCadenceDays, sort_order: Number(last?.m ?? -1) + 1, created_at: now, updated_at: now })
        .execute();
    });
    return findCircle(ctx.db, id);
  },

  async 'circles.update'(ctx, input) {
    const now = ctx.clock.now().getTime();
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('circles').select(['id', 'default_cadence_days', 'default_cadence_latest_days']).where('id', '=', input.id).executeTakeFirst();
      if (!existing) throw new ServiceError('not_found', 'No circle with that id', 'id');
      if (input.name !== undefined) await checkNameFree(trx, input.name, input.id);
      // a new cadence without a latest interval drops the old one (it was relative to the old cadence)
      const cadence = input.defaultCadenceDays ?? existing.default_cadence_days;
      const latest = input.defaultCadenceLatestDays !== undefined ? input.defaultCadenceLatestDays : input.defaultCadenceDays !== undefined ? null : existing.default_cadence_latest_days;
      if (latest !== null && (cadence === 0 || latest < cadence))
        throw new ServiceError('invalid_input', cadence === 0 ? 'A latest interval needs a cadence' : `The latest interval cannot be shorter than the cadence (${cadence} days)`, 'defaultCadenceLatestDays');
      await trx
        .updateTable('circles')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.color !== undefined && { color: input.color.toLowerCase() }),
          ...(input.defaultCadenceDays !== undefined && { default_cadence_days: input.defaultCadenceDays }),
          default_cadence_latest_days: latest,
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
          updated_at: now,
        })
        .where('id', '=', input.id)
        .execute();
    });
    return findCircle(ctx.db, input.id);
  },

  async 'circles.delete'(ctx, input) {
    const now = ctx.clock.now().getTime();
    return ctx.db.transaction().execute(async (trx) => {
      const all = await trx.selectFrom('circles').select('id').execute();
      if (!all.some((c) => c.id === input.id)) throw new ServiceError('not_found', 'No circle with that id', 'id');
      if (all.length === 1) throw new ServiceError('conflict', 'Kith needs at least one circle: rename this one instead', 'id');
      if (input.moveToId === input.id) throw new ServiceError('invalid_input', 'Pick another circle for its contacts', 'moveToId');
      if (input.moveToId !== null && !all.some((c) => c.id === input.moveToId)) throw new ServiceError('invalid_input', 'Unknown circle', 'moveToId');
      const moved = await trx.updateTable('contacts').set({ circle_id: input.moveToId, updated_at: now }).where('circle_id', '=', input.id).executeTakeFirst();
      await trx.deleteFrom('circles').where('id', '=', input.id).execute();
      return { id: input.id, moved: Number(moved.numUpdatedRows) };
    });
  },
};

async function checkNameFree(trx: Transaction<DB>, name: string, selfId?: string) {
  let q = trx.selectFrom('circles').select('id').where('name', '=', name);
  if (selfId) q = q.where('id', '!=', selfId);
  if (await q.executeTakeFirst()) throw new ServiceError('conflict', `There is already a circle called “${name}”`, 'name');
}

export async function listCircles(db: Kysely<DB>): Promise<Circle[]> {
  const rows = await db
    .selectFrom('circles')
    .select([
      'id',
      'name',
      'color',
      'default_cadence_days',
      'default_cadence_latest_days',
      'sort_order',
      (eb) =>
        eb
          .selectFrom('contacts')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('contacts.circle_id', '=', 'circles.id')
          .where('contacts.archived_at', 'is', null)
          .as('contact_count'),
    ])
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    color: r.color,
    defaultCadenceDays: r.default_cadence_days,
    defaultCadenceLatestDays: r.default_cadence_latest_days,
    sortOrder: r.sort_order,
    contactCount: Number(r.contact_count ?? 0),
  }));
}

async function findCircle(db: Kysely<DB>, id: string): Promise<Circle> {
  const found = (await listCircles(db)).find((c) => c.id === id);
  if (!found) throw new ServiceError('not_found', 'No circle with that id', 'id');
  return found;
}
