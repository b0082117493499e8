// Contacts: create, read, update, list, photo. Circles, tags, relationships, search and the archive
// have their own files.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import { prepared } from '../../db/prepared';
import { cachedUntilWrite } from '../../db/countCache';
import type { DB } from '../../db/schema';
import type { ContactRow } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { Contact, ContactSummary } from '../../shared/domain/contact';
import { methodValueKey, normalizeMethodValue } from '../../shared/domain/normalize';
import { addressFromText, type PostalAddress } from '../../shared/domain/address';
import { contactRhythm } from './rhythm';
import type { HandlerGroup, ServiceContext } from './context';
import { fitPhoto } from './photoFit';
import { healthSortExpression, settleHealth } from './health';
import { compiledOnce } from '../../db/compiledOnce';
import { countedContacts } from '../../db/queries/contactCounts';
import type { CountryCode } from 'libphonenumber-js';
import { phoneRegion } from './phones';

export type ContactFields = ParsedInputOf<'contacts.create'>;

export const contactHandlers: HandlerGroup<'contacts.list' | 'contacts.get' | 'contacts.create' | 'contacts.update' | 'contacts.setPhoto'> = {
  async 'contacts.list'(ctx, input) {
    // a health sort reads every row of the health table: brought up to date in slices first
    if (input.sort === 'health' || input.sort === 'nextCheckIn') await settleHealth(ctx);
    const total = contactsTotal(ctx, input);
    const values = { ...(input.circleId ? { circleId: input.circleId } : {}), ...(input.tag ? { tag: input.tag } : {}), limit: input.limit, offset: input.offset };
    // one statement per filter shape and sort, compiled once (db/compiledOnce.ts)
    const shape = JSON.stringify([input.archived, input.noCircle ?? false, 'circleId' in values, 'tag' in values, input.sort]);
    const page = compiledOnce(ctx.sqlite, `contacts.list:${shape}`, values, (v) => listPageQuery(ctx.db, { ...input, ...v }, v.limit, v.offset));
    const rows = page.statement.all(...page.args) as ListRow[];
    const items: ContactSummary[] = rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      givenName: r.given_name,
      familyName: r.family_name,
      company: r.company,
      title: r.title,
      circleId: r.circle_id,
      importance: r.importance,
      primaryEmail: r.reach?.startsWith('email:') ? r.reach.slice(6) : null,
      primaryPhone: r.reach?.startsWith('phone:') ? r.reach.slice(6) : null,
      tags: r.tag_names ? r.tag_names.split('\u001f').sort() : [],
      lastInteractionAt: r.last_interaction_at,
      archivedAt: r.archived_at,
    }));
    return { items, total };
  },

  async 'contacts.get'(ctx, input) {
    return loadContact(ctx, input.id);
  },

  async 'contacts.create'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const id = await ctx.db.transaction().execute((trx) => insertContact(trx, input, now, phoneRegion(ctx.sqlite)));
    return loadContact(ctx, id);
  },

  async 'contacts.update'(ctx, input) {
    const { id, updatedAt: editedVersion, ...patch } = input;
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('contacts').select(['id', 'updated_at']).where('id', '=', id).executeTakeFirst();
      if (!existing) throw new ServiceError('not_found', 'No contact with that id', 'id');
      if (editedVersion !== undefined && editedVersion !== existing.updated_at) {
        throw new ServiceError('stale', 'This contact was changed elsewhere (another window or tab) after you opened it.', 'updatedAt');
      }
      await checkReferences(trx, patch, id);
      const row = fieldsToRow(patch);
      // each write a new version, even two in the same millisecond
      const now = Math.max(ctx.clock.now().getTime(), existing.updated_at + 1);
      await trx.updateTable('contacts').set({ ...row, updated_at: now }).where('id', '=', id).execute();
      if (patch.methods) await replaceMethods(trx, id, patch.methods, phoneRegion(ctx.sqlite));
      if (patch.tags) await replaceTags(trx, id, patch.tags, now);
      if (patch.anniversary !== undefined) await setAnniversary(trx, id, patch.anniversary);
    });
    return loadContact(ctx, id);
  },

  async 'contacts.setPhoto'(ctx, input) {
    let photo: { mime: string; data: Buffer } | null = null;
    if (input.photo !== null) {
      // scaled down (off the connection) before the transaction, when larger than Kith keeps
      const [, mime, base64] = /^data:(image\/[a-z]+);base64,(.*)$/.exec(input.photo)!;
      const fitted = await fitPhoto({ mime: mime!, data: Buffer.from(base64!, 'base64') });
      if ('error' in fitted) throw new ServiceError('invalid_input', fitted.error, 'photo');
      photo = fitted;
    }
    const now = ctx.clock.now().getTime();
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('contacts').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!existing) throw new ServiceError('not_found', 'No contact with that id', 'id');
      if (photo === null) {
        await trx.deleteFrom('contact_photos').where('contact_id', '=', input.id).execute();
      } else {
        const { mime, data } = photo;
        await trx
          .insertInto('contact_photos')
          .values({ contact_id: input.id, mime, data, updated_at: now })
          .onConflict((oc) => oc.column('contact_id').doUpdateSet({ mime, data, updated_at: now }))
          .execute();
      }
      await trx.updateTable('contacts').set({ updated_at: sql`max(${now}, updated_at + 1)` }).where('id', '=', input.id).execute();
    });
    return loadContact(ctx, input.id);
  },
};

/** the contacts a list filter matches (alias c): the list and bulk changes' "select all" share it */
export function filteredContacts(db: Kysely<DB>, filter: { circleId?: string; noCircle?: boolean; tag?: string; archived: boolean }) {
  let q = db.selectFrom('contacts as c').where('c.archived_at', filter.archived ? 'is not' : 'is', null);
  if (filter.noCircle) q = q.where('c.circle_id', 'is', null);
  else if (filter.circleId) q = q.where('c.circle_id', '=', filter.circleId);
  if (filter.tag) {
    const tag = filter.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('contact_tags as ct')
          .innerJoin('tags as t', 't.id', 'ct.tag_id')
          .select('ct.contact_id')
          .whereRef('ct.contact_id', '=', 'c.id')
          .where('t.name', '=', tag),
      ),
    );
  }
  return q;
}

type ListFilter = { circleId?: string; noCircle?: boolean; tag?: string; archived: boolean };

/** one page of contacts.list, in its sort (Kysely, compiled once per shape by the caller) */
function listPageQuery(db: Kysely<DB>, input: ListFilter & { sort: ParsedInputOf<'contacts.list'>['sort'] }, limit: number, offset: number) {
  const q = filteredContacts(db, input).select([
    'c.id',
    'c.display_name',
    'c.given_name',
    'c.family_name',
    'c.company',
    'c.title',
    'c.circle_id',
    'c.importance',
    'c.archived_at',
    'c.last_interaction_at',
    // how to reach them, for the list's subtitle: the primary email, else the primary phone (one lookup, kind first)
    sql<string | null>`(SELECT m.kind || ':' || m.value FROM contact_methods m WHERE m.contact_id = c.id AND m.kind IN ('email', 'phone') ORDER BY m.kind = 'email' DESC, m.is_primary DESC, m.sort_order LIMIT 1)`.as('reach'),
    sql<string | null>`(SELECT group_concat(t.name, char(31)) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id)`.as('tag_names'),
  ]);
  const ordered =
    input.sort === 'lastInteraction'
      ? q.orderBy('c.last_interaction_at', 'desc') // never talked to (NULL) come last
      : input.sort === 'health' || input.sort === 'nextCheckIn'
        ? q.orderBy(healthSortExpression(input.sort)).orderBy(sql`c.display_name COLLATE NOCASE`)
        : input.sort === 'familyName'
          ? // the expressions of the contacts_*_by_family indexes (migration 0010)
            q.orderBy(sql`coalesce(nullif(c.family_name, ''), c.display_name) COLLATE NOCASE`).orderBy(sql`coalesce(c.given_name, '') COLLATE NOCASE`)
          : q.orderBy(sql`c.display_name COLLATE NOCASE`);
  return ordered.orderBy('c.id').limit(limit).offset(offset);
}
type ListRow = ContactRow & { reach: string | null; tag_names: string | null };

/**
 * How many contacts the list's filter matches. Without a tag: from contact_counts, which triggers
 * keep per archived state and circle (migration 0033), so the total costs the same at 100 or
 * 100,000 contacts and stays right after any write. With a tag: counted once per data version.
 */
function contactsTotal(ctx: ServiceContext, filter: ListFilter): number {
  if (!filter.tag) return countedContacts(ctx.sqlite, filter);
  const shape = JSON.stringify([filter.archived, filter.noCircle ?? false, !!filter.circleId]);
  const values = { tag: filter.tag, ...(filter.circleId ? { circleId: filter.circleId } : {}) };
  const count = compiledOnce(ctx.sqlite, `contacts.list.count:${shape}`, values, (v) => filteredContacts(ctx.db, { ...filter, ...v }).select((eb) => eb.fn.countAll<number>().as('n')));
  return cachedUntilWrite(ctx.sqlite, `contacts.list:${shape}:${JSON.stringify(count.args)}`, () => (count.statement.get(...count.args) as { n: number }).n);
}

/**
 * Writes a new contact with its methods and tags inside the caller's transaction; returns its id.
 * Every path that creates contacts (the form, restores) goes through here, or through its twin
 * insertContactPrepared below (imports); both build their rows with the same helpers.
 */
export async function insertContact(trx: Transaction<DB>, input: ContactFields, now: number, region: CountryCode, id: string = randomUUID()): Promise<string> {
  await checkReferences(trx, input);
  await trx.insertInto('contacts').values(newContactRow(input, id, now)).execute();
  await replaceMethods(trx, id, input.methods, region);
  if (input.anniversary) await setAnniversary(trx, id, input.anniversary);
  await replaceTags(trx, id, input.tags, now);
  return id;
}

/**
 * The same contact as insertContact writes (same rows, same checks, same messages), with prepared
 * statements on the raw connection: for imports, which add thousands of contacts in one transaction.
 * The caller's transaction must be open on this connection. `tags` remembers tag ids between calls;
 * after rolling back a contact, the caller forgets them (`tags.clear()`), since a tag made for that
 * contact is gone with it.
 */
/** what a writer of many contacts at once (an import) passes: ids in the order they are written
 *  (orderedIds.ts), the phone region read once, and method values it already has in the compared
 *  form (the preview's, by kind and value) */
export interface BulkContacts {
  newId: () => string;
  region: CountryCode;
  normalized: Map<string, string>;
}

export function insertContactPrepared(sqlite: Database.Database, input: ContactFields, now: number, id: string = randomUUID(), tags: TagIds = new Map(), bulk?: BulkContacts): string {
  if (input.circleId && !prepared(sqlite, `SELECT 1 FROM circles WHERE id = ?`).get(input.circleId)) throw unknownCircle();
  if (input.introducedById && !prepared(sqlite, `SELECT 1 FROM contacts WHERE id = ?`).get(input.introducedById)) throw unknownIntroducer();
  const row = newContactRow(input, id, now);
  const columns = Object.keys(row);
  // the columns are those present in the input (the others keep their defaults), so one statement per set of columns
  prepared(sqlite, `INSERT INTO contacts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
  const method = prepared(sqlite, `INSERT INTO contact_methods (id, contact_id, kind, label, value, value_normalized, is_primary, sort_order, address_parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const m of methodRows(id, input.methods, bulk?.region ?? phoneRegion(sqlite), bulk?.newId, bulk?.normalized)) method.run(m.id, m.contact_id, m.kind, m.label, m.value, m.value_normalized, m.is_primary, m.sort_order, m.address_parts);
  const link = prepared(sqlite, `INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)`);
  for (const name of uniqueTagNames(input.tags)) link.run(id, tagIdPrepared(sqlite, name, now, tags));
  return id;
}

/**
 * contacts.update's twin on the raw connection, for sync, which writes a contact and its status row
 * in one synchronous transaction: the fields present in `patch` change, methods and tags (when
 * given) are replaced. The caller's transaction must be open on this connection.
 */
export function updateContactPrepared(sqlite: Database.Database, id: string, patch: Partial<ContactFields>, now: number, tags: TagIds = new Map()): void {
  if (patch.circleId && !prepared(sqlite, `SELECT 1 FROM circles WHERE id = ?`).get(patch.circleId)) throw unknownCircle();
  const row = { ...fieldsToRow(patch), updated_at: now };
  const columns = Object.keys(row);
  const result = prepared(sqlite, `UPDATE contacts SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...Object.values(row), id);
  if (result.changes === 0) throw new ServiceError('not_found', 'No contact with that id', 'id');
  if (patch.methods) {
    prepared(sqlite, `DELETE FROM contact_methods WHERE contact_id = ?`).run(id);
    const method = prepared(sqlite, `INSERT INTO contact_methods (id, contact_id, kind, label, value, value_normalized, is_primary, sort_order, address_parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const m of methodRows(id, patch.methods, phoneRegion(sqlite))) method.run(m.id, m.contact_id, m.kind, m.label, m.value, m.value_normalized, m.is_primary, m.sort_order, m.address_parts);
  }
  if (patch.tags) {
    prepared(sqlite, `DELETE FROM contact_tags WHERE contact_id = ?`).run(id);
    const link = prepared(sqlite, `INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)`);
    for (const name of uniqueTagNames(patch.tags)) link.run(id, tagIdPrepared(sqlite, name, now, tags));
  }
}

/** tag ids by name, remembered across the contacts of one import */
export type TagIds = Map<string, string>;

/** the id of the tag with this name (names compare without case), made when there is none */
export function tagIdPrepared(sqlite: Database.Database, name: string, now: number, tags: TagIds): string {
  let tagId = tags.get(name);
  if (tagId === undefined) {
    prepared(sqlite, `INSERT INTO tags (id, name, color, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT (name) DO NOTHING`).run(randomUUID(), name, now);
    tagId = (prepared(sqlite, `SELECT id FROM tags WHERE name = ?`).get(name) as { id: string }).id;
    tags.set(name, tagId);
  }
  return tagId;
}

/** the contact's one anniversary: the dated row labelled "Anniversary" replaced, or removed for null */
async function setAnniversary(trx: Transaction<DB>, contactId: string, date: { month: number; day: number; year: number | null } | null): Promise<void> {
  await trx.deleteFrom('contact_dates').where('contact_id', '=', contactId).where('label', '=', 'Anniversary').execute();
  if (date) await trx.insertInto('contact_dates').values({ id: randomUUID(), contact_id: contactId, label: 'Anniversary', month: date.month, day: date.day, year: date.year }).execute();
}

function newContactRow(input: ContactFields, id: string, now: number) {
  return { id, ...fieldsToRow(input), created_at: now, updated_at: now, archived_at: null, checkin_snoozed_until: null };
}

/** the contact's own fields in column form; only the keys present in the input */
function fieldsToRow(f: Partial<ContactFields>) {
  const row: Partial<Omit<ContactRow, 'id'>> = {};
  if (f.displayName !== undefined) row.display_name = f.displayName;
  if (f.givenName !== undefined) row.given_name = f.givenName;
  if (f.familyName !== undefined) row.family_name = f.familyName;
  if (f.nickname !== undefined) row.nickname = f.nickname;
  if (f.company !== undefined) row.company = f.company;
  if (f.title !== undefined) row.title = f.title;
  if (f.circleId !== undefined) row.circle_id = f.circleId;
  if (f.importance !== undefined) row.importance = f.importance;
  if (f.birthday !== undefined) {
    row.birthday_month = f.birthday?.month ?? null;
    row.birthday_day = f.birthday?.day ?? null;
    row.birthday_year = f.birthday?.year ?? null;
  }
  if (f.howMet !== undefined) row.how_met = f.howMet;
  if (f.introducedById !== undefined) row.introduced_by_id = f.introducedById;
  if (f.notes !== undefined) row.notes = f.notes;
  if (f.cadenceDays !== undefined) row.cadence_days = f.cadenceDays;
  // a new cadence without a latest interval drops the old one (it was relative to the old cadence)
  if (f.cadenceLatestDays !== undefined || f.cadenceDays !== undefined) row.cadence_latest_days = f.cadenceLatestDays ?? null;
  return row as Omit<ContactRow, 'id' | 'created_at' | 'updated_at' | 'archived_at' | 'checkin_snoozed_until'>;
}

async function checkReferences(trx: Transaction<DB>, f: Partial<ContactFields>, selfId?: string) {
  if (f.cadenceLatestDays != null) {
    const own = f.cadenceDays !== undefined ? f.cadenceDays : selfId ? ((await trx.selectFrom('contacts').select('cadence_days').where('id', '=', selfId).executeTakeFirst())?.cadence_days ?? null) : null;
    if (own === null || own === 0) throw new ServiceError('invalid_input', 'A latest interval needs a cadence of the contact’s own', 'cadenceLatestDays');
    if (f.cadenceLatestDays < own) throw new ServiceError('invalid_input', `The latest interval cannot be shorter than the cadence (${own} days)`, 'cadenceLatestDays');
  }
  if (f.circleId) {
    const circle = await trx.selectFrom('circles').select('id').where('id', '=', f.circleId).executeTakeFirst();
    if (!circle) throw unknownCircle();
  }
  if (f.introducedById) {
    if (f.introducedById === selfId) throw new ServiceError('invalid_input', 'A contact cannot introduce themselves', 'introducedById');
    const other = await trx.selectFrom('contacts').select('id').where('id', '=', f.introducedById).executeTakeFirst();
    if (!other) throw unknownIntroducer();
  }
}

const unknownCircle = () => new ServiceError('invalid_input', 'Unknown circle', 'circleId');
const unknownIntroducer = () => new ServiceError('invalid_input', 'Unknown contact for "introduced by"', 'introducedById');

async function replaceMethods(trx: Transaction<DB>, contactId: string, methods: ContactFields['methods'], region: CountryCode) {
  await trx.deleteFrom('contact_methods').where('contact_id', '=', contactId).execute();
  if (methods.length === 0) return;
  await trx.insertInto('contact_methods').values(methodRows(contactId, methods, region)).execute();
}

/**
 * A contact's methods as rows, in their order, each number or address once (equal when their
 * normalised forms are: "646-555-0177" and "+1 (646) 555-0177" are one phone; the first spelling is
 * kept, with the first label and a primary flag from any of them), with exactly one primary per
 * kind: the first marked, else the first of that kind.
 */
export function methodRows(contactId: string, given: ContactFields['methods'], region: CountryCode, newId: () => string = randomUUID, known?: Map<string, string>) {
  const byKey = new Map<string, ContactFields['methods'][number]>();
  const normalized = new Map<ContactFields['methods'][number], string>();
  for (const m of given) {
    const value = known?.get(methodValueKey(m.kind, m.value)) ?? normalizeMethodValue(m.kind, m.value, region);
    const key = methodValueKey(m.kind, value);
    const first = byKey.get(key);
    if (!first) {
      const copy = { ...m };
      byKey.set(key, copy);
      normalized.set(copy, value);
    } else {
      if (!first.label && m.label) first.label = m.label;
      if (m.isPrimary) first.isPrimary = true;
    }
  }
  const methods = [...byKey.values()];
  const primaryOf = new Map<string, number>();
  methods.forEach((m, i) => {
    if (m.isPrimary && !primaryOf.has(m.kind)) primaryOf.set(m.kind, i);
  });
  methods.forEach((m, i) => {
    if (!primaryOf.has(m.kind)) primaryOf.set(m.kind, i);
  });
  return methods.map((m, i) => ({
    id: newId(),
    contact_id: contactId,
    kind: m.kind,
    label: m.label,
    value: m.value,
    value_normalized: normalized.get(m)!,
    is_primary: primaryOf.get(m.kind) === i ? 1 : 0,
    sort_order: i,
    address_parts: m.kind === 'address' ? JSON.stringify(m.address ?? addressFromText(m.value)) : null,
  }));
}

async function replaceTags(trx: Transaction<DB>, contactId: string, names: string[], now: number) {
  await trx.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
  for (const name of uniqueTagNames(names)) {
    await trx.insertInto('tags').values({ id: randomUUID(), name, color: null, created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const tag = await trx.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    await trx.insertInto('contact_tags').values({ contact_id: contactId, tag_id: tag.id }).execute();
  }
}

/** each tag once (the last spelling of names that differ only in case) */
function uniqueTagNames(names: string[]): string[] {
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
}

export async function loadContact(ctx: Pick<ServiceContext, 'db' | 'sqlite'>, id: string): Promise<Contact> {
  const row = await ctx.db
    .selectFrom('contacts as c')
    .leftJoin('circles as ci', 'ci.id', 'c.circle_id')
    .leftJoin('contacts as intro', 'intro.id', 'c.introduced_by_id')
    .selectAll('c')
    .select(['intro.display_name as introduced_by_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No contact with that id', 'id');
  const rhythm = contactRhythm(ctx.sqlite, id)!;
  const [methods, dates, tags, photo] = await Promise.all([
    ctx.db.selectFrom('contact_methods').selectAll().where('contact_id', '=', id).orderBy('sort_order').execute(),
    ctx.db.selectFrom('contact_dates').selectAll().where('contact_id', '=', id).orderBy('month').orderBy('day').execute(),
    ctx.db
      .selectFrom('contact_tags as ct')
      .innerJoin('tags as t', 't.id', 'ct.tag_id')
      .select('t.name')
      .where('ct.contact_id', '=', id)
      .orderBy('t.name')
      .execute(),
    ctx.db.selectFrom('contact_photos').select(['mime', 'data']).where('contact_id', '=', id).executeTakeFirst(),
  ]);
  return {
    id: row.id,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    nickname: row.nickname,
    company: row.company,
    title: row.title,
    circleId: row.circle_id,
    importance: row.importance,
    birthday: row.birthday_month && row.birthday_day ? { month: row.birthday_month, day: row.birthday_day, year: row.birthday_year } : null,
    howMet: row.how_met,
    introducedById: row.introduced_by_id,
    introducedBy: row.introduced_by_id && row.introduced_by_name ? { id: row.introduced_by_id, displayName: row.introduced_by_name } : null,
    notes: row.notes,
    cadenceDays: row.cadence_days,
    cadenceLatestDays: row.cadence_latest_days,
    effectiveCadenceDays: rhythm.days,
    rhythm: { days: rhythm.days, latestDays: rhythm.latestDays, source: rhythm.source, sourceName: rhythm.sourceName },
    methods: methods.map((m) => ({ id: m.id, kind: m.kind, label: m.label, value: m.value, isPrimary: m.is_primary === 1, ...(m.kind === 'address' ? { address: addressOfRow(m) } : {}) })),
    dates: dates.map((d) => ({ id: d.id, label: d.label, month: d.month, day: d.day, year: d.year })),
    tags: tags.map((t) => t.name),
    photo: photo ? `data:${photo.mime};base64,${Buffer.from(photo.data).toString('base64')}` : null,
    lastInteractionAt: row.last_interaction_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}


/** an address row's parts; a row without them (written by older code) is all street */
export function addressOfRow(m: { value: string; address_parts: string | null }): PostalAddress {
  return m.address_parts ? (JSON.parse(m.address_parts) as PostalAddress) : addressFromText(m.value);
}
