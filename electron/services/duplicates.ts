// The "Possible duplicates" scan: every active contact's emails, phone numbers (E.164) and name key
// (shared/domain/duplicates.ts) looked up in one pass; contacts sharing one are joined into a
// group (union-find), pairs the user dismissed are never joined, and each group carries what its
// members share. Reads three narrow queries and works in memory: ~10,000 contacts in well under a second.
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

interface Member extends DuplicateMember {
  nameKeys: Set<string>;
}

interface Key {
  kind: DuplicateReasonKind;
  normalized: string;
  /** as first typed */
  value: string;
  members: string[];
}

export function scanDuplicates(sqlite: Database.Database): DuplicateGroup[] {
  const contacts = prepared(sqlite, `SELECT id, display_name, given_name, family_name, company, last_interaction_at, created_at FROM contacts WHERE archived_at IS NULL`).all() as {
    id: string; display_name: string; given_name: string | null; family_name: string | null; company: string | null; last_interaction_at: number | null; created_at: number;
  }[];
  const methods = prepared(
    sqlite,
    `SELECT m.contact_id, m.kind, m.value, m.value_normalized FROM contact_methods m JOIN contacts c ON c.id = m.contact_id
     WHERE m.kind IN ('email', 'phone') AND c.archived_at IS NULL ORDER BY c.created_at, m.contact_id, m.sort_order`,
  ).all() as { contact_id: string; kind: 'email' | 'phone'; value: string; value_normalized: string }[];
  const dismissed = new Set((prepared(sqlite, `SELECT contact_a || char(31) || contact_b AS k FROM duplicate_dismissals`).pluck().all() as string[]));

  const members = new Map<string, Member>();
  const keys = new Map<string, Key>();
  const addKey = (kind: DuplicateReasonKind, normalized: string, shown: string, id: string) => {
    const k = `${kind}\u0000${normalized}`;
    let key = keys.get(k);
    if (!key) keys.set(k, (key = { kind, normalized, value: shown, members: [] }));
    if (!key.members.includes(id)) key.members.push(id);
  };
  for (const c of contacts) {
    const m: Member = { id: c.id, displayName: c.display_name, company: c.company, emails: [], phones: [], lastInteractionAt: c.last_interaction_at, createdAt: c.created_at, nameKeys: new Set() };
    members.set(c.id, m);
    const names = [c.display_name, [c.given_name, c.family_name].filter(Boolean).join(' ')];
    for (const name of names) {
      const key = personNameKey(name);
      if (key && !m.nameKeys.has(key)) {
        m.nameKeys.add(key);
        addKey('name', key, c.display_name, c.id);
      }
    }
  }
  for (const r of methods) {
    const m = members.get(r.contact_id)!;
    if (r.kind === 'email') {
      m.emails.push(r.value);
      if (r.value_normalized) addKey('email', r.value_normalized, r.value, r.contact_id);
    } else {
      m.phones.push(r.value);
      if ((r.value_normalized.match(/\d/g)?.length ?? 0) >= MIN_PHONE_DIGITS) addKey('phone', r.value_normalized, r.value, r.contact_id);
    }
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
  for (const key of keys.values()) {
    if (key.members.length < 2 || key.members.length > MAX_SHARING) continue;
    let joined = false;
    for (let i = 0; i < key.members.length; i++) {
      for (let j = i + 1; j < key.members.length; j++) {
        const [a, b] = pairKey(key.members[i]!, key.members[j]!);
        if (dismissed.has(`${a}\u001f${b}`)) continue;
        joined = true;
        for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
        parent.set(find(a), find(b));
        const pk = `${a}\u001f${b}`;
        const list = pairConfidences.get(pk) ?? [];
        list.push(key.kind === 'name' ? nameConfidence(key.normalized) : REASON_CONFIDENCE[key.kind]);
        pairConfidences.set(pk, list);
      }
    }
    if (joined) shared.push(key);
  }

  const groups = new Map<string, { ids: string[]; reasons: DuplicateReason[]; confidence: number }>();
  for (const id of parent.keys()) {
    const root = find(id);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { ids: [], reasons: [], confidence: 0 }));
    g.ids.push(id);
  }
  for (const key of shared) {
    const g = groups.get(find(key.members[0]!))!;
    g.reasons.push({ kind: key.kind, value: key.value, contactIds: key.members.filter((m) => find(m) === find(key.members[0]!)).sort() });
  }
  for (const [pk, list] of pairConfidences) {
    const g = groups.get(find(pk.split('\u001f')[0]!))!;
    g.confidence = Math.max(g.confidence, combinedConfidence(list));
  }
  const order: DuplicateReasonKind[] = ['email', 'phone', 'name'];
  return [...groups.values()]
    .map((g) => {
      const ids = g.ids.sort();
      return {
        key: ids.join(','),
        confidence: g.confidence,
        // the longest-known first: the natural one to keep
        contacts: ids.map((id) => publicMember(members.get(id)!)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
        reasons: g.reasons.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.value.localeCompare(b.value)),
      };
    })
    .sort((a, b) => b.confidence - a.confidence || a.contacts[0]!.displayName.localeCompare(b.contacts[0]!.displayName) || a.key.localeCompare(b.key));
}

function publicMember({ nameKeys: _n, ...m }: Member): DuplicateMember {
  return m;
}

export const duplicateHandlers: HandlerGroup<'duplicates.list' | 'duplicates.count' | 'duplicates.dismiss'> = {
  async 'duplicates.list'(ctx, input) {
    const groups = scanDuplicates(ctx.sqlite);
    return { groups: groups.slice(input.offset, input.offset + input.limit), total: groups.length };
  },
  async 'duplicates.count'(ctx) {
    return { count: scanDuplicates(ctx.sqlite).length };
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
