import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import type { Tag } from '../../domain/contact';

export const tagMethods = {
  'tags.list': query<Tag[]>()(z.object({}).strict()),
  'tags.rename': command<Tag>()(z.object({ id, name: nonEmptyText('Tag', 60) }).strict()),
  /** removes the tag from every contact */
  'tags.delete': command<{ id: string }>()(z.object({ id }).strict()),
};
