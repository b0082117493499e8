// Merging an imported record into a contact Kith already has: nothing of either is lost. Empty
// fields are filled, every method, tag and date not already there is added, notes are appended.
// Imports write thousands of records in one transaction, so these run prepared statements on the raw
// connection (the caller's transaction must be open on it) rather than building a query per row.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../../db/prepared';
import type { ContactRow } from '../../db/schema';
import { tagIdPrepared, type ContactFields, type TagIds } from '../services/contacts';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import { addressFromText } from '../../shared/domain/address';
import { phoneRegion } from '../services/phones';
import type { ImportedDate, ImportedPhoto, ImportedRemembered } from './record';

export interface MergeInput {
  fields: ContactFields;
  dates: ImportedDate[];
  photo: ImportedPhoto | null;
  remembered?: ImportedRemembered;
}

/** `tags` as for insertContactPrepared: tag ids remembered across the records of one import */
export function mergeIntoContact(sqlite: Database.Database, contactId: string, incoming: MergeInput, now: number, tags: TagIds = new Map()): void {
  const existing = prepared(sqlite, `SELECT * FROM contacts WHERE id = ?`).get(contactId) as ContactRow | undefined;
  if (!existing) throw new Error(`no contact ${contactId} to merge into`);
  const f = incoming.fields;
  const fill = <T>(current: T | null, next: T | null | undefined) => (current === null || current === ('' as T) ? (next ?? current) : current);
  const notes = !f.notes || existing.notes.includes(f.notes) ? existing.notes : existing.notes ? `${existing.notes}\n\n${f.notes}` : f.notes;
  const birthdayMissing = existing.birthday_month === null;
  prepared(
    sqlite,
    `UPDATE contacts SET given_name = ?, family_name = ?, nickname = ?, company = ?, title = ?, how_met = ?, circle_id = ?, cadence_days = ?,
       birthday_month = ?, birthday_day = ?, birthday_year = ?, notes = ?, updated_at = ? WHERE id = ?`,
  ).run(
    fill(existing.given_name, f.givenName),
    fill(existing.family_name, f.familyName),
    fill(existing.nickname, f.nickname),
    fill(existing.company, f.company),
    fill(existing.title, f.title),
    fill(existing.how_met, f.howMet),
    fill(existing.circle_id, f.circleId),
    fill(existing.cadence_days, f.cadenceDays),
    birthdayMissing ? (f.birthday?.month ?? null) : existing.birthday_month,
    birthdayMissing ? (f.birthday?.day ?? null) : existing.birthday_day,
    birthdayMissing ? (f.birthday?.year ?? null) : (existing.birthday_year ?? (f.birthday && f.birthday.month === existing.birthday_month && f.birthday.day === existing.birthday_day ? f.birthday.year : null)),
    notes,
    now,
    contactId,
  );

  const region = phoneRegion(sqlite);
  const methods = prepared(sqlite, `SELECT kind, value_normalized, is_primary, sort_order FROM contact_methods WHERE contact_id = ?`).all(contactId) as { kind: string; value_normalized: string; is_primary: number; sort_order: number }[];
  const have = new Set(methods.map((m) => `${m.kind}\u0000${m.value_normalized}`));
  const kindsWithPrimary = new Set(methods.filter((m) => m.is_primary).map((m) => m.kind));
  let order = methods.reduce((max, m) => Math.max(max, m.sort_order), -1) + 1;
  const addMethod = prepared(sqlite, `INSERT INTO contact_methods (id, contact_id, kind, label, value, value_normalized, is_primary, sort_order, address_parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const m of f.methods) {
    const normalized = normalizeMethodValue(m.kind, m.value, region);
    const key = `${m.kind}\u0000${normalized}`;
    if (have.has(key)) continue;
    have.add(key);
    const primary = !kindsWithPrimary.has(m.kind);
    kindsWithPrimary.add(m.kind);
    addMethod.run(randomUUID(), contactId, m.kind, m.label, m.value, normalized, primary ? 1 : 0, order++, m.kind === 'address' ? JSON.stringify(m.address ?? addressFromText(m.value)) : null);
  }

  const link = prepared(sqlite, `INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING`);
  for (const name of f.tags) link.run(contactId, tagIdPrepared(sqlite, name, now, tags));

  const dates = prepared(sqlite, `SELECT label, month, day FROM contact_dates WHERE contact_id = ?`).all(contactId) as { label: string; month: number; day: number }[];
  const newDates = incoming.dates.filter((d) => !dates.some((e) => e.label.toLowerCase() === d.label.toLowerCase() && e.month === d.month && e.day === d.day));
  insertDates(sqlite, contactId, newDates);

  if (incoming.photo && !prepared(sqlite, `SELECT 1 FROM contact_photos WHERE contact_id = ?`).get(contactId)) insertPhoto(sqlite, contactId, incoming.photo, now);
  if (incoming.remembered) insertRemembered(sqlite, contactId, incoming.remembered, now, true);
}

/**
 * Facts, life events, open topics and gift ideas of a contact, after what it has. `merging`: the
 * contact may already hold some of them, and an identical one is not written twice.
 */
export function insertRemembered(sqlite: Database.Database, contactId: string, r: ImportedRemembered, now: number, merging: boolean): void {
  const key = (...parts: (string | null)[]) => parts.map((p) => p ?? '').join('\u0000');
  const have = new Set<string>();
  let order = 0;
  if (merging) {
    const facts = prepared(sqlite, `SELECT label, value, sort_order FROM contact_facts WHERE contact_id = ?`).all(contactId) as { label: string; value: string; sort_order: number }[];
    for (const f of facts) have.add(key('fact', f.label.toLowerCase(), f.value));
    order = facts.reduce((max, f) => Math.max(max, f.sort_order), -1) + 1;
    for (const e of prepared(sqlite, `SELECT kind, title, occurred_on FROM life_events WHERE contact_id = ?`).all(contactId) as { kind: string; title: string; occurred_on: string }[]) have.add(key('event', e.kind, e.title, e.occurred_on));
    for (const t of prepared(sqlite, `SELECT text FROM next_topics WHERE contact_id = ? AND done_at IS NULL`).pluck().all(contactId) as string[]) have.add(key('topic', t));
    for (const g of prepared(sqlite, `SELECT title, url FROM gifts WHERE contact_id = ? AND status = 'idea'`).all(contactId) as { title: string; url: string | null }[]) have.add(key('idea', g.title, g.url));
  }
  /** true when the item is new to the contact (and from now on known) */
  const isNew = (k: string) => !merging || (!have.has(k) && !!have.add(k));
  const fact = prepared(sqlite, `INSERT INTO contact_facts (id, contact_id, label, type, value, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const f of r.facts) if (isNew(key('fact', f.label.toLowerCase(), f.value))) fact.run(randomUUID(), contactId, f.label, f.type, f.value, order++, now, now);
  const event = prepared(sqlite, `INSERT INTO life_events (id, contact_id, kind, title, occurred_on, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)`);
  for (const e of r.events) if (isNew(key('event', e.kind, e.title, e.occurredOn))) event.run(randomUUID(), contactId, e.kind, e.title, e.occurredOn, now, now);
  // topics and ideas are listed by when they were added: a millisecond apart keeps the file's order
  const topic = prepared(sqlite, `INSERT INTO next_topics (id, contact_id, text, created_at) VALUES (?, ?, ?, ?)`);
  r.topics.forEach((t, i) => isNew(key('topic', t)) && topic.run(randomUUID(), contactId, t, now + i));
  const idea = prepared(sqlite, `INSERT INTO gifts (id, contact_id, status, title, url, created_at, updated_at) VALUES (?, ?, 'idea', ?, ?, ?, ?)`);
  r.giftIdeas.forEach((g, i) => isNew(key('idea', g.title, g.url)) && idea.run(randomUUID(), contactId, g.title, g.url, now + i, now + i));
}

/** important dates of a contact (birthdays live on the contact itself) */
export function insertDates(sqlite: Database.Database, contactId: string, dates: ImportedDate[]): void {
  const insert = prepared(sqlite, `INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const d of dates) insert.run(randomUUID(), contactId, d.label, d.month, d.day, d.year);
}

export function insertPhoto(sqlite: Database.Database, contactId: string, photo: ImportedPhoto, now: number): void {
  prepared(sqlite, `INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, ?, ?, ?)`).run(contactId, photo.mime, photo.data, now);
}
