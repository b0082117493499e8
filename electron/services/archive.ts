// Archive, restore and the explicit permanent delete. Archiving only stamps archived_at: nothing is
// lost, so a restore brings every method, tag, link and interaction back as it was.
import { ServiceError } from '../../shared/api/errors';
import type { HandlerGroup } from './context';
import { loadContact } from './contacts';
import { purgeDeletedAttachments } from './attachments';

export const archiveHandlers: HandlerGroup<'contacts.archive' | 'contacts.restore' | 'contacts.deletePermanently'> = {
  async 'contacts.archive'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const result = await ctx.db.updateTable('contacts').set({ archived_at: now, updated_at: now }).where('id', '=', input.id).where('archived_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await explainMissing(ctx, input.id, 'already archived');
    return loadContact(ctx, input.id);
  },

  async 'contacts.restore'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const result = await ctx.db.updateTable('contacts').set({ archived_at: null, updated_at: now }).where('id', '=', input.id).where('archived_at', 'is not', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await explainMissing(ctx, input.id, 'not archived');
    return loadContact(ctx, input.id);
  },

  /**
   * Removes an archived contact for good, in one transaction: its interactions that had nobody
   * else, then the contact, which cascades to its methods, tags, photo, dates, relationships,
   * reminders, value entries and its place in shared interactions ("introduced by" elsewhere is cleared).
   */
  async 'contacts.deletePermanently'(ctx, input) {
    return ctx.db.transaction().execute(async (trx) => {
      const contact = await trx.selectFrom('contacts').select(['id', 'archived_at']).where('id', '=', input.id).executeTakeFirst();
      if (!contact) throw new ServiceError('not_found', 'No contact with that id', 'id');
      if (contact.archived_at === null) throw new ServiceError('conflict', 'Archive the contact first; deleting is the second step', 'id');
      const theirs = trx.selectFrom('interaction_participants').select('interaction_id').where('contact_id', '=', input.id);
      const shared = await trx
        .selectFrom('interaction_participants')
        .select((eb) => eb.fn.count<number>('interaction_id').distinct().as('n'))
        .where('interaction_id', 'in', theirs)
        .where('contact_id', '!=', input.id)
        .executeTakeFirstOrThrow();
      const onlyThem = await trx
        .deleteFrom('interactions')
        .where('id', 'in', theirs)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('interaction_participants as other')
                .select('other.contact_id')
                .whereRef('other.interaction_id', '=', 'interactions.id')
                .where('other.contact_id', '!=', input.id),
            ),
          ),
        )
        .executeTakeFirst();
      const reminders = await trx.deleteFrom('reminders').where('contact_id', '=', input.id).executeTakeFirst();
      const relationships = await trx
        .deleteFrom('relationships')
        .where((eb) => eb.or([eb('from_contact_id', '=', input.id), eb('to_contact_id', '=', input.id)]))
        .executeTakeFirst();
      await trx.deleteFrom('contacts').where('id', '=', input.id).execute();
      // the files of interactions that went with them (the contact's own went by cascade)
      await purgeDeletedAttachments(trx, ctx.clock.now().getTime());
      return {
        id: input.id,
        interactionsDeleted: Number(onlyThem.numDeletedRows),
        interactionsKept: Number(shared.n),
        remindersDeleted: Number(reminders.numDeletedRows),
        relationshipsDeleted: Number(relationships.numDeletedRows),
      };
    });
  },
};

async function explainMissing(ctx: Parameters<(typeof archiveHandlers)['contacts.archive']>[0], id: string, state: string): Promise<never> {
  const exists = await ctx.db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new ServiceError('not_found', 'No contact with that id', 'id');
  throw new ServiceError('conflict', `The contact is ${state}`, 'id');
}
