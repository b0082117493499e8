// The interaction log: one interaction, several participants, written in one transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { Interaction } from '../../shared/domain/interaction';
import type { HandlerGroup, ServiceContext } from './context';
import { tickOffTopics } from './topics';
import { prepared } from '../../db/prepared';
import type Database from 'better-sqlite3';
import { putBackInteractionAttachments, setAsideInteractionAttachments } from './attachments';

/** a little slack for clocks that disagree by a moment (the renderer's and the main process's) */
const FUTURE_TOLERANCE_MS = 60_000;

export const interactionHandlers: HandlerGroup<'interactions.log' | 'interactions.update' | 'interactions.delete' | 'interactions.restore' | 'interactions.get' | 'interactions.listForContact'> = {
  async 'interactions.log'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const occurredAt = input.occurredAt ?? now;
    checkNotInFuture(occurredAt, now);
    const id = randomUUID();
    // the most frequent write: statements prepared once, on the connection the transaction is open on
    // (a Kysely query compiled per call cost more than the writes themselves, docs/benchmarks.md)
    const write = () => {
      checkParticipantsNow(ctx.sqlite, input.participantIds);
      prepared(
        ctx.sqlite,
        `INSERT INTO interactions (id, occurred_at, kind, direction, duration_minutes, rating, summary, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, occurredAt, input.kind, input.direction, input.durationMinutes, input.rating, input.summary, input.notes, now, now);
      const participant = prepared(ctx.sqlite, `INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?, ?, ?, ?, ?, ?)`);
      for (const contactId of input.participantIds) participant.run(id, contactId, occurredAt, input.kind, input.direction, input.rating);
    };
    // Kysely's path also when another call's transaction is open on the connection: it waits its turn
    if (input.doneTopicIds?.length || ctx.sqlite.inTransaction) {
      await ctx.db.transaction().execute(async (trx) => {
        write();
        await tickOffTopics(trx, input.doneTopicIds, input.participantIds, id, now);
      });
    } else {
      ctx.sqlite.transaction(write).immediate();
    }
    return interactionsNow(ctx.sqlite, [id])[0]!;
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
    // keyset paging over the covering index participants_by_contact, prepared once per form
    const after = input.cursor ? `AND (occurred_at < :at OR (occurred_at = :at AND interaction_id < :id))` : '';
    const page = prepared(
      ctx.sqlite,
      `SELECT interaction_id FROM interaction_participants WHERE contact_id = :contact ${after} ORDER BY occurred_at DESC, interaction_id DESC LIMIT :limit`,
    )
      .pluck()
      .all({ contact: input.contactId, limit: input.limit + 1, ...(input.cursor ? { at: input.cursor.occurredAt, id: input.cursor.id } : {}) }) as string[];
    const more = page.length > input.limit;
    const ids = page.slice(0, input.limit);
    const items = interactionsNow(ctx.sqlite, ids);
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

/** checkParticipants with a prepared statement, inside a transaction already open on the connection */
function checkParticipantsNow(sqlite: Database.Database, ids: string[]) {
  // one person (the usual log) by the primary key alone: no JSON to build and read
  const found = new Set(
    (ids.length === 1
      ? prepared(sqlite, `SELECT id FROM contacts WHERE id = ?`).pluck().all(ids[0])
      : prepared(sqlite, `SELECT id FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(ids))) as string[],
  );
  const missing = ids.findIndex((x) => !found.has(x));
  if (missing >= 0 || found.size !== ids.length) {
    throw new ServiceError('invalid_input', 'Unknown contact among the participants', `participantIds.${missing >= 0 ? missing : 0}`);
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
  return interactionsOf(ids, rows, people);
}

/** loadInteractions with prepared statements, for the hot reads (the timeline's pages, a logged interaction) */
function interactionsNow(sqlite: Database.Database, ids: string[]): Interaction[] {
  if (ids.length === 0) return [];
  if (ids.length === 1) {
    // the one just logged, by its key
    const rows = prepared(sqlite, `SELECT * FROM interactions WHERE id = ?`).all(ids[0]) as InteractionRow[];
    const people = prepared(
      sqlite,
      `SELECT p.interaction_id, c.id, c.display_name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id WHERE p.interaction_id = ? ORDER BY c.display_name`,
    ).all(ids[0]) as PersonRow[];
    return interactionsOf(ids, rows, people);
  }
  const json = JSON.stringify(ids);
  const rows = prepared(sqlite, `SELECT * FROM interactions WHERE id IN (SELECT value FROM json_each(?))`).all(json) as InteractionRow[];
  const people = prepared(
    sqlite,
    `SELECT p.interaction_id, c.id, c.display_name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id
     WHERE p.interaction_id IN (SELECT value FROM json_each(?)) ORDER BY c.display_name`,
  ).all(json) as PersonRow[];
  return interactionsOf(ids, rows, people);
}

type InteractionRow = Selectable<DB['interactions']>;
type PersonRow = { interaction_id: string; id: string; display_name: string };

function interactionsOf(ids: string[], rows: InteractionRow[], people: PersonRow[]): Interaction[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  // who took part, per interaction, in the order read (by name): one pass, not one per interaction
  const peopleOf = new Map<string, { id: string; displayName: string }[]>();
  for (const p of people) {
    let list = peopleOf.get(p.interaction_id);
    if (!list) peopleOf.set(p.interaction_id, (list = []));
    list.push({ id: p.id, displayName: p.display_name });
  }
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
        participants: peopleOf.get(id) ?? [],
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
    ];
  });
}
