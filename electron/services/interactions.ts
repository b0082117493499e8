// The interaction log: one interaction, several participants, written in one transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { Interaction } from '../../shared/domain/interaction';
import type { HandlerGroup, ServiceContext } from './context';
import { tickOffTopics } from './topics';
import { putBackInteractionAttachments, setAsideInteractionAttachments } from './attachments';

/** a little slack for clocks that disagree by a moment (the renderer's and the main process's) */
const FUTURE_TOLERANCE_MS = 60_000;

export const interactionHandlers: HandlerGroup<'interactions.log' | 'interactions.update' | 'interactions.delete' | 'interactions.restore' | 'interactions.get' | 'interactions.listForContact'> = {
  async 'interactions.log'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const occurredAt = input.occurredAt ?? now;
    checkNotInFuture(occurredAt, now);
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      await checkParticipants(trx, input.participantIds);
      await trx
        .insertInto('interactions')
        .values({
          id,
          occurred_at: occurredAt,
          kind: input.kind,
          direction: input.direction,
          duration_minutes: input.durationMinutes,
          rating: input.rating,
          summary: input.summary,
          notes: input.notes,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeParticipants(trx, id, input.participantIds, { occurred_at: occurredAt, kind: input.kind, direction: input.direction, rating: input.rating });
      await tickOffTopics(trx, input.doneTopicIds, input.participantIds, id, now);
    });
    return loadInteraction(ctx.db, id);
  },

  async 'interactions.update'(ctx, input) {
    const { id, participantIds, updatedAt: editedVersion, ...patch } = input;
    const now = ctx.clock.now().getTime();
    if (patch.occurredAt !== undefined) checkNotInFuture(patch.occurredAt, now);
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!existing) throw new ServiceError('not_found', 'No interaction with that id', 'id');
      if (editedVersion !== undefined && editedVersion !== existing.updated_at) {
        throw new ServiceError('stale', 'This interaction was changed elsewhere (another window or tab) after you opened it.', 'updatedAt');
      }
      const next = {
        occurred_at: patch.occurredAt ?? existing.occurred_at,
        kind: patch.kind ?? existing.kind,
        direction: patch.direction ?? existing.direction,
        duration_minutes: patch.durationMinutes !== undefined ? patch.durationMinutes : existing.duration_minutes,
        rating: patch.rating !== undefined ? patch.rating : existing.rating,
        summary: patch.summary ?? existing.summary,
        notes: patch.notes ?? existing.notes,
      };
      // each write a new version, even two in the same millisecond
      await trx.updateTable('interactions').set({ ...next, updated_at: Math.max(now, existing.updated_at + 1) }).where('id', '=', id).execute();
      const ids =
        participantIds ??
        (await trx.selectFrom('interaction_participants').select('contact_id').where('interaction_id', '=', id).execute()).map((r) => r.contact_id);
      if (participantIds) await checkParticipants(trx, participantIds);
      await trx.deleteFrom('interaction_participants').where('interaction_id', '=', id).execute();
      await writeParticipants(trx, id, ids, { occurred_at: next.occurred_at, kind: next.kind, direction: next.direction, rating: next.rating });
    });
    return loadInteraction(ctx.db, id);
  },

  async 'interactions.delete'(ctx, input) {
    return ctx.db.transaction().execute(async (trx) => {
      const found = await loadInteractions(trx, [input.id]);
      const was = found[0];
      if (!was) throw new ServiceError('not_found', 'No interaction with that id', 'id');
      const topics = await trx.selectFrom('next_topics').select('id').where('done_interaction_id', '=', input.id).execute();
      const attachmentIds = await setAsideInteractionAttachments(trx, input.id, ctx.clock.now().getTime());
      await trx.deleteFrom('interactions').where('id', '=', input.id).execute();
      const { participants, ...fields } = was;
      return { id: input.id, deleted: { ...fields, participantIds: participants.map((p) => p.id), doneTopicIds: topics.map((t) => t.id), attachmentIds } };
    });
  },

  async 'interactions.restore'(ctx, input) {
    const { id, participantIds, doneTopicIds, attachmentIds, createdAt, updatedAt, ...fields } = input;
    await ctx.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('interactions').select('id').where('id', '=', id).executeTakeFirst()) {
        throw new ServiceError('conflict', 'That interaction is already there', 'id');
      }
      // people deleted since are left out; with none left there is nothing to put back
      const still = (await trx.selectFrom('contacts').select('id').where('id', 'in', participantIds).execute()).map((r) => r.id);
      const ids = participantIds.filter((p) => still.includes(p));
      if (ids.length === 0) throw new ServiceError('not_found', 'Everyone in that interaction has been deleted since', 'participantIds');
      await trx
        .insertInto('interactions')
        .values({
          id,
          occurred_at: fields.occurredAt,
          kind: fields.kind,
          direction: fields.direction,
          duration_minutes: fields.durationMinutes,
          rating: fields.rating,
          summary: fields.summary,
          notes: fields.notes,
          created_at: createdAt,
          updated_at: updatedAt,
        })
        .execute();
      await writeParticipants(trx, id, ids, { occurred_at: fields.occurredAt, kind: fields.kind, direction: fields.direction, rating: fields.rating });
      if (doneTopicIds.length > 0) {
        await trx.updateTable('next_topics').set({ done_interaction_id: id }).where('id', 'in', doneTopicIds).where('done_interaction_id', 'is', null).execute();
      }
      await putBackInteractionAttachments(trx, id, attachmentIds);
    });
    return loadInteraction(ctx.db, id);
  },

  async 'interactions.get'(ctx, input) {
    return loadInteraction(ctx.db, input.id);
  },

  async 'interactions.listForContact'(ctx, input) {
    let q = ctx.db
      .selectFrom('interaction_participants')
      .select(['interaction_id', 'occurred_at'])
      .where('contact_id', '=', input.contactId);
    if (input.cursor) {
      const { occurredAt, id } = input.cursor;
      q = q.where((eb) => eb.or([eb('occurred_at', '<', occurredAt), eb.and([eb('occurred_at', '=', occurredAt), eb('interaction_id', '<', id)])]));
    }
    const page = await q.orderBy('occurred_at', 'desc').orderBy('interaction_id', 'desc').limit(input.limit + 1).execute();
    const more = page.length > input.limit;
    const ids = page.slice(0, input.limit).map((r) => r.interaction_id);
    const items = await loadInteractions(ctx.db, ids);
    const last = items.at(-1);
    return { items, nextCursor: more && last ? { occurredAt: last.occurredAt, id: last.id } : null };
  },
};

function checkNotInFuture(occurredAt: number, now: number) {
  if (occurredAt > now + FUTURE_TOLERANCE_MS) throw new ServiceError('invalid_input', 'An interaction cannot be in the future', 'occurredAt');
}

async function checkParticipants(trx: Transaction<DB>, ids: string[]) {
  const found = await trx.selectFrom('contacts').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) {
    const known = new Set(found.map((r) => r.id));
    const missing = ids.findIndex((x) => !known.has(x));
    throw new ServiceError('invalid_input', 'Unknown contact among the participants', `participantIds.${missing}`);
  }
}

async function writeParticipants(
  trx: Transaction<DB>,
  interactionId: string,
  contactIds: string[],
  copy: { occurred_at: number; kind: Interaction['kind']; direction: Interaction['direction']; rating: number | null },
) {
  await trx
    .insertInto('interaction_participants')
    .values(contactIds.map((contact_id) => ({ interaction_id: interactionId, contact_id, ...copy })))
    .execute();
}

export async function loadInteraction(db: Kysely<DB>, id: string): Promise<Interaction> {
  const [found] = await loadInteractions(db, [id]);
  if (!found) throw new ServiceError('not_found', 'No interaction with that id', 'id');
  return found;
}

/** the interactions with these ids, in the order given */
export async function loadInteractions(db: Kysely<DB>, ids: string[]): Promise<Interaction[]> {
  if (ids.length === 0) return [];
  const [rows, people] = await Promise.all([
    db.selectFrom('interactions').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('interaction_participants as p')
      .innerJoin('contacts as c', 'c.id', 'p.contact_id')
      .select(['p.interaction_id', 'c.id', 'c.display_name'])
      .where('p.interaction_id', 'in', ids)
      .orderBy('c.display_name')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        occurredAt: r.occurred_at,
        kind: r.kind,
        direction: r.direction,
        durationMinutes: r.duration_minutes,
        rating: r.rating,
        summary: r.summary,
        notes: r.notes,
        participants: people.filter((p) => p.interaction_id === id).map((p) => ({ id: p.id, displayName: p.display_name })),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
    ];
  });
}
