// Next-time topics: what to bring up when you next talk, ticked off by hand or with the interaction
// logged about them.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, NextTopicTable } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { NextTopic } from '../../shared/domain/topics';
import type { HandlerGroup } from './context';
import { requireContact } from './requireContact';

export const topicHandlers: HandlerGroup<'topics.listForContact' | 'topics.openFor' | 'topics.add' | 'topics.update' | 'topics.delete'> = {
  async 'topics.listForContact'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const open = await ctx.db.selectFrom('next_topics').selectAll().where('contact_id', '=', input.contactId).where('done_at', 'is', null).orderBy('created_at').orderBy('id').execute();
    if (!input.includeDone) return open.map(toTopic);
    const done = await ctx.db.selectFrom('next_topics').selectAll().where('contact_id', '=', input.contactId).where('done_at', 'is not', null).orderBy('done_at', 'desc').limit(100).execute();
    return [...open, ...done].map(toTopic);
  },

  async 'topics.openFor'(ctx, input) {
    return openTopicsOf(ctx.db, input.contactIds);
  },

  async 'topics.add'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const id = randomUUID();
    await ctx.db.insertInto('next_topics').values({ id, contact_id: input.contactId, text: input.text, created_at: ctx.clock.now().getTime(), done_at: null, done_interaction_id: null }).execute();
    return loadTopic(ctx.db, id);
  },

  async 'topics.update'(ctx, input) {
    const existing = await loadTopic(ctx.db, input.id);
    const doneAt = input.done === undefined ? existing.doneAt : input.done ? (existing.doneAt ?? ctx.clock.now().getTime()) : null;
    await ctx.db
      .updateTable('next_topics')
      .set({ text: input.text ?? existing.text, done_at: doneAt, done_interaction_id: doneAt === null ? null : existing.doneInteractionId })
      .where('id', '=', input.id)
      .execute();
    return loadTopic(ctx.db, input.id);
  },

  async 'topics.delete'(ctx, input) {
    const result = await ctx.db.deleteFrom('next_topics').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No topic with that id', 'id');
    return { id: input.id };
  },
};

/** open topics of these people, each person's oldest first */
export async function openTopicsOf(db: Kysely<DB>, contactIds: string[]): Promise<NextTopic[]> {
  if (!contactIds.length) return [];
  const rows = await db.selectFrom('next_topics').selectAll().where('contact_id', 'in', contactIds).where('done_at', 'is', null).orderBy('contact_id').orderBy('created_at').execute();
  return rows.map(toTopic);
}

/**
 * Ticks off topics with the interaction just logged, inside its transaction. Each must be an open
 * topic of one of the participants: anything else is refused and the whole log is not written.
 */
export async function tickOffTopics(trx: Transaction<DB>, topicIds: string[], participantIds: string[], interactionId: string, now: number): Promise<void> {
  if (!topicIds.length) return;
  const unique = [...new Set(topicIds)];
  const found = await trx.selectFrom('next_topics').select(['id', 'contact_id', 'done_at']).where('id', 'in', unique).execute();
  const people = new Set(participantIds);
  for (const topicId of unique) {
    const t = found.find((f) => f.id === topicId);
    if (!t) throw new ServiceError('not_found', 'No topic with that id', 'doneTopicIds');
    if (!people.has(t.contact_id)) throw new ServiceError('invalid_input', 'A topic to tick off belongs to someone not in this interaction', 'doneTopicIds');
  }
  await trx.updateTable('next_topics').set({ done_at: now, done_interaction_id: interactionId }).where('id', 'in', unique).where('done_at', 'is', null).execute();
}

async function loadTopic(db: Kysely<DB>, id: string): Promise<NextTopic> {
  const row = await db.selectFrom('next_topics').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No topic with that id', 'id');
  return toTopic(row);
}

function toTopic(r: Selectable<NextTopicTable>): NextTopic {
  return { id: r.id, contactId: r.contact_id, text: r.text, createdAt: r.created_at, doneAt: r.done_at, doneInteractionId: r.done_interaction_id };
}
