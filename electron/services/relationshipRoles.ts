// The user's own relationship roles (godparent ↔ godchild): defined in Settings, picked on a
// contact page, and found or made by name when a card or a file brings one (vCard X-KITH-ROLE, a
// RELATED type Kith has no word for). A role in use is never deleted with its links unasked.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { prepared } from '../../db/prepared';
import { ServiceError } from '../../shared/api/errors';
import { customRef, isBuiltInRoleName, isDirected, storedRelationship, type CustomRole, type RoleLookup, type RoleRef } from '../../shared/domain/relationship';
import type { HandlerGroup } from './context';

type Method = 'relationshipRoles.list' | 'relationshipRoles.create' | 'relationshipRoles.update' | 'relationshipRoles.remove';

const same = (a: string | null, b: string | null) => (a ?? '').trim().toLocaleLowerCase() === (b ?? '').trim().toLocaleLowerCase();
/** "ex ↔ ex" is one word both ways: stored without an inverse */
const normalInverse = (name: string, inverse: string | null) => (inverse === null || same(name, inverse) ? null : inverse.trim());

export const relationshipRoleHandlers: HandlerGroup<Method> = {
  async 'relationshipRoles.list'(ctx) {
    const rows = await ctx.db
      .selectFrom('relationship_roles as r')
      .leftJoin('relationships as l', 'l.role_id', 'r.id')
      .select(['r.id', 'r.name', 'r.inverse_name', (eb) => eb.fn.count<number>('l.id').as('links')])
      .groupBy('r.id')
      .execute();
    return rows
      .map((r) => ({ id: r.id, name: r.name, inverseName: r.inverse_name, links: Number(r.links) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  },

  async 'relationshipRoles.create'(ctx, input) {
    const role = { id: randomUUID(), name: input.name.trim(), inverseName: normalInverse(input.name, input.inverseName) };
    await assertNamesFree(ctx.db, role);
    await ctx.db.insertInto('relationship_roles').values({ id: role.id, name: role.name, inverse_name: role.inverseName, created_at: ctx.clock.now().getTime() }).execute();
    return role;
  },

  async 'relationshipRoles.update'(ctx, input) {
    const role = { id: input.id, name: input.name.trim(), inverseName: normalInverse(input.name, input.inverseName) };
    return ctx.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('relationship_roles').select('inverse_name').where('id', '=', input.id).executeTakeFirst();
      if (!before) throw new ServiceError('not_found', 'No role with that id', 'id');
      // a role that reads both ways made one-way (or back) would turn its links around unasked
      if ((before.inverse_name === null) !== (role.inverseName === null)) {
        const used = await trx.selectFrom('relationships').select('id').where('role_id', '=', input.id).executeTakeFirst();
        if (used) throw new ServiceError('conflict', 'Links use this role: it cannot change between one word and two. Make a new role and move its links there instead.', 'inverseName');
      }
      await assertNamesFree(trx, role);
      await trx.updateTable('relationship_roles').set({ name: role.name, inverse_name: role.inverseName }).where('id', '=', input.id).execute();
      return role;
    });
  },

  async 'relationshipRoles.remove'(ctx, input) {
    return ctx.db.transaction().execute(async (trx) => {
      const role = await trx.selectFrom('relationship_roles').select(['id', 'name']).where('id', '=', input.id).executeTakeFirst();
      if (!role) throw new ServiceError('not_found', 'No role with that id', 'id');
      const links = await trx.selectFrom('relationships').select(['id', 'from_contact_id', 'to_contact_id']).where('role_id', '=', input.id).execute();
      let moved = 0;
      let deleted = 0;
      if (links.length && !input.links) {
        const n = links.length;
        throw new ServiceError('conflict', `${n} ${n === 1 ? 'link uses' : 'links use'} “${role.name}”: move ${n === 1 ? 'it' : 'them'} to another role or delete ${n === 1 ? 'it' : 'them'} with the role.`, 'links');
      }
      if (links.length && input.links === 'move') {
        if (input.moveTo === customRef(input.id) || input.moveTo === customRef(input.id, true)) throw new ServiceError('invalid_input', 'Choose another role for its links', 'moveTo');
        const roles = await roleLookup(trx);
        for (const l of links) {
          // the one the role's name describes (from) is <moveTo> of the other (to)
          const row = storedRelationship(l.to_contact_id, l.from_contact_id, input.moveTo!);
          if (row.roleId && !roles(row.roleId)) throw new ServiceError('invalid_input', 'Unknown relationship role', 'moveTo');
          const twin = await findLink(trx, row, roles);
          if (twin) await trx.deleteFrom('relationships').where('id', '=', l.id).execute(); // already linked that way: one link stays
          else await trx.updateTable('relationships').set({ from_contact_id: row.from, to_contact_id: row.to, kind: row.kind, role_id: row.roleId }).where('id', '=', l.id).execute();
          moved += 1;
        }
      } else if (links.length) {
        deleted = Number((await trx.deleteFrom('relationships').where('role_id', '=', input.id).executeTakeFirst()).numDeletedRows);
      }
      await trx.deleteFrom('relationship_roles').where('id', '=', input.id).execute();
      return { id: input.id, moved, deleted };
    });
  },
};

/** every role by id (a user has a handful) */
export async function roleLookup(db: Kysely<DB>): Promise<RoleLookup> {
  const rows = await db.selectFrom('relationship_roles').select(['id', 'name', 'inverse_name']).execute();
  const byId = new Map<string, CustomRole>(rows.map((r) => [r.id, { id: r.id, name: r.name, inverseName: r.inverse_name }]));
  return (id) => byId.get(id);
}

export function roleLookupSync(sqlite: Database.Database): RoleLookup {
  const rows = prepared(sqlite, `SELECT id, name, inverse_name FROM relationship_roles`).all() as { id: string; name: string; inverse_name: string | null }[];
  const byId = new Map<string, CustomRole>(rows.map((r) => [r.id, { id: r.id, name: r.name, inverseName: r.inverse_name }]));
  return (id) => byId.get(id);
}

/** the stored link that is `row` already (the same either way round, for a role that reads both ways) */
export async function findLink(db: Kysely<DB>, row: ReturnType<typeof storedRelationship>, roles: RoleLookup): Promise<{ id: string } | undefined> {
  let q = db.selectFrom('relationships').select('id').where('kind', '=', row.kind);
  q = row.roleId === null ? q.where('role_id', 'is', null) : q.where('role_id', '=', row.roleId);
  q = isDirected(row, roles)
    ? q.where('from_contact_id', '=', row.from).where('to_contact_id', '=', row.to)
    : q.where((eb) =>
        eb.or([
          eb.and([eb('from_contact_id', '=', row.from), eb('to_contact_id', '=', row.to)]),
          eb.and([eb('from_contact_id', '=', row.to), eb('to_contact_id', '=', row.from)]),
        ]),
      );
  return q.executeTakeFirst();
}

/** two roles may not share a word (which one would a card's "mentor" be?), nor take a built-in one's */
async function assertNamesFree(db: Kysely<DB>, role: CustomRole): Promise<void> {
  for (const [word, field] of [[role.name, 'name'], [role.inverseName, 'inverseName']] as const) {
    if (word !== null && isBuiltInRoleName(word)) throw new ServiceError('invalid_input', `“${word}” is one of Kith's own roles; pick it from the list instead`, field);
  }
  const others = await db.selectFrom('relationship_roles').select(['name', 'inverse_name']).where('id', '!=', role.id).execute();
  for (const o of others) {
    for (const word of [role.name, role.inverseName]) {
      if (word !== null && (same(word, o.name) || (o.inverse_name !== null && same(word, o.inverse_name)))) throw new ServiceError('conflict', `A role called “${word}” exists already`, word === role.name ? 'name' : 'inverseName');
    }
  }
}

/**
 * The role a card or a file names ("godparent", inverse "godchild"), as seen from the card's
 * contact: found by its words (either way round), else made. Built-in words are the caller's to
 * map first (relationRole).
 */
export function roleRefForNames(sqlite: Database.Database, name: string, inverse: string | null, now: number): RoleRef {
  const n = name.trim().slice(0, 60);
  const i = inverse === null ? null : normalInverse(n, inverse.slice(0, 60));
  const rows = prepared(sqlite, `SELECT id, name, inverse_name FROM relationship_roles`).all() as { id: string; name: string; inverse_name: string | null }[];
  for (const r of rows) {
    if (same(r.name, n) && (r.inverse_name === null || i === null || same(r.inverse_name, i))) return customRef(r.id);
    if (r.inverse_name !== null && same(r.inverse_name, n) && (i === null || same(r.name, i))) return customRef(r.id, true);
  }
  const id = randomUUID();
  // a word of the new role's inverse that another role uses already: the new role reads both ways
  const clash = i !== null && rows.some((r) => same(r.name, i) || (r.inverse_name !== null && same(r.inverse_name, i)));
  prepared(sqlite, `INSERT INTO relationship_roles (id, name, inverse_name, created_at) VALUES (?, ?, ?, ?)`).run(id, n || 'Related', clash ? null : i, now);
  return customRef(id);
}
