// Links between two contacts, read from either side with the inverse label (a parent on one
// side is a child on the other). "Introduced by" on a contact shows here too, on both pages.
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../shared/api/errors';
import { EXCLUSIVE_KINDS, ROLE_LABELS, parseCustomRef, roleLabel, roleSeenFrom, storedRelationship, type Relationship, type RelationshipKind, type RelationshipRole, type RoleRef } from '../../shared/domain/relationship';
import type { HandlerGroup, ServiceContext } from './context';
import { findLink, roleLookup } from './relationshipRoles';

export const relationshipHandlers: HandlerGroup<'relationships.listForContact' | 'relationships.add' | 'relationships.remove'> = {
  async 'relationships.listForContact'(ctx, input) {
    return listRelationships(ctx, input.contactId);
  },

  async 'relationships.add'(ctx, input) {
    if (input.contactId === input.otherId) throw new ServiceError('invalid_input', 'A contact cannot be related to themselves', 'otherId');
    const row = storedRelationship(input.contactId, input.otherId, input.role);
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('contacts').select('id').where('id', 'in', [input.contactId, input.otherId]).execute();
      if (!found.some((r) => r.id === input.contactId)) throw new ServiceError('not_found', 'No contact with that id', 'contactId');
      if (!found.some((r) => r.id === input.otherId)) throw new ServiceError('invalid_input', 'Unknown contact', 'otherId');
      const roles = await roleLookup(trx);
      if (row.roleId && !roles(row.roleId)) throw new ServiceError('invalid_input', 'Unknown relationship role', 'role');
      // a symmetric link is one link whichever side it was added from
      if (await findLink(trx, row, roles)) throw new ServiceError('conflict', 'These two are already linked that way', 'role');
      const excluded = row.kind === 'custom' ? undefined : EXCLUSIVE_KINDS[row.kind];
      if (excluded && !input.confirmed) {
        const other = await trx.selectFrom('relationships').select('id').where('kind', '=', excluded)
          .where((eb) =>
            eb.or([
              eb.and([eb('from_contact_id', '=', row.from), eb('to_contact_id', '=', row.to)]),
              eb.and([eb('from_contact_id', '=', row.to), eb('to_contact_id', '=', row.from)]),
            ]),
          )
          .executeTakeFirst();
        if (other)
          throw new ServiceError('conflict', `These two are already linked as ${ROLE_LABELS[excluded].toLowerCase()}s. Link them as ${ROLE_LABELS[row.kind as RelationshipKind & RelationshipRole].toLowerCase()}s as well?`, 'confirmed');
      }
      await trx.insertInto('relationships').values({ id, from_contact_id: row.from, to_contact_id: row.to, kind: row.kind, role_id: row.roleId, created_at: ctx.clock.now().getTime() }).execute();
    });
    const made = (await listRelationships(ctx, input.contactId)).find((r) => r.id === id);
    if (!made) throw new ServiceError('not_found', 'No relationship with that id', 'id');
    return made;
  },

  async 'relationships.remove'(ctx, input) {
    const result = await ctx.db.deleteFrom('relationships').where('id', '=', input.id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new ServiceError('not_found', 'No relationship with that id', 'id');
    return { id: input.id };
  },
};

const ROLE_ORDER: RelationshipRole[] = ['partner', 'parent', 'child', 'sibling', 'friend', 'colleague', 'introducedBy', 'introduced'];
/** built-in roles in their order, then the user's by name */
const rank = (r: Relationship) => (parseCustomRef(r.role) ? ROLE_ORDER.length : ROLE_ORDER.indexOf(r.role as RelationshipRole));

export async function listRelationships(ctx: Pick<ServiceContext, 'db'>, contactId: string): Promise<Relationship[]> {
  const [rows, introducedBy, introduced, roles] = await Promise.all([
    ctx.db
      .selectFrom('relationships as r')
      .innerJoin('contacts as o', (join) =>
        join.on((eb) =>
          eb.or([
            eb.and([eb('r.from_contact_id', '=', contactId), eb('o.id', '=', eb.ref('r.to_contact_id'))]),
            eb.and([eb('r.to_contact_id', '=', contactId), eb('o.id', '=', eb.ref('r.from_contact_id'))]),
          ]),
        ),
      )
      .select(['r.id', 'r.from_contact_id', 'r.to_contact_id', 'r.kind', 'r.role_id', 'o.id as other_id', 'o.display_name', 'o.archived_at'])
      .execute(),
    ctx.db
      .selectFrom('contacts as c')
      .innerJoin('contacts as o', 'o.id', 'c.introduced_by_id')
      .select(['o.id', 'o.display_name', 'o.archived_at'])
      .where('c.id', '=', contactId)
      .execute(),
    ctx.db.selectFrom('contacts').select(['id', 'display_name', 'archived_at']).where('introduced_by_id', '=', contactId).execute(),
    roleLookup(ctx.db),
  ]);
  const list: Relationship[] = rows.map((r) => {
    const role: RoleRef = roleSeenFrom(contactId, { from: r.from_contact_id, to: r.to_contact_id, kind: r.kind, roleId: r.role_id }, roles);
    return { id: r.id, role, label: roleLabel(role, roles), other: { id: r.other_id, displayName: r.display_name, archived: r.archived_at !== null } };
  });
  // the "introduced by" field is a link too, unless the same link is already stored
  const derived = [
    ...introducedBy.map((o) => ({ role: 'introducedBy' as const, o })),
    ...introduced.map((o) => ({ role: 'introduced' as const, o })),
  ];
  for (const { role, o } of derived) {
    if (list.some((r) => r.role === role && r.other.id === o.id)) continue;
    list.push({ id: null, role, label: ROLE_LABELS[role], other: { id: o.id, displayName: o.display_name, archived: o.archived_at !== null } });
  }
  return list.sort((a, b) => rank(a) - rank(b) || (rank(a) === ROLE_ORDER.length ? a.label.localeCompare(b.label) : 0) || a.other.displayName.localeCompare(b.other.displayName));
}
