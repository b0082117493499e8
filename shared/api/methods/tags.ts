import { z } from 'zod';
import { command, query } from '../define';
import { id, instant, nonEmptyText } from '../schemas';
import type { Tag } from '../../domain/contact';

const deletedTag = z.object({
  id,
  name: nonEmptyText('Tag', 60),
  color: z.string().max(32).nullable(),
  createdAt: instant,
  contactIds: z.array(id).max(1_000_000),
  /** its check-in rhythm, so Undo brings that back too (left out: none) */
  cadenceDays: z.number().int().min(0).max(3650).nullable().optional(),
  cadenceLatestDays: z.number().int().min(1).max(3650).nullable().optional(),
});
/** a deleted tag as tags.delete answers it and tags.restore takes it back */
export type DeletedTag = z.input<typeof deletedTag>;

export const tagMethods = {
  'tags.list': query<Tag[]>()(z.object({}).strict()),
  'tags.rename': command<Tag>()(z.object({ id, name: nonEmptyText('Tag', 60) }).strict()),
  /** the tag's check-in rhythm (null: none; 0: never remind) and its latest interval (null: the cadence itself) */
  'tags.setCadence': command<Tag>()(
    z
      .object({
        id,
        cadenceDays: z.number().int().min(0, 'Cadence cannot be negative').max(3650, 'Cadence is over ten years').nullable(),
        cadenceLatestDays: z.number().int().min(1, 'The latest interval is at least a day').max(3650, 'The latest interval is over ten years').nullable(),
      })
      .strict(),
  ),
  /** removes the tag from every contact */
  'tags.delete': command<{ id: string; deleted: DeletedTag }>()(z.object({ id }).strict()),
  /** Undo of a delete: the tag back with its id, name, colour and links (to the contacts still there) */
  'tags.restore': command<Tag>()(deletedTag.strict()),
};
