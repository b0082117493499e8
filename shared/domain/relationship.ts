// Relationships between two contacts, and how each side reads them.

/** what is stored: for 'parent', from is the parent of to; for 'introduced', from introduced to;
 *  the other kinds read the same both ways */
export const RELATIONSHIP_KINDS = ['partner', 'parent', 'sibling', 'colleague', 'friend', 'introduced'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

/** what a user picks, as seen from the contact they are on: "X is my …" */
export const RELATIONSHIP_ROLES = ['partner', 'parent', 'child', 'sibling', 'colleague', 'friend', 'introducedBy', 'introduced'] as const;
export type RelationshipRole = (typeof RELATIONSHIP_ROLES)[number];

/** kinds that, between the same two people, would contradict each other unless the user says so */
export const EXCLUSIVE_KINDS: Partial<Record<RelationshipKind, RelationshipKind>> = { partner: 'friend', friend: 'partner' };

export const DIRECTED_KINDS: ReadonlySet<RelationshipKind> = new Set(['parent', 'introduced']);

export const ROLE_LABELS: Record<RelationshipRole, string> = {
  partner: 'Partner',
  parent: 'Parent',
  child: 'Child',
  sibling: 'Sibling',
  colleague: 'Colleague',
  friend: 'Friend',
  introducedBy: 'Introduced by',
  introduced: 'Introduced',
};

/** a role the user defined: "godparent" with its inverse "godchild"; inverseName null when it reads the same both ways ("ex") */
export interface CustomRole {
  id: string;
  name: string;
  inverseName: string | null;
}

/** a custom role as the Settings list shows it: with how many links use it */
export interface CustomRoleInUse extends CustomRole {
  links: number;
}

/**
 * What a user picks or a link reads as, seen from the contact they are on ("X is my …"): a built-in
 * role, or a custom one as 'custom:<id>' (X is the role's name of me: my godparent) or
 * 'custom:<id>:inverse' (X is its inverse of me: my godchild).
 */
export type RoleRef = RelationshipRole | `custom:${string}`;

export const CUSTOM_REF = /^custom:([^:]{1,100})(:inverse)?$/;

export function customRef(roleId: string, inverse = false): RoleRef {
  return `custom:${roleId}${inverse ? ':inverse' : ''}`;
}

export function parseCustomRef(ref: string): { roleId: string; inverse: boolean } | null {
  const m = CUSTOM_REF.exec(ref);
  return m ? { roleId: m[1]!, inverse: Boolean(m[2]) } : null;
}

/** what is stored: kind 'custom' with roleId for a user's role, from being the role's name of to */
export interface StoredRelationship {
  from: string;
  to: string;
  kind: RelationshipKind | 'custom';
  roleId: string | null;
}

/**
 * "other is <role> of self" as a stored row. A parent picked on the child's page is stored
 * parent -> child; a child picked on the parent's page is the same row. A custom role the same way:
 * "other is my godparent" is stored other -> self.
 */
export function storedRelationship(selfId: string, otherId: string, role: RoleRef): StoredRelationship {
  const custom = parseCustomRef(role);
  if (custom) return custom.inverse ? { from: selfId, to: otherId, kind: 'custom', roleId: custom.roleId } : { from: otherId, to: selfId, kind: 'custom', roleId: custom.roleId };
  switch (role as RelationshipRole) {
    case 'parent':
      return { from: otherId, to: selfId, kind: 'parent', roleId: null };
    case 'child':
      return { from: selfId, to: otherId, kind: 'parent', roleId: null };
    case 'introducedBy':
      return { from: otherId, to: selfId, kind: 'introduced', roleId: null };
    case 'introduced':
      return { from: selfId, to: otherId, kind: 'introduced', roleId: null };
    default:
      return { from: selfId, to: otherId, kind: role as RelationshipKind, roleId: null };
  }
}

/** the user's roles by id, as the functions below read them */
export type RoleLookup = (roleId: string) => CustomRole | undefined;

/** whether a stored link reads differently from each side (parent/child, godparent/godchild) */
export function isDirected(row: Pick<StoredRelationship, 'kind' | 'roleId'>, roles: RoleLookup): boolean {
  if (row.kind === 'custom') return roles(row.roleId ?? '')?.inverseName != null;
  return DIRECTED_KINDS.has(row.kind);
}

/** what the other contact is to the one whose page is shown */
export function roleSeenFrom(selfId: string, row: { from: string; to: string; kind: RelationshipKind | 'custom'; roleId?: string | null }, roles: RoleLookup = () => undefined): RoleRef {
  const selfIsFrom = row.from === selfId;
  switch (row.kind) {
    case 'parent':
      return selfIsFrom ? 'child' : 'parent';
    case 'introduced':
      return selfIsFrom ? 'introduced' : 'introducedBy';
    case 'custom': {
      const id = row.roleId ?? '';
      return customRef(id, selfIsFrom && roles(id)?.inverseName != null);
    }
    default:
      return row.kind;
  }
}

/** the word for a role, built-in or the user's ("Godchild"); a role that is gone reads as "Related" */
export function roleLabel(ref: RoleRef, roles: RoleLookup): string {
  const custom = parseCustomRef(ref);
  if (!custom) return ROLE_LABELS[ref as RelationshipRole] ?? 'Related';
  const role = roles(custom.roleId);
  if (!role) return 'Related';
  return custom.inverse ? (role.inverseName ?? role.name) : role.name;
}

/** the sides of a custom role as names, seen from `self`: what the peer is to self, and self to the peer */
export function customNamesSeenFrom(ref: RoleRef, roles: RoleLookup): { name: string; inverse: string | null } | null {
  const custom = parseCustomRef(ref);
  const role = custom && roles(custom.roleId);
  if (!custom || !role) return null;
  if (role.inverseName == null) return { name: role.name, inverse: null };
  return custom.inverse ? { name: role.inverseName, inverse: role.name } : { name: role.name, inverse: role.inverseName };
}

/** a role the user typed may not take a built-in role's word ("Friend") */
export function isBuiltInRoleName(name: string): boolean {
  const n = name.trim().toLocaleLowerCase();
  return Object.values(ROLE_LABELS).some((l) => l.toLocaleLowerCase() === n);
}

/** the link as a sentence from the page of `selfName`: "Ana introduced you to Ben"; null for the plain kinds */
export function relationshipSentence(role: RoleRef, selfName: string, otherName: string): string | null {
  if (role === 'introducedBy') return `${otherName} introduced you to ${selfName}`;
  if (role === 'introduced') return `${selfName} introduced you to ${otherName}`;
  return null;
}

export interface Relationship {
  /** null for the link that comes from a contact's "introduced by" field */
  id: string | null;
  role: RoleRef;
  label: string;
  other: { id: string; displayName: string; archived: boolean };
}
