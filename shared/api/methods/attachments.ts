// Attachments: files on a contact or an interaction, stored in the data file (migration 0025).
import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import type { Attachment } from '../../domain/attachments';
import { MAX_IMPORT_BASE64_CHARS } from '../limits';

/** on a contact or on an interaction: exactly one of the two */
const owner = {
  contactId: id.optional(),
  interactionId: id.optional(),
};
const oneOwner = (o: { contactId?: string; interactionId?: string }, ctx: z.RefinementCtx) => {
  if ((o.contactId === undefined) === (o.interactionId === undefined)) ctx.addIssue({ code: 'custom', message: 'Give a contact or an interaction, not both', path: ['contactId'] });
};
const fileName = nonEmptyText('File name', 255).refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'A file name has no control characters');

export const attachmentMethods = {
  /** the contact's own files, newest first (not those on their interactions) */
  'attachments.listForContact': query<Attachment[]>()(z.object({ contactId: id }).strict()),
  'attachments.listForInteraction': query<Attachment[]>()(z.object({ interactionId: id }).strict()),
  /** how many files each of these interactions has (the timeline's paperclips); ids without any are left out */
  'attachments.countsForInteractions': query<Record<string, number>>()(z.object({ interactionIds: z.array(id).max(500, 'At most 500 interactions') }).strict()),
  /**
   * A file's bytes as base64 (the page's file input or drop). Larger than MAX_ATTACHMENT_MB: `too_large`
   * naming the file; empty: `invalid_input`; an unknown or missing media type is kept as
   * application/octet-stream (or guessed from the name's extension).
   */
  'attachments.add': command<Attachment>()(
    z
      .object({
        ...owner,
        name: fileName,
        mediaType: z.string().max(255, 'Media type is longer than 255 characters').default(''),
        data: z.string().max(MAX_IMPORT_BASE64_CHARS, 'The file is too large to send').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file’s bytes are not base64'),
      })
      .strict()
      .superRefine(oneOwner),
  ),
  /** Electron: the native open dialog, read in the back end; null when the user cancelled */
  'attachments.choose': command<Attachment | null>()(z.object(owner).strict().superRefine(oneOwner)),
  'attachments.rename': command<Attachment>()(z.object({ id, name: fileName }).strict()),
  /** the file is kept for Undo (attachments.restore) for ATTACHMENT_UNDO_MS, then purged */
  'attachments.delete': command<{ id: string }>()(z.object({ id }).strict()),
  'attachments.restore': command<Attachment>()(z.object({ id }).strict()),
  /** the file and its bytes as base64 */
  'attachments.read': query<{ attachment: Attachment; data: string }>()(z.object({ id }).strict()),
  /** Electron: a temporary copy opened with the system's app for its type */
  'attachments.open': query<{ opened: boolean }>()(z.object({ id }).strict()),
};
