// Next-time topics of a contact: added, ticked off (by hand or with a logged interaction), removed.
import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import type { NextTopic } from '../../domain/topics';

const text = nonEmptyText('Topic', 500);

export const topicMethods = {
  /** open ones first (oldest first), then the done ones when asked for, newest first */
  'topics.listForContact': query<NextTopic[]>()(z.object({ contactId: id, includeDone: z.boolean().default(false) }).strict()),
  /** the open topics of everyone in an interaction being logged */
  'topics.openFor': query<NextTopic[]>()(z.object({ contactIds: z.array(id).min(1, 'Pick at least one person').max(200, 'At most 200 people') }).strict()),
  'topics.add': command<NextTopic>()(z.object({ contactId: id, text }).strict()),
  /** done: true ticks it off now, false opens it again */
  'topics.update': command<NextTopic>()(z.object({ id, text: text.optional(), done: z.boolean().optional() }).strict()),
  'topics.delete': command<{ id: string }>()(z.object({ id }).strict()),
};
