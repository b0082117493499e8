// Tags: free labels, many per contact. Created by naming them on a contact; renamed or deleted here.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { Tag } from '../../shared/domain/contact';
import type { HandlerGroup } from './context';

export const tagHandlers: HandlerGroup<'tags.list' | 'tags.rename' | 'tags.delete'> = {
  async 'tags.list'(ctx) {
    return listTags(ctx.db);
  },

  async 'tags.rename'(ctx, input) {
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('tags').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!existing) throw new ServiceError('not_found', 'No tag with that id', 'id');
      const clash = await trx.selectFrom('tags').select('id').where('name', '=', input.name).where('id', '!=', input.id).executeTakeFirst();
      if (clash) throw new ServiceError('conflict', `There is already a tag called “${input.name}”`, 'name');
      await trx.updateTable('tags').set({ name: input.name }).where('id', '=', input.id).execute();
    });
    const tag = (await listTags(ctx.db)).find((t) => t.id === input.id);
    if (!tag) throw new ServiceError('not_found', 'No tag with that id', 'id');
    return tag;
  },

  async 'tags.delete'(ctx, input) {
    const result = await ctx.db.deleteFrom('tags').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No tag with that id', 'id');
    return { id: input.id };
  },
};

/** every tag with how many active contacts carry it; unused tags stay until deleted */
async function listTags(db: Kysely<DB>): Promise<Tag[]> {
  const rows = await db
    .selectFrom('tags as t')
    .select(['t.id', 't.name', 't.color'])
    .select((eb) =>
      eb
        .selectFrom('contact_tags as ct')
        .innerJoin('contacts as c', 'c.id', 'ct.contact_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('ct.tag_id', '=', 't.id')
        .where('c.archived_at', 'is', null)
        .as('contact_count'),
    )
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, color: r.color, contactCount: Number(r.contact_count ?? 0) }));
}
