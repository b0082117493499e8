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

/**
 * "other is <role> of self" as a stored row. A parent picked on the child's page is stored
 * parent -> child; a child picked on the parent's page is the same row.
 */
export function storedRelationship(selfId: string, otherId: string, role: RelationshipRole): { from: string; to: string; kind: RelationshipKind } {
  switch (role) {
    case 'parent':
      return { from: otherId, to: selfId, kind: 'parent' };
    case 'child':
      return { from: selfId, to: otherId, kind: 'parent' };
    case 'introducedBy':
      return { from: otherId, to: selfId, kind: 'introduced' };
    case 'introduced':
      return { from: selfId, to: otherId, kind: 'introduced' };
    default:
      return { from: selfId, to: otherId, kind: role };
  }
}

/** what the other contact is to the one whose page is shown */
export function roleSeenFrom(selfId: string, row: { from: string; to: string; kind: RelationshipKind }): RelationshipRole {
  const selfIsFrom = row.from === selfId;
  switch (row.kind) {
    case 'parent':
      return selfIsFrom ? 'child' : 'parent';
    case 'introduced':
      return selfIsFrom ? 'introduced' : 'introducedBy';
    default:
      return row.kind;
  }
}

/** the link as a sentence from the page of `selfName`: "Ana introduced you to Ben"; null for the plain kinds */
export function relationshipSentence(role: RelationshipRole, selfName: string, otherName: string): string | null {
  if (role === 'introducedBy') return `${otherName} introduced you to ${selfName}`;
  if (role === 'introduced') return `${selfName} introduced you to ${otherName}`;
  return null;
}

export interface Relationship {
  /** null for the link that comes from a contact's "introduced by" field */
  id: string | null;
  role: RelationshipRole;
  label: string;
  other: { id: string; displayName: string; archived: boolean };
}
