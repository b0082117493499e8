// Life events of a contact; creating one may also create a follow-up and a yearly reminder.
import { z } from 'zod';
import { command, query } from '../define';
import { id, isoDate, nonEmptyText } from '../schemas';
import { LIFE_EVENT_KINDS, type LifeEvent } from '../../domain/lifeEvents';

const fields = {
  kind: z.enum(LIFE_EVENT_KINDS, { error: 'Kind is one of new_job, moved, married, baby, graduated, loss, custom' }),
  title: nonEmptyText('Title', 200),
  occurredOn: isoDate,
  note: z.string().trim().max(10_000, 'Note is longer than 10,000 characters').default(''),
};

export const lifeEventMethods = {
  /** newest first */
  'lifeEvents.listForContact': query<LifeEvent[]>()(z.object({ contactId: id }).strict()),
  'lifeEvents.create': command<LifeEvent>()(
    z
      .object({
        contactId: id,
        ...fields,
        /** "ask how the new job is going" in N days from the event (or from today, for an event long past) */
        followUp: z
          .object({ title: nonEmptyText('Follow-up', 200), inDays: z.number().int().min(1, 'At least one day').max(3650, 'At most ten years') })
          .strict()
          .nullish()
          .transform((v) => v ?? null),
        /** a reminder every year on the event's date (anniversaries, birthdays) */
        yearly: z.boolean().default(false),
      })
      .strict(),
  ),
  /** the reminders it made are the user's own: a changed date moves an open yearly one with it */
  'lifeEvents.update': command<LifeEvent>()(
    z.object({ id, kind: fields.kind.optional(), title: fields.title.optional(), occurredOn: isoDate.optional(), note: fields.note.unwrap().optional() }).strict(),
  ),
  /** removeReminders also deletes the reminders it made (otherwise they stay) */
  'lifeEvents.delete': command<{ id: string }>()(z.object({ id, removeReminders: z.boolean().default(false) }).strict()),
};
