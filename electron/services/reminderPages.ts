// The reminder board a page at a time: each section (overdue, today, upcoming, later, done) is read
// in its listed order from a cursor, so the Reminders page never asks for thousands of rows at
// once. Open reminders are listed by (listed day, time — whole-day ones first, title, id); the
// listed day of a snoozed one is its snooze's local date, which SQL cannot work out in the user's
// zone, so the few snoozed ones are read whole and merged with the SQL page.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { addDaysToDate, localTimeOf, startOfLocalDay } from '../../shared/domain/localDate';
import type { Reminder, ReminderPage, ReminderSectionKey } from '../../shared/domain/reminder';
import type { Settings } from '../../shared/domain/settings';
import { isOverdue, MAX_LEAD_DAYS, toReminder, UPCOMING_DAYS, type ReminderRecord } from './reminders';

/** an open reminder's place in its section's order */
type OpenKey = [day: string, time: string, title: string, id: string];
/** a done one's place: newest first */
type DoneKey = [completedAt: number, dueDate: string, id: string];

const remindOn = sql<string>`date(r.due_date, '-' || r.lead_days || ' days')`;
const timeKey = sql<string>`coalesce(r.due_time, '')`;

function openKey(r: Reminder, timeZone: string): OpenKey {
  // a snoozed one is listed on its snooze's local date (remindOn)
  if (r.snoozedUntil !== null) return [r.remindOn, localTimeOf(r.snoozedUntil, timeZone), r.title, r.id];
  return [r.remindOn, r.dueTime ?? '', r.title, r.id];
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

/** a cursor is the last row's key, opaque to the caller */
function encodeCursor(key: OpenKey | DoneKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor<K extends OpenKey | DoneKey>(cursor: string, shape: K extends OpenKey ? 'open' : 'done'): K {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const ok =
    Array.isArray(key) &&
    (shape === 'open' ? key.length === 4 && key.every((k) => typeof k === 'string') : key.length === 3 && typeof key[0] === 'number' && typeof key[1] === 'string' && typeof key[2] === 'string');
  if (!ok) throw new ServiceError('invalid_input', 'That page cursor is not one this list gave out; load the list again', 'cursor');
  return key as K;
}

interface Range {
  /** listed after this local date */
  after?: string;
  /** listed on or before this local date */
  through?: string;
}

export interface SectionQuery {
  contactId?: string;
  cursor?: string;
  limit: number;
}

export interface BoardClock {
  now: number;
  timeZone: string;
  today: string;
}

/** which listed days each section covers, and which of them it keeps (today splits by the time) */
function sectionRange(section: Exclude<ReminderSectionKey, 'done'>, c: BoardClock): { range: Range; keep: (r: Reminder) => boolean } {
  const horizon = addDaysToDate(c.today, UPCOMING_DAYS);
  switch (section) {
    case 'overdue':
      return { range: { through: c.today }, keep: (r) => isOverdue(r, c.now, c.today) };
    case 'today':
      return { range: { after: addDaysToDate(c.today, -1), through: c.today }, keep: (r) => !isOverdue(r, c.now, c.today) };
    case 'upcoming':
      return { range: { after: c.today, through: horizon }, keep: () => true };
    case 'later':
      return { range: { after: horizon }, keep: () => true };
  }
}

// written out, not bound: a partial index is only used when the query states its condition literally
const OPEN_UNSNOOZED = sql<boolean>`r.status = 'open' AND r.snoozed_until IS NULL`;
const OPEN_SNOOZED = sql<boolean>`r.status = 'open' AND r.snoozed_until IS NOT NULL`;

/**
 * The reminders table of a query, its index named: one contact's few rows by reminders_contact,
 * everyone's by the index the walk follows. Left to itself, the planner (the file has no
 * statistics) takes a status index for `status = 'open'` and reads every open reminder: 35 ms for
 * one contact's upcoming ones on huge, under 1 ms by the contact.
 */
export function remindersFrom(contactId: string | undefined, index: 'reminders_open_listed' | 'reminders_closed_order' | 'reminders_open_timing') {
  return contactId ? sql`reminders AS r INDEXED BY reminders_contact` : sql.raw(`reminders AS r INDEXED BY ${index}`);
}


/**
 * Open, unsnoozed reminders in a range after a key, in order: a range of reminders_open_listed
 * (named, as the planner without statistics prefers the status index and sorts every row); for
 * one contact, that contact's few rows sorted.
 */
async function unsnoozedRows(db: Kysely<DB>, range: Range, from: OpenKey | null, contactId: string | undefined, limit: number) {
  const where = [OPEN_UNSNOOZED];
  if (range.after !== undefined) where.push(sql<boolean>`${remindOn} > ${range.after}`);
  if (range.through !== undefined) where.push(sql<boolean>`${remindOn} <= ${range.through}`);
  if (from) {
    const [day, time, title, id] = from;
    where.push(sql<boolean>`${remindOn} >= ${day}`, sql<boolean>`(${remindOn}, ${timeKey}, r.title, r.id) > (${day}, ${time}, ${title}, ${id})`);
  }
  if (contactId) where.push(sql<boolean>`r.contact_id = ${contactId}`);
  const table = remindersFrom(contactId, 'reminders_open_listed');
  const result = await sql<ReminderRecord>`
    SELECT r.*, c.display_name AS contact_name FROM ${table} LEFT JOIN contacts c ON c.id = r.contact_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${remindOn}, ${timeKey}, r.title, r.id LIMIT ${limit}`.execute(db);
  return result.rows;
}

/** a page of open reminders in a range, in order, keeping those `keep` accepts */
async function openPage(db: Kysely<DB>, settings: Settings, c: BoardClock, range: Range, keep: (r: Reminder) => boolean, q: SectionQuery): Promise<ReminderPage> {
  const tz = c.timeZone;
  const toR = (row: Parameters<typeof toReminder>[0]) => toReminder(row, tz, settings.digestTime);
  let from: OpenKey | null = q.cursor ? decodeCursor<OpenKey>(q.cursor, 'open') : null;

  // the snoozed ones in range, whole (a handful), after the cursor
  const snoozedWhere = [OPEN_SNOOZED];
  if (range.after !== undefined) snoozedWhere.push(sql<boolean>`r.snoozed_until >= ${startOfLocalDay(addDaysToDate(range.after, 1), tz)}`);
  if (range.through !== undefined) snoozedWhere.push(sql<boolean>`r.snoozed_until < ${startOfLocalDay(addDaysToDate(range.through, 1), tz)}`);
  if (q.contactId) snoozedWhere.push(sql<boolean>`r.contact_id = ${q.contactId}`);
  const snoozedRows = await sql<ReminderRecord>`
    SELECT r.*, c.display_name AS contact_name FROM reminders AS r INDEXED BY reminders_open_snoozed LEFT JOIN contacts c ON c.id = r.contact_id
    WHERE ${sql.join(snoozedWhere, sql` AND `)}`.execute(db);
  const snoozed = snoozedRows.rows
    .map(toR)
    .map((r) => ({ r, key: openKey(r, tz) }))
    .filter((x) => !from || compareKeys(x.key, from) > 0)
    .sort((a, b) => compareKeys(a.key, b.key));

  const items: Reminder[] = [];
  const keys: OpenKey[] = [];
  const batch = Math.max(q.limit + 1, 50);
  for (;;) {
    const rows = (await unsnoozedRows(db, range, from, q.contactId, batch)).map(toR);
    const complete = rows.length < batch;
    const lastKey = rows.length ? openKey(rows[rows.length - 1]!, tz) : null;
    // merge: the snoozed ones that fall before this batch's end (all of them on the last batch)
    const merged = rows.map((r) => ({ r, key: openKey(r, tz) }));
    while (snoozed.length && (complete || (lastKey && compareKeys(snoozed[0]!.key, lastKey) < 0))) merged.push(snoozed.shift()!);
    merged.sort((a, b) => compareKeys(a.key, b.key));
    for (const m of merged) {
      if (!keep(m.r)) continue;
      items.push(m.r);
      keys.push(m.key);
      if (items.length > q.limit) break;
    }
    if (items.length > q.limit || complete) break;
    from = lastKey;
  }
  const more = items.length > q.limit;
  if (more) items.length = q.limit;
  return { items, next: more ? encodeCursor(keys[q.limit - 1]!) : null };
}

async function donePage(db: Kysely<DB>, settings: Settings, c: BoardClock, q: SectionQuery): Promise<ReminderPage> {
  const closedAt = sql<number>`coalesce(r.completed_at, 0)`;
  const where = [sql<boolean>`r.status <> 'open'`];
  if (q.contactId) where.push(sql<boolean>`r.contact_id = ${q.contactId}`);
  if (q.cursor) {
    const [at, due, id] = decodeCursor<DoneKey>(q.cursor, 'done');
    where.push(sql<boolean>`${closedAt} <= ${at}`, sql<boolean>`(${closedAt}, r.due_date, r.id) < (${at}, ${due}, ${id})`);
  }
  const table = remindersFrom(q.contactId, 'reminders_closed_order');
  const { rows } = await sql<ReminderRecord>`
    SELECT r.*, c.display_name AS contact_name FROM ${table} LEFT JOIN contacts c ON c.id = r.contact_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${closedAt} DESC, r.due_date DESC, r.id DESC LIMIT ${q.limit + 1}`.execute(db);
  const items = rows.slice(0, q.limit).map((r) => toReminder(r, c.timeZone, settings.digestTime));
  const last = items[items.length - 1];
  return { items, next: rows.length > q.limit && last ? encodeCursor([last.completedAt ?? 0, last.dueDate, last.id]) : null };
}

/** one page of one section of the board */
export function reminderSectionPage(db: Kysely<DB>, settings: Settings, c: BoardClock, section: ReminderSectionKey, q: SectionQuery): Promise<ReminderPage> {
  if (section === 'done') return donePage(db, settings, c, q);
  const { range, keep } = sectionRange(section, c);
  return openPage(db, settings, c, range, keep, q);
}

/** how many each section holds */
export async function sectionTotals(db: Kysely<DB>, c: BoardClock, counts: { overdue: number; dueToday: number }, contactId?: string): Promise<Record<ReminderSectionKey, number>> {
  const horizon = addDaysToDate(c.today, UPCOMING_DAYS);
  const inRange = async (after: string, through: string | null) => {
    const contact = contactId === undefined ? sql`1` : sql`r.contact_id = ${contactId}`;
    const table = remindersFrom(contactId, 'reminders_open_listed');
    const upTo = through === null ? sql`1` : sql`${remindOn} <= ${through}`;
    const snoozeEnd = through === null ? sql`1` : sql`r.snoozed_until < ${startOfLocalDay(addDaysToDate(through, 1), c.timeZone)}`;
    const unsnoozed = await sql<{ n: number }>`SELECT count(*) AS n FROM ${table} WHERE ${OPEN_UNSNOOZED} AND ${contact} AND ${remindOn} > ${after} AND ${upTo}`.execute(db);
    const snoozed = await sql<{ n: number }>`SELECT count(*) AS n FROM reminders AS r INDEXED BY reminders_open_snoozed WHERE ${OPEN_SNOOZED} AND ${contact}
      AND r.snoozed_until >= ${startOfLocalDay(addDaysToDate(after, 1), c.timeZone)} AND ${snoozeEnd}`.execute(db);
    return Number(unsnoozed.rows[0]?.n ?? 0) + Number(snoozed.rows[0]?.n ?? 0);
  };
  const doneCount = async () => {
    const table = remindersFrom(contactId, 'reminders_closed_order');
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${table} WHERE r.status <> 'open' AND ${contactId === undefined ? sql`1` : sql`r.contact_id = ${contactId}`}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  };
  const [upcoming, later, done] = [await inRange(c.today, horizon), await inRange(horizon, null), await doneCount()];
  return { overdue: counts.overdue, today: counts.dueToday, upcoming, later, done };
}
