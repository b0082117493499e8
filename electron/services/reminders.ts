// Reminders: the user's own (one-off or repeating) and the automatic ones from birthdays and
// anniversaries, kept as rows so they can be completed, snoozed and announced once like any other.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, ReminderTable } from '../../db/schema';
import { prepared } from '../../db/prepared';
import { refreshHealth } from '../../db/queries/health';
import { settleHealth } from './health';
import { dateOfEpochDay, epochDayOf } from '../../shared/domain/epochDay';
import { ServiceError } from '../../shared/api/errors';
import type { ParsedInputOf } from '../../shared/api/contract';
import { addDaysToDate, instantOfLocal, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import { isIsoDate } from '../../shared/domain/calendar';
import { nextOccurrenceAfter, occurrenceOnOrAfter, type Recurrence } from '../../shared/domain/recurrence';
import { COMING_UP_DAYS, reminderFireAt, reminderRemindOn, type CheckInDue, type Reminder, type ReminderSectionKey } from '../../shared/domain/reminder';
import { reminderSectionPage, remindersFrom, sectionTotals } from './reminderPages';
import { daysOverdue } from '../../shared/domain/cadence';
import type { Settings } from '../../shared/domain/settings';
import { loadSettings } from './settings';
import type { HandlerGroup, ServiceContext } from './context';

export type ReminderRecord = Selectable<ReminderTable> & { contact_name: string | null };

/** how far ahead the view's "Upcoming" looks */
export const UPCOMING_DAYS = 30;
const HOUR = 3_600_000;

function selectReminders(db: Kysely<DB>) {
  return db.selectFrom('reminders as r').leftJoin('contacts as c', 'c.id', 'r.contact_id').selectAll('r').select('c.display_name as contact_name');
}

function staleReminder() {
  return new ServiceError('stale', 'This reminder was changed elsewhere (another window or tab) after you opened it.', 'updatedAt');
}

export function toReminder(row: ReminderRecord, timeZone: string, dayTime: string): Reminder {
  const timing = { dueDate: row.due_date, dueTime: row.due_time, leadDays: row.lead_days, snoozedUntil: row.snoozed_until };
  return {
    id: row.id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    title: row.title,
    notes: row.notes,
    dueDate: row.due_date,
    dueTime: row.due_time,
    recurrence: { unit: row.recurrence_unit, interval: row.recurrence_interval },
    status: row.status,
    snoozedUntil: row.snoozed_until,
    lastNotifiedAt: row.last_notified_at,
    completedAt: row.completed_at,
    source: row.source,
    leadDays: row.lead_days,
    seriesId: row.series_id,
    remindOn: reminderRemindOn(timing, timeZone),
    fireAt: reminderFireAt(timing, timeZone, dayTime),
    updatedAt: row.updated_at,
  };
}

async function loadReminder(ctx: ServiceContext, id: string, settings?: Settings): Promise<Reminder> {
  const row = await selectReminders(ctx.db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No such reminder', 'id');
  const s = settings ?? (await loadSettings(ctx.db));
  return toReminder(row, ctx.clock.timeZone(), s.digestTime);
}

/** the longest a reminder rings ahead of its date (the lead-days setting's maximum) */
export const MAX_LEAD_DAYS = 60;

export interface OpenReminderFilter {
  contactId?: string;
  /** only those listed on or before this local date (its day, or its snooze's day) */
  through?: string;
  /** only those listed after this local date */
  after?: string;
  /** only those not yet announced */
  unannounced?: boolean;
  limit?: number;
}

/**
 * Open reminders with when they ring, earliest first. The date filters run in SQL (an indexed
 * bound on due_date, then the exact listed date), so a view of today does not read every reminder.
 */
export async function loadOpenReminders(db: Kysely<DB>, timeZone: string, settings: Settings, filter: OpenReminderFilter = {}): Promise<Reminder[]> {
  // one contact's by its index: the unary + keeps the status term out of the planner's choice (remindersFrom says why)
  let q = selectReminders(db).where(filter.contactId ? sql`+r.status` : sql`r.status`, '=', 'open');
  if (filter.contactId) q = q.where('r.contact_id', '=', filter.contactId);
  if (filter.unannounced) q = q.where('r.last_notified_at', 'is', null);
  const remindOn = sql<string>`date(r.due_date, '-' || r.lead_days || ' days')`;
  const { through, after } = filter;
  if (through !== undefined) {
    const snoozeEnd = startOfLocalDay(addDaysToDate(through, 1), timeZone);
    const bound = addDaysToDate(through, MAX_LEAD_DAYS);
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('r.snoozed_until', 'is', null), eb('r.due_date', '<=', bound), eb(remindOn, '<=', through)]),
        eb('r.snoozed_until', '<', snoozeEnd),
      ]),
    );
  }
  if (after !== undefined) {
    const snoozeStart = startOfLocalDay(addDaysToDate(after, 1), timeZone);
    q = q.where((eb) =>
      eb.or([eb.and([eb('r.snoozed_until', 'is', null), eb('r.due_date', '>', after), eb(remindOn, '>', after)]), eb('r.snoozed_until', '>=', snoozeStart)]),
    );
  }
  if (filter.limit !== undefined) q = q.orderBy(sql`coalesce(date(r.snoozed_until / 1000, 'unixepoch'), ${remindOn})`).orderBy('r.due_time').limit(filter.limit);
  const rows = await q.execute();
  return rows.map((r) => toReminder(r, timeZone, settings.digestTime)).sort((a, b) => a.fireAt - b.fireAt || a.title.localeCompare(b.title));
}

/** how many open reminders are listed after a date (for "Later") */
export async function countOpenAfter(db: Kysely<DB>, timeZone: string, after: string, contactId?: string): Promise<number> {
  const remindOn = sql<string>`date(r.due_date, '-' || r.lead_days || ' days')`;
  const snoozeStart = startOfLocalDay(addDaysToDate(after, 1), timeZone);
  let q = db
    .selectFrom('reminders as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(contactId ? sql`+r.status` : sql`r.status`, '=', 'open')
    .where((eb) => eb.or([eb.and([eb('r.snoozed_until', 'is', null), eb('r.due_date', '>', after), eb(remindOn, '>', after)]), eb('r.snoozed_until', '>=', snoozeStart)]));
  if (contactId) q = q.where('r.contact_id', '=', contactId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** the earliest moment an open, not yet announced reminder listed after `after` rings */
export async function nextReminderFireAt(db: Kysely<DB>, timeZone: string, settings: Settings, after: string): Promise<number | null> {
  const remindOn = sql<string>`date(r.due_date, '-' || r.lead_days || ' days')`;
  const first = await db
    .selectFrom('reminders as r')
    .select([sql<string | null>`min(${remindOn})`.as('day')])
    .where('r.status', '=', 'open')
    .where('r.last_notified_at', 'is', null)
    .where('r.snoozed_until', 'is', null)
    .where(remindOn, '>', after)
    .executeTakeFirst();
  const snooze = await db
    .selectFrom('reminders as r')
    .select((eb) => eb.fn.min('r.snoozed_until').as('at'))
    .where('r.status', '=', 'open')
    .where('r.last_notified_at', 'is', null)
    .where('r.snoozed_until', '>=', startOfLocalDay(addDaysToDate(after, 1), timeZone))
    .executeTakeFirst();
  const times: number[] = [];
  if (first?.day) {
    const that = await loadOpenReminders(db, timeZone, settings, { unannounced: true, after, through: first.day });
    for (const r of that) if (r.snoozedUntil === null) times.push(r.fireAt);
  }
  if (snooze?.at !== null && snooze?.at !== undefined) times.push(Number(snooze.at));
  return times.length ? Math.min(...times) : null;
}

/**
 * How many open reminders are overdue and due today (isOverdue's rule), without loading them: those
 * listed before today are counted in SQL (an index range), and only today's are read to compare
 * their times with now. Loading every overdue reminder to count them cost a second at 100,000
 * reminders, on every page's badge.
 */
export async function countOpenThrough(db: Kysely<DB>, now: number, timeZone: string, settings: Settings, contactId?: string): Promise<{ overdue: number; dueToday: number }> {
  const today = localDateOf(now, timeZone);
  // the planner, without statistics, would walk the open rows of another index and read each one
  const counted = await sql<{ n: number }>`
    SELECT count(*) AS n FROM ${remindersFrom(contactId, 'reminders_open_timing')}
    WHERE r.status = 'open' AND ${contactId === undefined ? sql`1` : sql`r.contact_id = ${contactId}`}
      AND ((r.snoozed_until IS NULL AND r.due_date < ${addDaysToDate(today, MAX_LEAD_DAYS)} AND date(r.due_date, '-' || r.lead_days || ' days') < ${today})
        OR r.snoozed_until < ${startOfLocalDay(today, timeZone)})`.execute(db);
  let overdue = Number(counted.rows[0]?.n ?? 0);
  let dueToday = 0;
  for (const r of await loadOpenReminders(db, timeZone, settings, { contactId, after: addDaysToDate(today, -1), through: today })) {
    if (isOverdue(r, now, today)) overdue += 1;
    else dueToday += 1;
  }
  return { overdue, dueToday };
}

/** overdue: its day has passed, or it has a time (or a snooze) that has passed */
export function isOverdue(r: Reminder, now: number, today: string): boolean {
  if (r.remindOn < today) return true;
  return r.remindOn === today && (r.dueTime !== null || r.snoozedUntil !== null) && r.fireAt < now;
}

/** the sync's rules: a different number makes the next sync a full one (bump it when they change) */
export const REMINDER_SYNC_VERSION = 1;

type GeneratedSource = 'birthday' | 'anniversary';
interface WantedReminder {
  source: GeneratedSource;
  contactId: string;
  title: string;
  anchor: string;
}
type GeneratedRow = Pick<Selectable<ReminderTable>, 'id' | 'source' | 'source_key' | 'anchor_date' | 'status' | 'due_date' | 'lead_days' | 'title' | 'contact_id'>;
type BirthdayRow = { id: string; display_name: string; birthday_month: number | null; birthday_day: number | null; birthday_year: number | null };
type DateRow = { id: string; contact_id: string; label: string; month: number; day: number; year: number | null; display_name: string };

const YEARLY: Recurrence = { unit: 'year', interval: 1 };
// no year known: anchor in a leap year, so 29 February stays the 29th when it exists
const anchorOf = (month: number, day: number, year: number | null) =>
  `${String(year ?? 2000).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function wantedReminders(birthdays: BirthdayRow[], dates: DateRow[]): Map<string, WantedReminder> {
  const wanted = new Map<string, WantedReminder>();
  for (const b of birthdays) {
    wanted.set(`birthday:${b.id}`, { source: 'birthday', contactId: b.id, title: `${b.display_name}’s birthday`, anchor: anchorOf(b.birthday_month!, b.birthday_day!, b.birthday_year) });
  }
  for (const d of dates) {
    wanted.set(`anniversary:${d.id}`, { source: 'anniversary', contactId: d.contact_id, title: `${d.display_name}: ${d.label}`, anchor: anchorOf(d.month, d.day, d.year) });
  }
  return wanted;
}

/**
 * Each anchor's first date on or after today. A past anchor's depends only on its month and day
 * when it names a real day, so those are worked out once per month-day (an impossible stored date
 * such as 1990-02-29 rolls over differently in each year, so it keeps its own).
 */
function nextEvents(today: string): (anchor: string) => string {
  const cache = new Map<string, string>();
  return (anchor) => {
    const key = anchor < today && isIsoDate(anchor) ? anchor.slice(4) : anchor;
    let date = cache.get(key);
    if (date === undefined) cache.set(key, (date = occurrenceOnOrAfter(anchor, YEARLY, today)!));
    return date;
  };
}

type Write = (trx: Transaction<DB>) => Promise<unknown>;

/**
 * What makes these generated rows match these wanted ones (both for the same set of source keys),
 * as of today. `unsettled`: keys whose row is left on a date that is not one of its anchor's
 * yearly dates (a reopened occurrence of a date since changed): time alone may change what they
 * should be before their day passes, so the next sync looks at them again.
 */
function reconcile(existing: GeneratedRow[], wanted: Map<string, WantedReminder>, today: string, leadDays: number, now: number): { writes: Write[]; unsettled: string[] } {
  const nextEvent = nextEvents(today);
  const writes: Write[] = [];
  const unsettled: string[] = [];
  const seen = new Set<string>();
  for (const row of existing) {
    if (row.source !== 'birthday' && row.source !== 'anniversary') continue;
    const key = row.source_key!;
    seen.add(key);
    const want = wanted.get(key);
    if (!want) {
      writes.push((trx) => trx.deleteFrom('reminders').where('id', '=', row.id).execute());
      continue;
    }
    const target = nextEvent(want.anchor);
    const change: Partial<ReminderTable> = {};
    if (row.anchor_date !== want.anchor || row.status !== 'open') Object.assign(change, { anchor_date: want.anchor, due_date: target, status: 'open', snoozed_until: null, last_notified_at: null });
    else if (row.due_date < target) Object.assign(change, { due_date: target, snoozed_until: null, last_notified_at: null }); // its day passed
    if (row.lead_days !== leadDays) Object.assign(change, { lead_days: leadDays, last_notified_at: null });
    if (row.title !== want.title) change.title = want.title;
    if (row.contact_id !== want.contactId) change.contact_id = want.contactId;
    if (Object.keys(change).length) writes.push((trx) => trx.updateTable('reminders').set({ ...change, updated_at: now }).where('id', '=', row.id).execute());
    const due = change.due_date ?? row.due_date;
    if (due !== target && occurrenceOnOrAfter(want.anchor, YEARLY, due) !== due) unsettled.push(key);
  }
  for (const [key, want] of wanted) {
    if (seen.has(key)) continue;
    writes.push((trx) =>
      trx
        .insertInto('reminders')
        .values({
          id: randomUUID(),
          contact_id: want.contactId,
          title: want.title,
          notes: '',
          due_date: nextEvent(want.anchor),
          due_time: null,
          recurrence_unit: 'year',
          recurrence_interval: 1,
          status: 'open',
          source: want.source,
          source_key: key,
          anchor_date: want.anchor,
          lead_days: leadDays,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('source_key').doNothing())
        .execute(),
    );
  }
  return { writes, unsettled };
}

const GENERATED_COLUMNS = ['id', 'source', 'source_key', 'anchor_date', 'status', 'due_date', 'lead_days', 'title', 'contact_id'] as const;

/** every contact's birthday and date, and every generated row */
async function readEverything(trx: Transaction<DB>) {
  const birthdays = await trx
    .selectFrom('contacts')
    .select(['id', 'display_name', 'birthday_month', 'birthday_day', 'birthday_year'])
    .where('archived_at', 'is', null)
    .where('birthday_month', 'is not', null)
    .where('birthday_day', 'is not', null)
    .execute();
  const dates = await trx
    .selectFrom('contact_dates as d')
    .innerJoin('contacts as c', 'c.id', 'd.contact_id')
    .select(['d.id', 'd.contact_id', 'd.label', 'd.month', 'd.day', 'd.year', 'c.display_name'])
    .where('c.archived_at', 'is', null)
    .execute();
  // through the source_key index: only generated rows, only the columns compared
  const existing = await trx.selectFrom('reminders').select(GENERATED_COLUMNS).where('source_key', 'is not', null).execute();
  return { wanted: wantedReminders(birthdays, dates), existing };
}

/** the same, for just the keys in reminder_sync_dirty (each one an index lookup) */
async function readDirty(trx: Transaction<DB>) {
  const birthdays = await sql<BirthdayRow>`
    SELECT c.id, c.display_name, c.birthday_month, c.birthday_day, c.birthday_year
    FROM reminder_sync_dirty k JOIN contacts c ON c.id = substr(k.source_key, 10)
    WHERE k.source_key >= 'birthday:' AND k.source_key < 'birthday;'
      AND c.archived_at IS NULL AND c.birthday_month IS NOT NULL AND c.birthday_day IS NOT NULL`.execute(trx);
  const dates = await sql<DateRow>`
    SELECT d.id, d.contact_id, d.label, d.month, d.day, d.year, c.display_name
    FROM reminder_sync_dirty k JOIN contact_dates d ON d.id = substr(k.source_key, 13) JOIN contacts c ON c.id = d.contact_id
    WHERE k.source_key >= 'anniversary:' AND k.source_key < 'anniversary;' AND c.archived_at IS NULL`.execute(trx);
  const existing = await sql<GeneratedRow>`
    SELECT ${sql.join(GENERATED_COLUMNS.map((c) => sql.ref(`r.${c}`)))}
    FROM reminder_sync_dirty k JOIN reminders r ON r.source_key = k.source_key`.execute(trx);
  return { wanted: wantedReminders(birthdays.rows, dates.rows), existing: existing.rows };
}

/**
 * Birthdays and anniversaries as yearly reminder rows, one per source (source_key is unique), made
 * to match the contacts as they are now. Idempotent: a second run changes nothing.
 *
 * Incremental (migration 0008): a full pass only the first time and when the lead-days setting
 * (or the rules, REMINDER_SYNC_VERSION) changed since the last one; otherwise only the keys the
 * triggers noted in reminder_sync_dirty and the rows whose day has passed (an index range). Every
 * other row already matches: it was made to, nothing it depends on was written since, and a row
 * on one of its anchor's dates needs nothing from time until that date is past. With nothing to
 * do, this is two indexed reads.
 */
export async function syncAutomaticReminders(db: Kysely<DB>, now: number, timeZone: string, leadDays: number): Promise<void> {
  const today = localDateOf(now, timeZone);
  const readState = (q: Kysely<DB> | Transaction<DB>) => q.selectFrom('reminder_sync_state').select(['version', 'lead_days']).where('id', '=', 1).executeTakeFirst();
  const isFull = (state: { version: number; lead_days: number } | undefined) => !state || state.version !== REMINDER_SYNC_VERSION || state.lead_days !== leadDays;
  if (!isFull(await readState(db))) {
    const dirty = await db.selectFrom('reminder_sync_dirty').select('source_key').limit(1).executeTakeFirst();
    const passed =
      dirty ?? (await db.selectFrom('reminders').select('source_key').where('source_key', 'is not', null).where('due_date', '<', today).limit(1).executeTakeFirst());
    if (!passed) return;
  }
  await db.transaction().execute(async (trx) => {
    const full = isFull(await readState(trx));
    const before = new Set((await trx.selectFrom('reminder_sync_dirty').select('source_key').execute()).map((r) => r.source_key));
    let passed = 0;
    if (!full) {
      // the rows whose day has passed (reminders_generated_due), looked at like the noted ones
      const added = await sql`INSERT OR IGNORE INTO reminder_sync_dirty (source_key)
                SELECT source_key FROM reminders WHERE source_key IS NOT NULL AND due_date < ${today}`.execute(trx);
      passed = Number(added.numAffectedRows ?? 0);
    }
    const { wanted, existing } = full ? await readEverything(trx) : await readDirty(trx);
    const { writes, unsettled } = reconcile(existing, wanted, today, leadDays, now);
    for (const write of writes) await write(trx);
    // the writes above noted their own keys again; every key has been looked at, and only the
    // unsettled stay (left alone when they are all there was and nothing was written)
    const same = !writes.length && !passed && unsettled.length === before.size && unsettled.every((k) => before.has(k));
    if (!same) {
      await trx.deleteFrom('reminder_sync_dirty').execute();
      for (const key of unsettled) await trx.insertInto('reminder_sync_dirty').values({ source_key: key }).execute();
    }
    if (full) {
      await trx
        .insertInto('reminder_sync_state')
        .values({ id: 1, version: REMINDER_SYNC_VERSION, lead_days: leadDays, synced_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ version: REMINDER_SYNC_VERSION, lead_days: leadDays, synced_at: now }))
        .execute();
    }
  });
}

/** one contact's health row by its key, or everyone's: written as `:contact IS NULL OR h.contact_id = :contact` the
 *  key could not be used, and one contact's check-ins read every due row (~10 ms on huge) */
const ofContact = (contactId: string | undefined) => (contactId === undefined ? '1' : 'h.contact_id = :contact');

/** a collator compares names far faster than localeCompare, with the same order */
const byName = new Intl.Collator().compare;

/**
 * Contacts whose check-in falls due on or before today (and, given `after`, after that local date),
 * most overdue first (only those due by `throughDay`, an epoch day, when given). Read from the health table (db/queries/health.ts), which keeps every
 * contact's next check-in day by the one rule (cadence.ts nextCheckInDay) and indexes it.
 */
export function dueCheckIns(sqlite: Database.Database, now: number, timeZone: string, contactId?: string, after?: string, throughDay?: number): CheckInDue[] {
  refreshHealth(sqlite, now, timeZone);
  const today = localDateOf(now, timeZone);
  const rows = prepared(
    sqlite,
    `SELECT h.contact_id, c.display_name, h.next_day, h.latest_day FROM contact_health h JOIN contacts c ON c.id = h.contact_id
     WHERE h.next_day <= min(:today, :through) AND h.next_day > :after AND ${ofContact(contactId)}`,
  ).all({ today: epochDayOf(today), through: throughDay ?? 1e9, after: after === undefined ? -1e9 : epochDayOf(after), contact: contactId ?? null }) as Array<{
    contact_id: string;
    display_name: string;
    next_day: number;
    latest_day: number;
  }>;
  return rows
    .map((r) => {
      // due from next_day; overdue only past the latest interval (a tolerance): until then it is "due", not "N days overdue"
      const dueDate = dateOfEpochDay(r.next_day);
      return { contactId: r.contact_id, contactName: r.display_name, dueDate, daysOverdue: Math.max(0, daysOverdue(dateOfEpochDay(r.latest_day), today)) };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || byName(a.contactName, b.contactName));
}

/**
 * The first `limit` of dueCheckIns' list, and how many there are, without ordering them all by
 * name: the rows are taken by day in SQL up to the limit's day, and only those are sorted (at
 * 7,000 due check-ins the collator's full sort was most of the Reminders page's first answer).
 */
export function dueCheckInsHead(sqlite: Database.Database, now: number, timeZone: string, limit: number, contactId?: string): { items: CheckInDue[]; total: number } {
  refreshHealth(sqlite, now, timeZone);
  const today = epochDayOf(localDateOf(now, timeZone));
  const params = { today, contact: contactId ?? null };
  const total = prepared(sqlite, `SELECT count(*) FROM contact_health h WHERE h.next_day <= :today AND ${ofContact(contactId)}`).pluck().get(params) as number;
  if (limit === 0 || total === 0) return { items: [], total };
  // the day of the limit-th most overdue: every row due on or before it is in the head or ties with it
  const lastDay = prepared(sqlite, `SELECT h.next_day FROM contact_health h WHERE h.next_day <= :today AND ${ofContact(contactId)} ORDER BY h.next_day LIMIT 1 OFFSET :skip`)
    .pluck()
    .get({ ...params, skip: Math.min(limit, total) - 1 }) as number;
  const items = dueCheckIns(sqlite, now, timeZone, contactId, undefined, lastDay).slice(0, limit);
  return { items, total };
}

/**
 * Check-ins falling due after today and within COMING_UP_DAYS (what the dashboard's "Coming up"
 * lists), soonest first, then by name: the first `limit`, and how many there are.
 */
export function soonCheckIns(sqlite: Database.Database, now: number, timeZone: string, limit: number, contactId?: string): { items: CheckInDue[]; total: number } {
  refreshHealth(sqlite, now, timeZone);
  const today = epochDayOf(localDateOf(now, timeZone));
  const params = { today, through: today + COMING_UP_DAYS, contact: contactId ?? null };
  const where = `h.next_day > :today AND h.next_day <= :through AND ${ofContact(contactId)}`;
  const total = prepared(sqlite, `SELECT count(*) FROM contact_health h WHERE ${where}`).pluck().get(params) as number;
  if (limit === 0 || total === 0) return { items: [], total };
  const rows = prepared(
    sqlite,
    `SELECT h.contact_id, c.display_name, h.next_day FROM contact_health h JOIN contacts c ON c.id = h.contact_id WHERE ${where} ORDER BY h.next_day, h.name_key, h.contact_id LIMIT :limit`,
  ).all({ ...params, limit }) as Array<{ contact_id: string; display_name: string; next_day: number }>;
  return { items: rows.map((r) => ({ contactId: r.contact_id, contactName: r.display_name, dueDate: dateOfEpochDay(r.next_day), daysOverdue: today - r.next_day })), total };
}

/** the earliest check-in date after `after` (a local date), or null if none is ahead */
export function firstCheckInAfter(sqlite: Database.Database, now: number, timeZone: string, after: string): string | null {
  refreshHealth(sqlite, now, timeZone);
  const day = prepared(sqlite, `SELECT min(next_day) FROM contact_health WHERE next_day > ?`).pluck().get(epochDayOf(after)) as number | null;
  return day === null ? null : dateOfEpochDay(day);
}

async function requireContact(db: Kysely<DB>, contactId: string | null) {
  if (contactId === null) return;
  const found = await db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst();
  if (!found) throw new ServiceError('not_found', 'No such contact', 'contactId');
}

async function requireRow(db: Kysely<DB> | Transaction<DB>, id: string) {
  const row = await db.selectFrom('reminders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServiceError('not_found', 'No such reminder', 'id');
  return row;
}

/** a reminder written for a moment already past is not announced: the user is looking at it */
function notifiedIfPast(timing: { dueDate: string; dueTime: string | null }, ctx: ServiceContext, settings: Settings): number | null {
  const now = ctx.clock.now().getTime();
  return reminderFireAt({ ...timing, leadDays: 0, snoozedUntil: null }, ctx.clock.timeZone(), settings.digestTime) <= now ? now : null;
}

/** the instant a snooze ends */
export function snoozeUntil(input: ParsedInputOf<'reminders.snooze'>, now: number, timeZone: string, morningTime: string): number {
  if ('until' in input) return instantOfLocal(input.until.date, input.until.time, timeZone);
  const today = localDateOf(now, timeZone);
  switch (input.preset) {
    case 'hour':
      return now + HOUR;
    case 'tomorrow':
      return instantOfLocal(addDaysToDate(today, 1), morningTime, timeZone);
    case 'nextWeek': {
      // next Monday morning (ISO weekday: Monday = 1)
      const weekday = new Date(`${today}T12:00:00Z`).getUTCDay() || 7;
      return instantOfLocal(addDaysToDate(today, 8 - weekday), morningTime, timeZone);
    }
  }
}

/** done or dismissed: a one-off closes; a repeating one keeps a record and moves to its next date */
async function close(ctx: ServiceContext, id: string, status: 'done' | 'dismissed') {
  const now = ctx.clock.now().getTime();
  const recordId = await ctx.db.transaction().execute(async (trx) => {
    const row = await requireRow(trx, id);
    if (row.status !== 'open') throw new ServiceError('conflict', `This reminder is already ${row.status}`, 'id');
    if (row.recurrence_unit === 'none') {
      await trx.updateTable('reminders').set({ status, completed_at: now, snoozed_until: null, updated_at: now }).where('id', '=', id).execute();
      return id;
    }
    const next = nextOccurrenceAfter(row.anchor_date ?? row.due_date, { unit: row.recurrence_unit, interval: row.recurrence_interval }, row.due_date)!;
    const record = randomUUID();
    await trx
      .insertInto('reminders')
      .values({
        id: record,
        contact_id: row.contact_id,
        title: row.title,
        notes: row.notes,
        due_date: row.due_date,
        due_time: row.due_time,
        recurrence_unit: 'none',
        recurrence_interval: 1,
        status,
        last_notified_at: row.last_notified_at,
        completed_at: now,
        source: row.source,
        source_key: null,
        anchor_date: null,
        lead_days: row.lead_days,
        series_id: row.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // the next occurrence may already be past (completed late): it is on screen, so it does not ring
    const settings = await loadSettings(trx);
    const nextFires = reminderFireAt({ dueDate: next, dueTime: row.due_time, leadDays: row.lead_days, snoozedUntil: null }, ctx.clock.timeZone(), settings.digestTime);
    await trx
      .updateTable('reminders')
      .set({ due_date: next, anchor_date: row.anchor_date ?? row.due_date, snoozed_until: null, last_notified_at: nextFires <= now ? now : null, updated_at: now })
      .where('id', '=', id)
      .execute();
    return record;
  });
  const settings = await loadSettings(ctx.db);
  const done = await loadReminder(ctx, recordId, settings);
  return { done, next: recordId === id ? null : await loadReminder(ctx, id, settings) };
}

export const reminderHandlers: HandlerGroup<
  'reminders.list' | 'reminders.checkIns' | 'reminders.section' | 'reminders.summary' | 'reminders.get' | 'reminders.create' | 'reminders.update' | 'reminders.complete' | 'reminders.dismiss' | 'reminders.reopen' | 'reminders.delete' | 'reminders.snooze'
> = {
  async 'reminders.list'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const tz = ctx.clock.timeZone();
    const settings = await loadSettings(ctx.db);
    await syncAutomaticReminders(ctx.db, now, tz, settings.birthdayLeadDays);
    const clock = { now, timeZone: tz, today: localDateOf(now, tz) };
    const page = (section: ReminderSectionKey, limit: number) => reminderSectionPage(ctx.db, settings, clock, section, { contactId: input.contactId, limit });
    const [overdue, today, upcoming, later, done] = await Promise.all([page('overdue', input.limit), page('today', input.limit), page('upcoming', input.limit), page('later', input.limit), page('done', input.doneLimit)]);
    const totals = await sectionTotals(ctx.db, clock, await countOpenThrough(ctx.db, now, tz, settings, input.contactId), input.contactId);
    return {
      today: clock.today,
      overdue: overdue.items,
      dueToday: today.items,
      upcoming: upcoming.items,
      later: later.items,
      laterTotal: totals.later,
      done: done.items,
      totals,
      next: { overdue: overdue.next, today: today.next, upcoming: upcoming.next, later: later.next, done: done.next },
    };
  },

  async 'reminders.checkIns'(ctx, input) {
    // read from the health table: brought up to date in slices first (on a new day or after an
    // import that is every contact, seconds on a big file; the board does not wait for it)
    await settleHealth(ctx);
    const now = ctx.clock.now().getTime();
    const tz = ctx.clock.timeZone();
    const due = dueCheckInsHead(ctx.sqlite, now, tz, input.limit, input.contactId);
    const soon = soonCheckIns(ctx.sqlite, now, tz, input.limit, input.contactId);
    return { checkIns: due.items, checkInTotal: due.total, checkInsSoon: soon.items, checkInSoonTotal: soon.total };
  },

  async 'reminders.section'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const tz = ctx.clock.timeZone();
    const settings = await loadSettings(ctx.db);
    return reminderSectionPage(ctx.db, settings, { now, timeZone: tz, today: localDateOf(now, tz) }, input.section, input);
  },

  async 'reminders.summary'(ctx) {
    const now = ctx.clock.now().getTime();
    const tz = ctx.clock.timeZone();
    const settings = await loadSettings(ctx.db);
    await syncAutomaticReminders(ctx.db, now, tz, settings.birthdayLeadDays);
    return countOpenThrough(ctx.db, now, tz, settings);
  },

  async 'reminders.get'(ctx, input) {
    return loadReminder(ctx, input.id);
  },

  async 'reminders.create'(ctx, input) {
    await requireContact(ctx.db, input.contactId);
    const now = ctx.clock.now().getTime();
    const settings = await loadSettings(ctx.db);
    const id = randomUUID();
    await ctx.db
      .insertInto('reminders')
      .values({
        id,
        contact_id: input.contactId,
        title: input.title,
        notes: input.notes,
        due_date: input.dueDate,
        due_time: input.dueTime,
        recurrence_unit: input.recurrence.unit,
        recurrence_interval: input.recurrence.interval,
        status: 'open',
        last_notified_at: notifiedIfPast(input, ctx, settings),
        source: 'manual',
        anchor_date: input.recurrence.unit === 'none' ? null : input.dueDate,
        lead_days: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return loadReminder(ctx, id, settings);
  },

  async 'reminders.update'(ctx, input) {
    const row = await requireRow(ctx.db, input.id);
    const { id, updatedAt: editedVersion, ...fields } = input;
    if (editedVersion !== undefined && editedVersion !== row.updated_at) throw staleReminder();
    if (row.source !== 'manual') {
      const locked = (['title', 'contactId', 'dueDate', 'dueTime', 'recurrence'] as const).find((k) => fields[k] !== undefined);
      if (locked) throw new ServiceError('conflict', 'This reminder follows the contact’s date: change the date on the contact', locked);
    }
    if (fields.contactId !== undefined) await requireContact(ctx.db, fields.contactId);
    const now = ctx.clock.now().getTime();
    const settings = await loadSettings(ctx.db);
    // each write a new version, even two in the same millisecond
    const change: Partial<ReminderTable> = { updated_at: Math.max(now, row.updated_at + 1) };
    if (fields.title !== undefined) change.title = fields.title;
    if (fields.notes !== undefined) change.notes = fields.notes;
    if (fields.contactId !== undefined) change.contact_id = fields.contactId;
    const timingChanged = fields.dueDate !== undefined || fields.dueTime !== undefined || fields.recurrence !== undefined;
    if (timingChanged) {
      const dueDate = fields.dueDate ?? row.due_date;
      const dueTime = fields.dueTime !== undefined ? fields.dueTime : row.due_time;
      const recurrence = fields.recurrence ?? { unit: row.recurrence_unit, interval: row.recurrence_interval };
      Object.assign(change, {
        due_date: dueDate,
        due_time: dueTime,
        recurrence_unit: recurrence.unit,
        recurrence_interval: recurrence.interval,
        anchor_date: recurrence.unit === 'none' ? null : dueDate,
        snoozed_until: null,
        last_notified_at: notifiedIfPast({ dueDate, dueTime }, ctx, settings),
      });
    }
    // compare-and-set on the version read above: a write that landed in between (the awaits) wins, this one is stale
    const written = await ctx.db.updateTable('reminders').set(change).where('id', '=', id).where('updated_at', '=', row.updated_at).executeTakeFirst();
    if (Number(written.numUpdatedRows) === 0) throw staleReminder();
    return loadReminder(ctx, id, settings);
  },

  async 'reminders.complete'(ctx, input) {
    return close(ctx, input.id, 'done');
  },

  async 'reminders.dismiss'(ctx, input) {
    return close(ctx, input.id, 'dismissed');
  },

  async 'reminders.reopen'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const reopened = await ctx.db.transaction().execute(async (trx) => {
      const row = await requireRow(trx, input.id);
      if (row.status === 'open') throw new ServiceError('conflict', 'This reminder is already open', 'id');
      const series = row.series_id ? await trx.selectFrom('reminders').selectAll().where('id', '=', row.series_id).executeTakeFirst() : undefined;
      if (series && series.status === 'open') {
        // undo of a repeating one: the series goes back to this occurrence and the record goes
        await trx.updateTable('reminders').set({ due_date: row.due_date, snoozed_until: null, last_notified_at: row.last_notified_at, updated_at: now }).where('id', '=', series.id).execute();
        await trx.deleteFrom('reminders').where('id', '=', row.id).execute();
        return series.id;
      }
      await trx.updateTable('reminders').set({ status: 'open', completed_at: null, series_id: null, updated_at: now }).where('id', '=', row.id).execute();
      return row.id;
    });
    return loadReminder(ctx, reopened);
  },

  async 'reminders.delete'(ctx, input) {
    const row = await requireRow(ctx.db, input.id);
    if (row.source_key !== null) throw new ServiceError('conflict', 'This reminder comes from the contact’s date: remove the date on the contact, or dismiss this year’s', 'id');
    await ctx.db.deleteFrom('reminders').where('id', '=', input.id).execute();
    return { id: input.id };
  },

  async 'reminders.snooze'(ctx, input) {
    const row = await requireRow(ctx.db, input.id);
    if (row.status !== 'open') throw new ServiceError('conflict', 'Only an open reminder can be snoozed', 'id');
    const now = ctx.clock.now().getTime();
    const settings = await loadSettings(ctx.db);
    const until = snoozeUntil(input, now, ctx.clock.timeZone(), settings.morningTime);
    if (until <= now) throw new ServiceError('invalid_input', 'Pick a time in the future', 'until');
    await ctx.db.updateTable('reminders').set({ snoozed_until: until, last_notified_at: null, updated_at: now }).where('id', '=', input.id).execute();
    return loadReminder(ctx, input.id, settings);
  },
};
