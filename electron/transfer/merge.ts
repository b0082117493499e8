// Merging an imported record into a contact Kith already has: nothing of either is lost. Empty
// fields are filled, every method, tag and date not already there is added, notes are appended.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ContactFields } from '../services/contacts';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import type { ImportedDate, ImportedPhoto } from './record';

export interface MergeInput {
  fields: ContactFields;
  dates: ImportedDate[];
  photo: ImportedPhoto | null;
}

export async function mergeIntoContact(trx: Transaction<DB>, contactId: string, incoming: MergeInput, now: number): Promise<void> {
  const existing = await trx.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
  const f = incoming.fields;
  const fill = <T>(current: T | null, next: T | null | undefined) => (current === null || current === ('' as T) ? (next ?? current) : current);
  const notes = !f.notes || existing.notes.includes(f.notes) ? existing.notes : existing.notes ? `${existing.notes}\n\n${f.notes}` : f.notes;
  const birthdayMissing = existing.birthday_month === null;
  await trx
    .updateTable('contacts')
    .set({
      given_name: fill(existing.given_name, f.givenName),
      family_name: fill(existing.family_name, f.familyName),
      nickname: fill(existing.nickname, f.nickname),
      company: fill(existing.company, f.company),
      title: fill(existing.title, f.title),
      how_met: fill(existing.how_met, f.howMet),
      circle_id: fill(existing.circle_id, f.circleId),
      cadence_days: fill(existing.cadence_days, f.cadenceDays),
      birthday_month: birthdayMissing ? (f.birthday?.month ?? null) : existing.birthday_month,
      birthday_day: birthdayMissing ? (f.birthday?.day ?? null) : existing.birthday_day,
      birthday_year: birthdayMissing ? (f.birthday?.year ?? null) : (existing.birthday_year ?? (f.birthday && f.birthday.month === existing.birthday_month && f.birthday.day === existing.birthday_day ? f.birthday.year : null)),
      notes,
      updated_at: now,
    })
    .where('id', '=', contactId)
    .execute();

  const methods = await trx.selectFrom('contact_methods').select(['kind', 'value_normalized', 'is_primary', 'sort_order']).where('contact_id', '=', contactId).execute();
  const have = new Set(methods.map((m) => `${m.kind}\u0000${m.value_normalized}`));
  const kindsWithPrimary = new Set(methods.filter((m) => m.is_primary).map((m) => m.kind));
  let order = methods.reduce((max, m) => Math.max(max, m.sort_order), -1) + 1;
  for (const m of f.methods) {
    const normalized = normalizeMethodValue(m.kind, m.value);
    const key = `${m.kind}\u0000${normalized}`;
    if (have.has(key)) continue;
    have.add(key);
    const primary = !kindsWithPrimary.has(m.kind);
    kindsWithPrimary.add(m.kind);
    await trx
      .insertInto('contact_methods')
      .values({ id: randomUUID(), contact_id: contactId, kind: m.kind, label: m.label, value: m.value, value_normalized: normalized, is_primary: primary ? 1 : 0, sort_order: order++ })
      .execute();
  }

  for (const name of f.tags) {
    await trx.insertInto('tags').values({ id: randomUUID(), name, color: null, created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const tag = await trx.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    await trx.insertInto('contact_tags').values({ contact_id: contactId, tag_id: tag.id }).onConflict((oc) => oc.doNothing()).execute();
  }

  const dates = await trx.selectFrom('contact_dates').select(['label', 'month', 'day']).where('contact_id', '=', contactId).execute();
  const newDates = incoming.dates.filter((d) => !dates.some((e) => e.label.toLowerCase() === d.label.toLowerCase() && e.month === d.month && e.day === d.day));
  await insertDates(trx, contactId, newDates);

  if (incoming.photo) {
    const photo = await trx.selectFrom('contact_photos').select('contact_id').where('contact_id', '=', contactId).executeTakeFirst();
    if (!photo) await insertPhoto(trx, contactId, incoming.photo, now);
  }
}

/** important dates of a contact (birthdays live on the contact itself) */
export async function insertDates(trx: Transaction<DB>, contactId: string, dates: ImportedDate[]): Promise<void> {
  if (!dates.length) return;
  await trx
    .insertInto('contact_dates')
    .values(dates.map((d) => ({ id: randomUUID(), contact_id: contactId, label: d.label, month: d.month, day: d.day, year: d.year })))
    .execute();
}

export async function insertPhoto(trx: Transaction<DB>, contactId: string, photo: ImportedPhoto, now: number): Promise<void> {
  await trx.insertInto('contact_photos').values({ contact_id: contactId, mime: photo.mime, data: photo.data, updated_at: now }).execute();
}
