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
import { phoneRegion } from '../services/phones';
import type { ImportedDate, ImportedPhoto } from './record';

export interface MergeInput {
  fields: ContactFields;
  dates: ImportedDate[];
  photo: ImportedPhoto | null;
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
  const addMethod = prepared(sqlite, `INSERT INTO contact_methods (id, contact_id, kind, label, value, value_normalized, is_primary, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const m of f.methods) {
    const normalized = normalizeMethodValue(m.kind, m.value, region);
    const key = `${m.kind}\u0000${normalized}`;
    if (have.has(key)) continue;
    have.add(key);
    const primary = !kindsWithPrimary.has(m.kind);
    kindsWithPrimary.add(m.kind);
    addMethod.run(randomUUID(), contactId, m.kind, m.label, m.value, normalized, primary ? 1 : 0, order++);
  }

  const link = prepared(sqlite, `INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING`);
  for (const name of f.tags) link.run(contactId, tagIdPrepared(sqlite, name, now, tags));

  const dates = prepared(sqlite, `SELECT label, month, day FROM contact_dates WHERE contact_id = ?`).all(contactId) as { label: string; month: number; day: number }[];
  const newDates = incoming.dates.filter((d) => !dates.some((e) => e.label.toLowerCase() === d.label.toLowerCase() && e.month === d.month && e.day === d.day));
  insertDates(sqlite, contactId, newDates);

  if (incoming.photo && !prepared(sqlite, `SELECT 1 FROM contact_photos WHERE contact_id = ?`).get(contactId)) insertPhoto(sqlite, contactId, incoming.photo, now);
}

/** important dates of a contact (birthdays live on the contact itself) */
export function insertDates(sqlite: Database.Database, contactId: string, dates: ImportedDate[]): void {
  const insert = prepared(sqlite, `INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const d of dates) insert.run(randomUUID(), contactId, d.label, d.month, d.day, d.year);
}

export function insertPhoto(sqlite: Database.Database, contactId: string, photo: ImportedPhoto, now: number): void {
  prepared(sqlite, `INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, ?, ?, ?)`).run(contactId, photo.mime, photo.data, now);
}
