import { z } from 'zod';
import { command, query } from '../define';
import { id } from '../schemas';
import { RELATIONSHIP_ROLES, type Relationship } from '../../domain/relationship';

export const relationshipMethods = {
  /** both directions, each labelled as seen from this contact (a parent there is a child here) */
  'relationships.listForContact': query<Relationship[]>()(z.object({ contactId: id }).strict()),
  /**
   * "otherId is the <role> of contactId". Partner and friend of the same person exclude each other:
   * without `confirmed` the second is refused as `conflict` on the field `confirmed`, a question
   * the app puts to the user; with `confirmed: true` both are kept.
   */
  'relationships.add': command<Relationship>()(z.object({ contactId: id, otherId: id, role: z.enum(RELATIONSHIP_ROLES), confirmed: z.boolean().optional() }).strict()),
  'relationships.remove': command<{ id: string }>()(z.object({ id }).strict()),
};
