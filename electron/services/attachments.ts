// Attachments: files on a contact or an interaction, kept in the data file (db/migrations/0025).
// The bytes are stored once per SHA-256; a row names them. Deletes are soft for ATTACHMENT_UNDO_MS
// so Undo can bring a file back, then purged (the blob goes with its last row, by trigger).
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AttachmentTable, DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB } from '../../shared/api/limits';
import { mediaTypeOf, type Attachment } from '../../shared/domain/attachments';
import type { HandlerGroup, ServiceContext } from './context';
import { requireContact } from './requireContact';
import { writeOpenCopy } from './attachmentCopies';

/** how long a deleted file can still be brought back */
export const ATTACHMENT_UNDO_MS = 10 * 60 * 1000;

type Owner = { contactId?: string; interactionId?: string };

export const attachmentHandlers: HandlerGroup<
  | 'attachments.listForContact'
  | 'attachments.listForInteraction'
  | 'attachments.countsForInteractions'
  | 'attachments.add'
  | 'attachments.choose'
  | 'attachments.rename'
  | 'attachments.delete'
  | 'attachments.restore'
  | 'attachments.read'
  | 'attachments.open'
> = {
  async 'attachments.listForContact'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const rows = await live(ctx.db).where('contact_id', '=', input.contactId).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toAttachment);
  },

  async 'attachments.listForInteraction'(ctx, input) {
    await requireInteraction(ctx.db, input.interactionId);
    const rows = await live(ctx.db).where('interaction_id', '=', input.interactionId).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toAttachment);
  },

  async 'attachments.countsForInteractions'(ctx, input) {
    if (!input.interactionIds.length) return {};
    const rows = await ctx.db
      .selectFrom('attachments')
      .select(['interaction_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('interaction_id', 'in', input.interactionIds)
      .where('deleted_at', 'is', null)
      .groupBy('interaction_id')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.interaction_id!, Number(r.n)]));
  },

  async 'attachments.add'(ctx, input) {
    const bytes = Buffer.from(input.data, 'base64');
    return addAttachment(ctx, input, input.name, input.mediaType, bytes);
  },

  async 'attachments.choose'(ctx, input) {
    if (!ctx.files) throw new ServiceError('invalid_input', 'Choosing a file here needs the desktop app; in a browser, pick or drop the file on the page');
    await requireOwner(ctx.db, input);
    const file = await ctx.files.openFile({ title: 'Attach a file', extensions: [] });
    if (!file) return null;
    return addAttachment(ctx, input, file.name, '', file.bytes);
  },

  async 'attachments.rename'(ctx, input) {
    await loadLive(ctx.db, input.id);
    await ctx.db.updateTable('attachments').set({ name: input.name, updated_at: ctx.clock.now().getTime() }).where('id', '=', input.id).execute();
    return loadLive(ctx.db, input.id);
  },

  async 'attachments.delete'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const result = await ctx.db.updateTable('attachments').set({ deleted_at: now }).where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ServiceError('not_found', 'No attachment with that id', 'id');
    await purgeDeletedAttachments(ctx.db, now);
    return { id: input.id };
  },

  async 'attachments.restore'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const row = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!row || row.deleted_at === null || row.deleted_at < now - ATTACHMENT_UNDO_MS) throw new ServiceError('not_found', 'That file was deleted too long ago to bring back', 'id');
    if (row.contact_id === null && row.interaction_id === null) throw new ServiceError('not_found', 'The interaction that file was on has been deleted; undo that first', 'id');
    await ctx.db.updateTable('attachments').set({ deleted_at: null }).where('id', '=', input.id).execute();
    return loadLive(ctx.db, input.id);
  },

  async 'attachments.read'(ctx, input) {
    const attachment = await loadLive(ctx.db, input.id);
    return { attachment, data: (await readBytes(ctx.db, attachment.sha256)).toString('base64') };
  },

  async 'attachments.open'(ctx, input) {
    if (!ctx.files?.openWithSystem) throw new ServiceError('invalid_input', 'Opening with the system’s app needs the desktop app; in a browser, download the file');
    const attachment = await loadLive(ctx.db, input.id);
    const path = await writeOpenCopy(attachment.name, await readBytes(ctx.db, attachment.sha256), ctx.clock.now().getTime());
    const problem = await ctx.files.openWithSystem(path);
    if (problem) throw new ServiceError('invalid_input', `“${attachment.name}” could not be opened: ${problem}`, 'id');
    return { opened: true };
  },
};

/** the one way a file comes in: size and emptiness checked here, naming the file */
async function addAttachment(ctx: ServiceContext, owner: Owner, name: string, givenType: string, bytes: Buffer): Promise<Attachment> {
  if (bytes.length === 0) throw new ServiceError('invalid_input', `“${name}” is empty; there is nothing to attach`, 'data');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new ServiceError('too_large', `“${name}” is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a file can be at most ${MAX_ATTACHMENT_MB} MB`, 'data');
  }
  const now = ctx.clock.now().getTime();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await requireOwner(trx, owner);
    await trx.insertInto('attachment_blobs').values({ sha256, size: bytes.length, data: bytes }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    await trx
      .insertInto('attachments')
      .values({ id, contact_id: owner.contactId ?? null, interaction_id: owner.interactionId ?? null, name, media_type: mediaTypeOf(givenType, name), sha256, size: bytes.length, created_at: now, updated_at: now, deleted_at: null })
      .execute();
  });
  await purgeDeletedAttachments(ctx.db, now);
  return loadLive(ctx.db, id);
}

/**
 * Deleted files past the undo window, and files whose interaction went without passing through
 * interactions.delete (a contact deleted for good): gone for good, their bytes with the last of them.
 */
export async function purgeDeletedAttachments(db: Kysely<DB>, now: number): Promise<void> {
  await db
    .deleteFrom('attachments')
    .where((eb) => eb.or([eb('deleted_at', '<', now - ATTACHMENT_UNDO_MS), eb.and([eb('contact_id', 'is', null), eb('interaction_id', 'is', null), eb('deleted_at', 'is', null)])]))
    .execute();
}

/** interactions.delete: its files are set aside (deleted, ownerless once the row goes) for Undo */
export async function setAsideInteractionAttachments(db: Kysely<DB>, interactionId: string, now: number): Promise<string[]> {
  const rows = await db.updateTable('attachments').set({ deleted_at: now }).where('interaction_id', '=', interactionId).where('deleted_at', 'is', null).returning('id').execute();
  return rows.map((r) => r.id);
}

/** interactions.restore: the files set aside by its delete hang on it again */
export async function putBackInteractionAttachments(db: Kysely<DB>, interactionId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('attachments').set({ interaction_id: interactionId, deleted_at: null }).where('id', 'in', ids).where('contact_id', 'is', null).where('interaction_id', 'is', null).execute();
}

function live(db: Kysely<DB>) {
  return db.selectFrom('attachments').selectAll().where('deleted_at', 'is', null);
}

async function loadLive(db: Kysely<DB>, id: string): Promise<Attachment> {
  const row = await live(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No attachment with that id', 'id');
  return toAttachment(row);
}

async function readBytes(db: Kysely<DB>, sha256: string): Promise<Buffer> {
  const blob = await db.selectFrom('attachment_blobs').select('data').where('sha256', '=', sha256).executeTakeFirst();
  if (!blob) throw new ServiceError('not_found', 'The file’s bytes are missing from the data file', 'id');
  return Buffer.from(blob.data);
}

async function requireInteraction(db: Kysely<DB>, interactionId: string): Promise<void> {
  const found = await db.selectFrom('interactions').select('id').where('id', '=', interactionId).executeTakeFirst();
  if (!found) throw new ServiceError('not_found', 'No interaction with that id', 'interactionId');
}

async function requireOwner(db: Kysely<DB>, owner: Owner): Promise<void> {
  if (owner.contactId !== undefined) await requireContact(db, owner.contactId);
  else await requireInteraction(db, owner.interactionId!);
}

function toAttachment(r: Selectable<AttachmentTable>): Attachment {
  return { id: r.id, contactId: r.contact_id, interactionId: r.interaction_id, name: r.name, mediaType: r.media_type, size: r.size, sha256: r.sha256, createdAt: r.created_at, updatedAt: r.updated_at };
}

