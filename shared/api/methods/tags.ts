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
});
/** a deleted tag as tags.delete answers it and tags.restore takes it back */
export type DeletedTag = z.input<typeof deletedTag>;

export const tagMethods = {
  'tags.list': query<Tag[]>()(z.object({}).strict()),
  'tags.rename': command<Tag>()(z.object({ id, name: nonEmptyText('Tag', 60) }).strict()),
  /** removes the tag from every contact */
  'tags.delete': command<{ id: string; deleted: DeletedTag }>()(z.object({ id }).strict()),
  /** Undo of a delete: the tag back with its id, name, colour and links (to the contacts still there) */
  'tags.restore': command<Tag>()(deletedTag.strict()),
};
