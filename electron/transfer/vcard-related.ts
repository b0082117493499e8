// RELATED as Kith writes and reads it, in vCard files and synced cards alike: the RFC 6350 §6.6.6
// TYPE for the roles vCard has a word for, X-KITH-INTRODUCED[-BY] for Kith's own two, and a user's
// role as X-KITH-ROLE (what the peer is to this contact) with X-KITH-INVERSE (what this contact is
// to the peer), so another Kith makes the same pair. A TYPE Kith has no word for is a role of that name.
import type Database from 'better-sqlite3';
import { prepared } from '../../db/prepared';
import { customNamesSeenFrom, roleSeenFrom, type RelationshipRole, type RoleLookup, type RoleRef, type StoredRelationship } from '../../shared/domain/relationship';
import { roleLookupSync } from '../services/relationshipRoles';
import { relationRole } from './record';

/** a relationship's role as a card carries it: a built-in role, or a user's role by its words */
export type CardRole = RelationshipRole | { name: string; inverse: string | null };

export interface CardRelation {
  role: CardRole;
  /** the peer's UID (its Kith id) */
  uid: string;
}

const RELATED_TYPE: Partial<Record<RelationshipRole, string>> = { partner: 'spouse', parent: 'parent', child: 'child', sibling: 'sibling', friend: 'friend', colleague: 'colleague' };
export const KITH_RELATED: Partial<Record<RelationshipRole, string>> = { introducedBy: 'X-KITH-INTRODUCED-BY', introduced: 'X-KITH-INTRODUCED' };

/** RFC 6350 §6.6.6's TYPE values */
const RFC_TYPES = new Set(['contact', 'acquaintance', 'friend', 'met', 'co-worker', 'colleague', 'co-resident', 'neighbor', 'child', 'parent', 'sibling', 'spouse', 'kin', 'muse', 'crush', 'date', 'sweetheart', 'me', 'agent', 'emergency']);

const lower = (s: string) => s.trim().toLocaleLowerCase();

/** one key per role and peer, whatever the case of the words */
export function cardRelationKey(r: CardRelation): string {
  const role = typeof r.role === 'string' ? r.role : `custom:${lower(r.role.name)}:${lower(r.role.inverse ?? '')}`;
  return `${role}\u0000${r.uid.toLowerCase()}`;
}

/** a parameter value with : ; , or a quote is quoted (RFC 6350 §5); quotes cannot be escaped */
const param = (v: string) => (/[:;,"]/.test(v) ? `"${v.replace(/"/g, "'")}"` : v);

/** the property line (unfolded) for a relationship */
export function relatedLine(r: CardRelation): string {
  if (typeof r.role === 'string') {
    const kith = KITH_RELATED[r.role];
    return kith ? `${kith}:urn:uuid:${r.uid}` : `RELATED;TYPE=${RELATED_TYPE[r.role]}:urn:uuid:${r.uid}`;
  }
  const { name, inverse } = r.role;
  // a role that is one of vCard's own words ("kin") says so to other apps too; X-KITH-ROLE keeps its spelling
  const type = RFC_TYPES.has(lower(name)) ? `;TYPE=${lower(name)}` : '';
  return `RELATED${type};X-KITH-ROLE=${param(name)}${inverse !== null ? `;X-KITH-INVERSE=${param(inverse)}` : ''}:urn:uuid:${r.uid}`;
}

/**
 * The role of a RELATED (or X-KITH-INTRODUCED[-BY]) property from its name and parameters; null
 * when it names none (no TYPE at all), so the property rides along as it was.
 */
export function cardRoleOf(property: string, type: string | null, kithRole: string | null, kithInverse: string | null): CardRole | null {
  const p = property.toLowerCase();
  if (p === 'x-kith-introduced-by') return 'introducedBy';
  if (p === 'x-kith-introduced') return 'introduced';
  if (kithRole?.trim()) return { name: kithRole.trim(), inverse: kithInverse?.trim() || null };
  const t = (type ?? '').trim();
  if (!t) return null;
  const builtIn = relationRole(t);
  if (builtIn === 'introducedBy') return null; // Kith writes its own kinds as X-KITH-*
  if (builtIn) return builtIn;
  return { name: t.charAt(0).toLocaleUpperCase() + t.slice(1).toLocaleLowerCase(), inverse: null };
}

/** a stored link's role, seen from the card's contact, as the card carries it */
export function cardRoleOfRef(ref: RoleRef, roles: RoleLookup): CardRole | null {
  if (!ref.startsWith('custom:')) return ref as RelationshipRole;
  return customNamesSeenFrom(ref, roles);
}

export interface RelationRow {
  from_contact_id: string;
  to_contact_id: string;
  kind: StoredRelationship['kind'];
  role_id: string | null;
}
export const asStored = (r: RelationRow): StoredRelationship => ({ from: r.from_contact_id, to: r.to_contact_id, kind: r.kind, roleId: r.role_id });

/** every stored link of the contacts `ids` (all when not given), on both people's cards */
export function readCardRelations(sqlite: Database.Database, ids?: string[]): Map<string, CardRelation[]> {
  const args = ids ? [JSON.stringify(ids), JSON.stringify(ids)] : [];
  const rows = prepared(
    sqlite,
    ids
      ? `SELECT from_contact_id, to_contact_id, kind, role_id FROM relationships WHERE from_contact_id IN (SELECT value FROM json_each(?)) OR to_contact_id IN (SELECT value FROM json_each(?))`
      : `SELECT from_contact_id, to_contact_id, kind, role_id FROM relationships`,
  ).all(...args) as RelationRow[];
  const roles = roleLookupSync(sqlite);
  const related = new Map<string, CardRelation[]>();
  for (const r of rows) {
    for (const [self, other] of [[r.from_contact_id, r.to_contact_id], [r.to_contact_id, r.from_contact_id]] as const) {
      const role = cardRoleOfRef(roleSeenFrom(self, asStored(r), roles), roles);
      if (!role) continue;
      const list = related.get(self) ?? [];
      list.push({ role, uid: other });
      related.set(self, list);
    }
  }
  return related;
}
