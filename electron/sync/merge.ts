// The three-way merge of a contact edited on both sides since they last agreed (the base): field
// by field, a side that left a field as it was takes the other side's value; tags merge as a set
// (an addition on either side is kept, a removal on either side removes); methods merge per kind.
// A field both sides changed to different values is a conflict: it is reported, never decided here.
import type { ContactConflictField } from '../../shared/domain/sync';
import type { CardFields, SyncMethod } from './card-fields';

/** the name a conflict is shown and resolved by */
export type MergeField = ContactConflictField;

export interface FieldConflict {
  field: MergeField;
  base: unknown;
  local: unknown;
  remote: unknown;
}

export interface MergeResult {
  /** every field merged; a conflicting field holds the local value until the user decides */
  merged: CardFields;
  conflicts: FieldConflict[];
}

const SCALARS = ['displayName', 'givenName', 'familyName', 'nickname', 'company', 'title', 'birthday', 'notes', 'photo', 'circle', 'importance', 'cadenceDays', 'howMet', 'introducedBy', 'dates'] as const;
const METHOD_KINDS = ['email', 'phone', 'address', 'website', 'social'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `base` null: both sides made the item without a common ancestor (then every difference is a conflict, tags are united) */
export function mergeFields(base: CardFields | null, local: CardFields, remote: CardFields): MergeResult {
  const merged = structuredClone(local);
  const conflicts: FieldConflict[] = [];
  const pick = <T>(field: MergeField, b: T | undefined, l: T, r: T): T => {
    if (same(l, r)) return l;
    if (b !== undefined && same(b, l)) return r;
    if (b !== undefined && same(b, r)) return l;
    conflicts.push({ field, base: b ?? null, local: l, remote: r });
    return l;
  };
  for (const key of SCALARS) (merged as unknown as Record<string, unknown>)[key] = pick(key, base?.[key], local[key], remote[key]);
  const methods: SyncMethod[] = [];
  for (const kind of METHOD_KINDS) {
    const of = (f: CardFields | null) => (f ? f.methods.filter((m) => m.kind === kind) : undefined);
    methods.push(...pick(`methods.${kind}`, of(base), of(local)!, of(remote)!));
  }
  merged.methods = methods;
  merged.tags = mergeSet(base?.tags ?? null, local.tags, remote.tags, (t) => t.toLowerCase()).sort((a, b) => a.localeCompare(b, 'en'));
  // relationships merge as a set too: one added on a side is kept, one removed on a side goes
  merged.related = mergeSet(base ? (base.related ?? []) : null, local.related ?? [], remote.related ?? [], (r) => `${r.role}\u0000${r.uid.toLowerCase()}`);
  return { merged, conflicts };
}

function mergeSet<T>(base: T[] | null, local: T[], remote: T[], key: (t: T) => string): T[] {
  const inBase = new Set((base ?? []).map(key));
  const inLocal = new Set(local.map(key));
  const inRemote = new Set(remote.map(key));
  const all = new Map([...remote, ...local].map((t) => [key(t), t]));
  return [...all.entries()].filter(([k]) => (inBase.has(k) ? inLocal.has(k) && inRemote.has(k) : inLocal.has(k) || inRemote.has(k))).map(([, t]) => t);
}

/** the merged fields with each conflicting field taken from the side the user chose */
export function resolveFields(merged: CardFields, conflicts: FieldConflict[], choices: Partial<Record<MergeField, 'local' | 'remote'>>): CardFields {
  const result = structuredClone(merged);
  for (const c of conflicts) {
    const value = choices[c.field] === 'remote' ? c.remote : c.local;
    if (c.field.startsWith('methods.')) {
      const kind = c.field.slice('methods.'.length);
      result.methods = [...result.methods.filter((m) => m.kind !== kind), ...(value as SyncMethod[])];
    } else (result as unknown as Record<string, unknown>)[c.field] = value;
  }
  return result;
}
