// Who in Kith an imported record is the same person as: the same id (a Kith export coming back), an
// email, a phone number (normalised), or exactly the same full name. One index, built once per import.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import type { DuplicateCandidate } from '../../shared/api/methods/transfer';
import type { ImportRecord } from './record';

export interface ExistingContact {
  id: string;
  displayName: string;
  emails: string[];
  phones: string[];
}

export interface DuplicateIndex {
  byId: Map<string, ExistingContact>;
  byEmail: Map<string, ExistingContact>;
  byPhone: Map<string, ExistingContact>;
  byName: Map<string, ExistingContact>;
}

export async function buildDuplicateIndex(db: Kysely<DB> | Transaction<DB>): Promise<DuplicateIndex> {
  const contacts = await db.selectFrom('contacts').select(['id', 'display_name']).where('archived_at', 'is', null).execute();
  const methods = await db.selectFrom('contact_methods').select(['contact_id', 'kind', 'value', 'value_normalized']).where('kind', 'in', ['email', 'phone']).orderBy('sort_order').execute();
  const index: DuplicateIndex = { byId: new Map(), byEmail: new Map(), byPhone: new Map(), byName: new Map() };
  for (const c of contacts) {
    const entry: ExistingContact = { id: c.id, displayName: c.display_name, emails: [], phones: [] };
    index.byId.set(c.id, entry);
    const name = nameKey(c.display_name);
    if (!index.byName.has(name)) index.byName.set(name, entry);
  }
  for (const m of methods) {
    const entry = index.byId.get(m.contact_id);
    if (!entry || !m.value_normalized) continue;
    if (m.kind === 'email') {
      entry.emails.push(m.value);
      if (!index.byEmail.has(m.value_normalized)) index.byEmail.set(m.value_normalized, entry);
    } else {
      entry.phones.push(m.value);
      if (!index.byPhone.has(m.value_normalized)) index.byPhone.set(m.value_normalized, entry);
    }
  }
  return index;
}

function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function findDuplicate(index: DuplicateIndex, record: ImportRecord): { contact: ExistingContact; matchedBy: DuplicateCandidate['matchedBy'] } | null {
  if (record.uid && index.byId.has(record.uid)) return { contact: index.byId.get(record.uid)!, matchedBy: 'id' };
  const methods = record.fields.methods ?? [];
  for (const m of methods) {
    if (m.kind !== 'email') continue;
    const hit = index.byEmail.get(normalizeMethodValue('email', m.value));
    if (hit) return { contact: hit, matchedBy: 'email' };
  }
  for (const m of methods) {
    if (m.kind !== 'phone') continue;
    const normalized = normalizeMethodValue('phone', m.value);
    const hit = normalized.replace('+', '').length >= 5 ? index.byPhone.get(normalized) : undefined;
    if (hit) return { contact: hit, matchedBy: 'phone' };
  }
  const byName = index.byName.get(nameKey(record.fields.displayName));
  return byName ? { contact: byName, matchedBy: 'name' } : null;
}

export function describeCandidate(record: ImportRecord, match: { contact: ExistingContact; matchedBy: DuplicateCandidate['matchedBy'] }): DuplicateCandidate {
  const methods = record.fields.methods ?? [];
  return {
    record: record.number,
    incoming: {
      displayName: record.fields.displayName,
      emails: methods.filter((m) => m.kind === 'email').map((m) => m.value),
      phones: methods.filter((m) => m.kind === 'phone').map((m) => m.value),
    },
    existing: { ...match.contact, emails: [...match.contact.emails], phones: [...match.contact.phones] },
    matchedBy: match.matchedBy,
  };
}
