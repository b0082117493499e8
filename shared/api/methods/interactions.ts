import { z } from 'zod';
import { command, query } from '../define';
import { id, instant, notes, version } from '../schemas';
import { DIRECTIONS, INTERACTION_KINDS, type Interaction } from '../../domain/interaction';

const fieldShape = {
  /** when it happened; defaults to now. Later than now is refused (the health score ignores the future) */
  occurredAt: instant.optional(),
  kind: z.enum(INTERACTION_KINDS),
  direction: z.enum(DIRECTIONS),
  durationMinutes: z.number().int().min(0, 'Duration cannot be negative').max(7 * 24 * 60, 'Duration is over a week').nullish().transform((v) => v ?? null),
  rating: z.number().int().min(1, 'Rating is 1 to 5').max(5, 'Rating is 1 to 5').nullish().transform((v) => v ?? null),
  summary: z.string().trim().max(500, 'Summary is longer than 500 characters'),
  notes: notes.unwrap(),
  participantIds: z
    .array(id)
    .min(1, 'Pick at least one person')
    .max(200, 'At most 200 people in one interaction')
    .refine((ids) => new Set(ids).size === ids.length, 'The same person is listed twice'),
};

export const interactionFields = z.object({
  ...fieldShape,
  direction: fieldShape.direction.default('mutual'),
  summary: fieldShape.summary.default(''),
  notes: fieldShape.notes.default(''),
});

/** an edit: a field left out keeps its value */
export const interactionPatch = z.object(fieldShape).partial();

/** a deleted interaction as interactions.delete answers it and interactions.restore takes it back */
const deletedInteraction = interactionFields.extend({
  id,
  occurredAt: instant,
  createdAt: instant,
  updatedAt: instant,
  /** next-time topics this interaction had ticked off */
  doneTopicIds: z.array(id).max(500, 'At most 500 topics').default([]),
  /** its attachments, set aside by the delete (electron/services/attachments.ts) */
  attachmentIds: z.array(id).max(500, 'At most 500 attachments').default([]),
});
export type DeletedInteraction = z.input<typeof deletedInteraction>;

export const interactionMethods = {
  'interactions.log': command<Interaction>()(
    interactionFields
      .extend({
        /** next-time topics of the participants, ticked off with this interaction (shared/domain/topics.ts) */
        doneTopicIds: z.array(id).max(500, 'At most 500 topics').default([]),
      })
      .strict(),
  ),
  /** `updatedAt`: the version edited (the renderer sends it); changed since, the answer is `stale` and nothing is written */
  'interactions.update': command<Interaction>()(interactionPatch.extend({ id, updatedAt: version }).strict()),
  /** answers with what was deleted, so that Undo (interactions.restore) can put it back exactly */
  'interactions.delete': command<{ id: string; deleted: DeletedInteraction }>()(z.object({ id }).strict()),
  /** Undo of a delete: the interaction back with its id, times, participants (those still there) and ticked-off topics */
  'interactions.restore': command<Interaction>()(deletedInteraction.strict()),
  'interactions.get': query<Interaction>()(z.object({ id }).strict()),
  /** a contact's timeline, newest first, in pages: pass the last item's (occurredAt, id) as the cursor */
  'interactions.listForContact': query<{ items: Interaction[]; nextCursor: { occurredAt: number; id: string } | null }>()(
    z
      .object({
        contactId: id,
        limit: z.number().int().min(1).max(200).default(30),
        cursor: z.object({ occurredAt: instant, id }).nullish(),
      })
      .strict(),
  ),
};
