// Kith's side of contact sync: which contacts changed since they last agreed with the server (by
// the change numbers migration 0020's triggers keep), their fields as sync compares them (read in a
// few bulk queries), and writing a server's fields onto a contact through the same row builders as
// the form and the import.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { contactFields } from '../../shared/api/methods/contacts';
import { addressOfRow, insertContactPrepared, updateContactPrepared, type ContactFields, type TagIds } from '../services/contacts';
import { contactFieldsOf, normalizeFields, type CardFields, type SyncRelation } from './card-fields';
import { isDirected, roleSeenFrom, storedRelationship } from '../../shared/domain/relationship';
import { asStored, cardRelationKey, cardRoleOfRef, readCardRelations, type RelationRow } from '../transfer/vcard-related';
import { roleLookupSync, roleRefForNames } from '../services/relationshipRoles';
import { decodePhoto } from '../transfer/record';
import { MAX_PHOTO_BYTES, photoTooLarge } from '../../shared/api/limits';
import { prepared } from '../../db/prepared';
import type { ContactRow } from '../../db/schema';

export interface LocalContact {
  id: string;
  fields: CardFields;
  archivedAt: number | null;
  /** its change number when these fields were read (sync_contact_changes; 0 when it has none) */
  seq: number;
}

type ContactRowLite = Pick<ContactRow, 'id' | 'display_name' | 'given_name' | 'family_name' | 'nickname' | 'company' | 'title' | 'importance' | 'birthday_month' | 'birthday_day' | 'birthday_year' | 'how_met' | 'introduced_by_id' | 'notes' | 'cadence_days' | 'archived_at'> & {
  circle_name: string | null;
};

/** the contacts with `ids` (all of them when not given), archived ones too */
export function readLocalContacts(sqlite: Database.Database, ids?: string[]): Map<string, LocalContact> {
  const filter = ids ? `WHERE c.id IN (SELECT value FROM json_each(?))` : '';
  const args = ids ? [JSON.stringify(ids)] : [];
  const contactFilter = ids ? `WHERE contact_id IN (SELECT value FROM json_each(?))` : '';
  const rows = prepared(
    sqlite,
      `SELECT c.id, c.display_name, c.given_name, c.family_name, c.nickname, c.company, c.title, ci.name AS circle_name, c.importance,
              c.birthday_month, c.birthday_day, c.birthday_year, c.how_met, c.introduced_by_id, c.notes, c.cadence_days, c.archived_at,
              coalesce(ch.seq, 0) AS seq
       FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id LEFT JOIN sync_contact_changes ch ON ch.contact_id = c.id ${filter}`,
  ).all(...args) as (ContactRowLite & { seq: number })[];
  const methods = groupBy(prepared(sqlite, `SELECT contact_id, kind, label, value, is_primary, address_parts FROM contact_methods ${contactFilter} ORDER BY contact_id, sort_order`).all(...args) as { contact_id: string; kind: CardFields['methods'][number]['kind']; label: string | null; value: string; is_primary: number; address_parts: string | null }[]);
  const tags = groupBy(prepared(sqlite, `SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id ${contactFilter.replace('contact_id', 'ct.contact_id')}`).all(...args) as { contact_id: string; name: string }[]);
  const dates = groupBy(prepared(sqlite, `SELECT contact_id, label, month, day, year FROM contact_dates ${contactFilter}`).all(...args) as { contact_id: string; label: string; month: number; day: number; year: number | null }[]);
  const related = readCardRelations(sqlite, ids);
  const photos = new Map((prepared(sqlite, `SELECT contact_id, mime, data FROM contact_photos ${contactFilter}`).all(...args) as { contact_id: string; mime: string; data: Buffer }[]).map((p) => [p.contact_id, `data:${p.mime};base64,${Buffer.from(p.data).toString('base64')}`]));
  const result = new Map<string, LocalContact>();
  for (const r of rows) {
    const fields = normalizeFields({
      displayName: r.display_name,
      givenName: r.given_name,
      familyName: r.family_name,
      nickname: r.nickname,
      company: r.company,
      title: r.title,
      birthday: r.birthday_month && r.birthday_day ? { month: r.birthday_month, day: r.birthday_day, year: r.birthday_year } : null,
      notes: r.notes,
      methods: (methods.get(r.id) ?? []).map((m) => ({ kind: m.kind, label: m.label, value: m.value, isPrimary: m.is_primary === 1, ...(m.kind === 'address' ? { address: addressOfRow(m) } : {}) })),
      tags: (tags.get(r.id) ?? []).map((t) => t.name),
      dates: (dates.get(r.id) ?? []).map((d) => ({ label: d.label, month: d.month, day: d.day, year: d.year })),
      photo: photos.get(r.id) ?? null,
      circle: r.circle_name,
      importance: r.importance,
      cadenceDays: r.cadence_days,
      howMet: r.how_met,
      related: related.get(r.id) ?? [],
      introducedBy: r.introduced_by_id ?? undefined,
    });
    result.set(r.id, { id: r.id, fields, archivedAt: r.archived_at, seq: r.seq });
  }
  return result;
}

/** a contact's change number now (0 when it has none) */
export function changeSeq(sqlite: Database.Database, id: string): number {
  return (prepared(sqlite, `SELECT seq FROM sync_contact_changes WHERE contact_id = ?`).pluck().get(id) as number | undefined) ?? 0;
}

/**
 * What Kith may have changed for this account since the last pass: live contacts never sent, and
 * those whose change number moved past their status row's (deletions the user confirmed too). An
 * index walk over the status rows, not a read of every contact.
 */
export function changedContactIds(sqlite: Database.Database, accountId: string): string[] {
  return prepared(
    sqlite,
    `SELECT c.id FROM contacts c
     LEFT JOIN sync_items i ON i.account_id = ? AND i.kind = 'contacts' AND i.item_id = c.id
     LEFT JOIN sync_contact_changes ch ON ch.contact_id = c.id
     WHERE CASE WHEN i.item_id IS NULL THEN c.archived_at IS NULL ELSE coalesce(ch.seq, 0) > i.local_seq OR i.deletion = 'confirmed' END`,
  )
    .pluck()
    .all(accountId) as string[];
}

/** the number of contacts `changedContactIds` would give that are live (the sidebar's "waiting to send") */
export function countWaitingToSend(sqlite: Database.Database, accountId: string): number {
  return prepared(
    sqlite,
    `SELECT count(*) FROM contacts c
     LEFT JOIN sync_items i ON i.account_id = ? AND i.kind = 'contacts' AND i.item_id = c.id
     LEFT JOIN sync_contact_changes ch ON ch.contact_id = c.id
     WHERE c.archived_at IS NULL AND (i.item_id IS NULL OR coalesce(ch.seq, 0) > i.local_seq)
       AND c.id NOT IN (SELECT item_id FROM sync_conflicts WHERE account_id = ?)`,
  )
    .pluck()
    .get(accountId, accountId) as number;
}

function groupBy<T extends { contact_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.contact_id);
    if (list) list.push(row);
    else map.set(row.contact_id, [row]);
  }
  return map;
}

/** what writing a card's fields would do, or why the card cannot become a contact */
function toContactInput(sqlite: Database.Database, fields: CardFields, now: number): { input: ContactFields } | { error: string } {
  const parsed = contactFields.safeParse({ ...contactFieldsOf(fields), methods: fields.methods });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `${issue.path.join('.') || 'card'}: ${issue.message}` };
  }
  // the circle last, once the card is known to be good (nothing is made for a card that is refused)
  return { input: { ...parsed.data, circleId: fields.circle ? circleIdFor(sqlite, fields.circle, now) : null } };
}

/**
 * The contact's relationships become the card's, for peers that are contacts here; a relationship
 * with a peer Kith does not have is left out here and kept in the card (unknownPeerRelations).
 */
function writeRelations(sqlite: Database.Database, id: string, wanted: SyncRelation[], now: number): void {
  const exists = prepared(sqlite, `SELECT 1 FROM contacts WHERE id = ?`);
  const want = new Map(wanted.filter((r) => r.uid !== id && exists.get(r.uid)).map((r) => [cardRelationKey(r), r]));
  const rows = prepared(sqlite, `SELECT id, from_contact_id, to_contact_id, kind, role_id FROM relationships WHERE from_contact_id = ? OR to_contact_id = ?`).all(id, id) as (RelationRow & { id: string })[];
  let roles = roleLookupSync(sqlite);
  const have = new Set<string>();
  for (const r of rows) {
    const peer = r.from_contact_id === id ? r.to_contact_id : r.from_contact_id;
    const role = cardRoleOfRef(roleSeenFrom(id, asStored(r), roles), roles);
    const k = role && cardRelationKey({ role, uid: peer });
    if (k && want.has(k)) have.add(k);
    else prepared(sqlite, `DELETE FROM relationships WHERE id = ?`).run(r.id);
  }
  for (const [k, r] of want) {
    if (have.has(k)) continue;
    // a user's role the card names by its words: this Kith's role of those words, made when new
    const ref = typeof r.role === 'string' ? r.role : roleRefForNames(sqlite, r.role.name, r.role.inverse, now);
    if (typeof r.role !== 'string') roles = roleLookupSync(sqlite);
    const row = storedRelationship(id, r.uid, ref);
    // a symmetric link is one row whichever way round it was stored
    const twin = !isDirected(row, roles) && prepared(sqlite, `SELECT 1 FROM relationships WHERE kind = ? AND coalesce(role_id, '') = ? AND from_contact_id = ? AND to_contact_id = ?`).get(row.kind, row.roleId ?? '', row.to, row.from);
    if (!twin) prepared(sqlite, `INSERT OR IGNORE INTO relationships (id, from_contact_id, to_contact_id, kind, role_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(randomUUID(), row.from, row.to, row.kind, row.roleId, now);
  }
}


/** the circle with this name; another Kith's circle is made here (grey, monthly) so the contact keeps it */
function circleIdFor(sqlite: Database.Database, name: string, now: number): string {
  const existing = prepared(sqlite, `SELECT id FROM circles WHERE name = ? COLLATE NOCASE`).get(name) as { id: string } | undefined;
  if (existing) return existing.id;
  const id = randomUUID();
  sqlite
    .prepare(`INSERT INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at) VALUES (?, ?, '#8a8f98', 30, (SELECT coalesce(max(sort_order), 0) + 1 FROM circles), ?, ?)`)
    .run(id, name.slice(0, 100), now, now);
  return id;
}

/**
 * Writes `fields` onto contact `id` (made when `create`), with its dates and photo; inside the
 * caller's transaction.
 */
export function writeLocalContact(sqlite: Database.Database, id: string, fields: CardFields, now: number, create: boolean, tags: TagIds = new Map()): { ok: true } | { error: string } {
  const candidate = toContactInput(sqlite, fields, now);
  if ('error' in candidate) return candidate;
  const photo = fields.photo ? /^data:(image\/[a-z]+);base64,(.*)$/s.exec(fields.photo) : null;
  const decoded = photo ? decodePhoto(photo[2]!, photo[1]!) : null;
  // a card's photo is scaled down as it is read (contact-sync.ts, fitPhotoUrl); one that could not be is said, not dropped
  if (decoded && !('error' in decoded) && decoded.data.length > MAX_PHOTO_BYTES) return { error: photoTooLarge('it could not be scaled down') };
  // "introduced by" names a contact Kith has, or none (an introducer Kith lacks stays on the card: unknownPeerRelations)
  const introducer = fields.introducedBy;
  const introducedById = introducer && introducer !== id && prepared(sqlite, `SELECT 1 FROM contacts WHERE id = ?`).get(introducer) ? introducer : null;
  if (create) insertContactPrepared(sqlite, { ...candidate.input, introducedById }, now, id, tags);
  else updateContactPrepared(sqlite, id, { ...candidate.input, introducedById }, now, tags);
  writeRelations(sqlite, id, fields.related ?? [], now);
  prepared(sqlite, `DELETE FROM contact_dates WHERE contact_id = ?`).run(id);
  const insertDate = prepared(sqlite, `INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const d of fields.dates) insertDate.run(randomUUID(), id, d.label, d.month, d.day, d.year);
  if (decoded && !('error' in decoded)) {
    prepared(sqlite, `INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (contact_id) DO UPDATE SET mime = excluded.mime, data = excluded.data, updated_at = excluded.updated_at`)
      .run(id, decoded.mime, decoded.data, now);
  } else if (!fields.photo) prepared(sqlite, `DELETE FROM contact_photos WHERE contact_id = ?`).run(id);
  return { ok: true };
}
