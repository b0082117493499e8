// The "Possible duplicates" scan: every active contact's emails, phone numbers (E.164) and name keys
// (shared/domain/duplicates.ts) looked up in one pass; contacts sharing one are joined into a group
// (union-find), pairs the user dismissed are never joined, and each group carries what its members
// share. The scan reads the methods from one covering index and the names from the contacts, and
// remembers each name's key between scans; only the page of groups shown is read in full.
import type Database from 'better-sqlite3';
import { prepared } from '../../db/prepared';
import { ServiceError } from '../../shared/api/errors';
import type { DuplicateGroup, DuplicateMember, DuplicateReason } from '../../shared/api/methods/duplicates';
import { combinedConfidence, nameConfidence, pairKey, personNameKey, REASON_CONFIDENCE, type DuplicateReasonKind } from '../../shared/domain/duplicates';
import type { HandlerGroup } from './context';

/** a key shared by more contacts than this (a switchboard number, "John Smith") says nothing about any two of them */
const MAX_SHARING = 8;
/** a number shorter than this (an extension, "112") is not compared */
const MIN_PHONE_DIGITS = 7;

/** a group before its members are read: ids, why, how sure */
export interface ScannedGroup {
  ids: string[];
  reasons: DuplicateReason[];
  confidence: number;
  /** the oldest member's name, for a stable order */
  firstName: string;
}

interface Key {
  kind: DuplicateReasonKind;
  /** the normalised value; also what is shown (an email lower-cased, a number in E.164, shown in the user's format) */
  value: string;
  members: string[];
}

/** name -> key, per connection: names rarely change, and folding them is most of a scan's work
 *  (this scan's and an import preview's index of the contacts, electron/transfer/duplicates.ts) */
const nameKeys = new WeakMap<Database.Database, Map<string, string>>();
/** a contact's name key (personNameKey), remembered; `contacts` (how many there are) bounds what is kept */
export function nameKeyOf(sqlite: Database.Database, name: string, contacts: number): string {
  let cache = nameKeys.get(sqlite);
  if (!cache) nameKeys.set(sqlite, (cache = new Map()));
  let key = cache.get(name);
  if (key === undefined) {
    // a couple of names per contact, and room for renames: past that the names of the past go
    if (cache.size > contacts * 3 + 100) cache.clear();
    cache.set(name, (key = personNameKey(name)));
  }
  return key;
}

export function scanDuplicates(sqlite: Database.Database): ScannedGroup[] {
  const contacts = prepared(sqlite, `SELECT id, display_name, given_name, family_name, created_at FROM contacts WHERE archived_at IS NULL`).raw().all() as [string, string, string | null, string | null, number][];
  const methods = prepared(sqlite, `SELECT kind, value_normalized, contact_id FROM contact_methods WHERE kind IN ('email', 'phone')`).raw().all() as ['email' | 'phone', string, string][];
  const dismissed = new Set(prepared(sqlite, `SELECT contact_a || char(31) || contact_b FROM duplicate_dismissals`).pluck().all() as string[]);

  const active = new Map<string, { name: string; createdAt: number }>();
  const keys: Record<DuplicateReasonKind, Map<string, Key>> = { email: new Map(), phone: new Map(), name: new Map() };
  // a contact's own keys arrive together (the index is ordered by value, then contact), so a repeat is always the last member
  const addKey = (kind: DuplicateReasonKind, value: string, id: string) => {
    const byValue = keys[kind];
    const key = byValue.get(value);
    if (!key) byValue.set(value, { kind, value, members: [id] });
    else if (key.members[key.members.length - 1] !== id) key.members.push(id);
  };
  for (const [id, displayName, given, family, createdAt] of contacts) {
    active.set(id, { name: displayName, createdAt });
    const own = nameKeyOf(sqlite, displayName, contacts.length);
    if (own) addKey('name', own, id);
    if (given || family) {
      const full = nameKeyOf(sqlite, given && family ? `${given} ${family}` : (given ?? family)!, contacts.length);
      if (full && full !== own) addKey('name', full, id);
    }
  }
  for (const [kind, value, id] of methods) {
    if (!value || !active.has(id)) continue;
    // a normalised number is digits with at most a leading +
    if (kind === 'phone' && value.length - (value[0] === '+' ? 1 : 0) < MIN_PHONE_DIGITS) continue;
    addKey(kind, value, id);
  }

  // union-find over the pairs each shared key makes, less the dismissed ones
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const pairConfidences = new Map<string, number[]>();
  const shared: Key[] = [];
  for (const key of [...keys.email.values(), ...keys.phone.values(), ...keys.name.values()]) {
    if (key.members.length < 2 || key.members.length > MAX_SHARING) continue;
    const confidence = key.kind === 'name' ? nameConfidence(key.value) : REASON_CONFIDENCE[key.kind];
    let joined = false;
    for (let i = 0; i < key.members.length; i++) {
      for (let j = i + 1; j < key.members.length; j++) {
        const [a, b] = pairKey(key.members[i]!, key.members[j]!);
        const pk = `${a}\u001f${b}`;
        if (dismissed.has(pk)) continue;
        joined = true;
        if (!parent.has(a)) parent.set(a, a);
        if (!parent.has(b)) parent.set(b, b);
        parent.set(find(a), find(b));
        const list = pairConfidences.get(pk);
        if (list) list.push(confidence);
        else pairConfidences.set(pk, [confidence]);
      }
    }
    if (joined) shared.push(key);
  }

  const groups = new Map<string, ScannedGroup>();
  for (const id of parent.keys()) {
    const root = find(id);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { ids: [], reasons: [], confidence: 0, firstName: '' }));
    g.ids.push(id);
  }
  for (const key of shared) {
    const root = find(key.members[0]!);
    groups.get(root)!.reasons.push({ kind: key.kind, value: key.value, contactIds: key.members.filter((m) => find(m) === root).sort() });
  }
  for (const [pk, list] of pairConfidences) {
    const g = groups.get(find(pk.slice(0, pk.indexOf('\u001f'))))!;
    g.confidence = Math.max(g.confidence, combinedConfidence(list));
  }
  const order: DuplicateReasonKind[] = ['email', 'phone', 'name'];
  const byAge = (a: string, b: string) => active.get(a)!.createdAt - active.get(b)!.createdAt || a.localeCompare(b);
  const out = [...groups.values()];
  for (const g of out) {
    // the longest-known first: the natural one to keep
    g.ids.sort(byAge);
    g.firstName = active.get(g.ids[0]!)!.name;
    g.reasons.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.value.localeCompare(b.value));
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.firstName.localeCompare(b.firstName) || a.ids[0]!.localeCompare(b.ids[0]!));
}

/**
 * The scan, done again only when something was written since the last one: the connection's count
 * of changed rows (triggers included) only ever grows with a write, and this connection is the
 * file's only writer. The dashboard's count, the Contacts tab and the list share one scan.
 */
const lastScan = new WeakMap<Database.Database, { changes: number; groups: ScannedGroup[] }>();
export function scanDuplicatesCached(sqlite: Database.Database): ScannedGroup[] {
  const changes = prepared(sqlite, `SELECT total_changes()`).pluck().get() as number;
  const last = lastScan.get(sqlite);
  if (last && last.changes === changes) return last.groups;
  const groups = scanDuplicates(sqlite);
  lastScan.set(sqlite, { changes, groups });
  return groups;
}

/** the members of the groups shown, read in full */
function withMembers(sqlite: Database.Database, groups: ScannedGroup[]): DuplicateGroup[] {
  const ids = JSON.stringify(groups.flatMap((g) => g.ids));
  const rows = prepared(sqlite, `SELECT id, display_name, company, last_interaction_at, created_at FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).all(ids) as {
    id: string; display_name: string; company: string | null; last_interaction_at: number | null; created_at: number;
  }[];
  const members = new Map<string, DuplicateMember>(rows.map((r) => [r.id, { id: r.id, displayName: r.display_name, company: r.company, emails: [], phones: [], lastInteractionAt: r.last_interaction_at, createdAt: r.created_at }]));
  // by the contacts' index, named: SQLite otherwise took contact_methods_by_value for `kind IN` and read every email and phone in the file
  const methods = prepared(sqlite, `SELECT contact_id, kind, value FROM contact_methods INDEXED BY contact_methods_contact WHERE contact_id IN (SELECT value FROM json_each(?)) AND kind IN ('email', 'phone') ORDER BY contact_id, sort_order`).all(ids) as { contact_id: string; kind: 'email' | 'phone'; value: string }[];
  for (const m of methods) members.get(m.contact_id)?.[m.kind === 'email' ? 'emails' : 'phones'].push(m.value);
  return groups.map((g) => ({ key: [...g.ids].sort().join(','), confidence: g.confidence, contacts: g.ids.map((id) => members.get(id)!), reasons: g.reasons }));
}

export const duplicateHandlers: HandlerGroup<'duplicates.list' | 'duplicates.count' | 'duplicates.dismiss'> = {
  async 'duplicates.list'(ctx, input) {
    const groups = scanDuplicatesCached(ctx.sqlite);
    return { groups: withMembers(ctx.sqlite, groups.slice(input.offset, input.offset + input.limit)), total: groups.length };
  },
  async 'duplicates.count'(ctx) {
    return { count: scanDuplicatesCached(ctx.sqlite).length };
  },
  async 'duplicates.dismiss'(ctx, input) {
    const now = ctx.clock.now().getTime();
    return ctx.db.transaction().execute(async () => {
      const found = prepared(ctx.sqlite, `SELECT count(*) FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(input.contactIds)) as number;
      if (found !== input.contactIds.length) throw new ServiceError('not_found', 'One of these contacts no longer exists', 'contactIds');
      const insert = prepared(ctx.sqlite, `INSERT INTO duplicate_dismissals (contact_a, contact_b, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
      let dismissed = 0;
      const ids = input.contactIds;
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) dismissed += insert.run(...pairKey(ids[i]!, ids[j]!), now).changes;
      return { dismissed };
    });
  },
};
