import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import { CUSTOM_REF, RELATIONSHIP_ROLES, type CustomRole, type CustomRoleInUse, type Relationship, type RoleRef } from '../../domain/relationship';

/** a built-in role, or a user's as 'custom:<id>' / 'custom:<id>:inverse' (shared/domain/relationship.ts) */
export const roleRef = z.union([z.enum(RELATIONSHIP_ROLES), z.string().regex(CUSTOM_REF, 'Unknown relationship role')]) as z.ZodType<RoleRef>;

const roleName = nonEmptyText('A role name', 60);
const roleFields = {
  /** what the one person is to the other: "godparent" */
  name: roleName,
  /** what the other is back: "godchild"; null (or the same word) when it reads the same both ways */
  inverseName: roleName.nullish().transform((v) => v ?? null),
};

export const relationshipMethods = {
  /** both directions, each labelled as seen from this contact (a parent there is a child here) */
  'relationships.listForContact': query<Relationship[]>()(z.object({ contactId: id }).strict()),
  /**
   * "otherId is the <role> of contactId". Partner and friend of the same person exclude each other:
   * without `confirmed` the second is refused as `conflict` on the field `confirmed`, a question
   * the app puts to the user; with `confirmed: true` both are kept.
   */
  'relationships.add': command<Relationship>()(z.object({ contactId: id, otherId: id, role: roleRef, confirmed: z.boolean().optional() }).strict()),
  'relationships.remove': command<{ id: string }>()(z.object({ id }).strict()),

  /** the user's own roles (godparent ↔ godchild), with how many links use each */
  'relationshipRoles.list': query<CustomRoleInUse[]>()(z.object({}).strict()),
  'relationshipRoles.create': command<CustomRole>()(z.object(roleFields).strict()),
  /** renames a role; its links stay and read the new names on both sides */
  'relationshipRoles.update': command<CustomRole>()(z.object({ id, ...roleFields }).strict()),
  /**
   * deletes a role. One that links use is refused (`conflict` on `links`) until the call says what
   * becomes of them: 'move' gives them `moveTo` (read as "the one is <moveTo> of the other", from
   * the side the role's name describes), 'delete' removes them too.
   */
  'relationshipRoles.remove': command<{ id: string; moved: number; deleted: number }>()(
    z
      .object({ id, links: z.enum(['move', 'delete']).optional(), moveTo: roleRef.optional() })
      .strict()
      .refine((v) => v.links !== 'move' || v.moveTo, { message: 'Choose the role its links become', path: ['moveTo'] }),
  ),
};
