// Health scores, the dashboard and the portfolio. The numbers come from the pure engine
// (shared/domain/health.ts); all contacts at once from db/queries/health.ts.
import { sql } from 'kysely';
import { allContactsHealth, contactHealthInteractions, type ContactHealthRow } from '../../db/queries/health';
import { ServiceError } from '../../shared/api/errors';
import { effectiveCadence, followUpPriority } from '../../shared/domain/cadence';
import {
  clientConcentration,
  emptyBands,
  upcomingYearly,
  type AttentionItem,
  type CircleHealth,
  type FollowUp,
  type UpcomingItem,
} from '../../shared/domain/dashboard';
import { computeHealth, DORMANT_CADENCES, weeklyScores } from '../../shared/domain/health';
import { dateOfEpochDay, epochDayOf } from '../../shared/domain/epochDay';
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import { prepared } from '../../db/prepared';
import { retention, averageDurationDays, interactionsPerWeek, clientValue } from './portfolio';
import type { HandlerGroup, ServiceContext } from './context';


/** the dashboard's lists stay short whatever the number of contacts; totals say how many more */
const LIST_LIMIT = 50;
const COMING_UP_DAYS = 14;
const DAY_MS = 86_400_000;
/** a collator compares names far faster than localeCompare, which the overdue list may call 100,000 times */
const byName = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;

export const healthHandlers: HandlerGroup<'health.forContact' | 'health.dashboard' | 'health.portfolio' | 'health.snoozeCheckIn'> = {
  async 'health.forContact'(ctx, input) {
    const row = await ctx.db
      .selectFrom('contacts as c')
      .leftJoin('circles as ci', 'ci.id', 'c.circle_id')
      .select(['c.cadence_days', 'ci.default_cadence_days', 'c.created_at', 'c.checkin_snoozed_until', 'c.importance'])
      .where('c.id', '=', input.contactId)
      .executeTakeFirst();
    if (!row) throw new ServiceError('not_found', 'No contact with that id', 'contactId');
    const subject = {
      cadenceDays: effectiveCadence(row.cadence_days, row.default_cadence_days),
      createdAt: row.created_at,
      snoozedUntil: row.checkin_snoozed_until,
      importance: row.importance,
    };
    const interactions = contactHealthInteractions(ctx.sqlite, input.contactId);
    const now = ctx.clock.now().getTime();
    const zone = ctx.clock.timeZone();
    return { health: computeHealth(subject, interactions, now, zone), weekly: weeklyScores(subject, interactions, now, zone) };
  },

  async 'health.dashboard'(ctx) {
    return dashboardData(ctx, ctx.clock.now().getTime(), ctx.clock.timeZone());
  },

  async 'health.portfolio'(ctx) {
    const now = ctx.clock.now().getTime();
    const zone = ctx.clock.timeZone();
    const rows = allContactsHealth(ctx.sqlite, now, zone, { explain: false });
    return {
      circles: healthPerCircle(ctx, rows),
      retention: retention(ctx, now, zone),
      averageDurationDays: averageDurationDays(ctx, now),
      weekly: interactionsPerWeek(ctx, now, zone),
      clients: clientValue(ctx, now, zone),
    };
  },

  async 'health.snoozeCheckIn'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const zone = ctx.clock.timeZone();
    const row = await ctx.db
      .selectFrom('contacts as c')
      .leftJoin('circles as ci', 'ci.id', 'c.circle_id')
      .select(['c.cadence_days', 'ci.default_cadence_days', 'c.archived_at'])
      .where('c.id', '=', input.contactId)
      .executeTakeFirst();
    if (!row) throw new ServiceError('not_found', 'No contact with that id', 'contactId');
    if (row.archived_at !== null) throw new ServiceError('invalid_input', 'This contact is archived', 'contactId');
    if (effectiveCadence(row.cadence_days, row.default_cadence_days) === 0) throw new ServiceError('invalid_input', 'This contact has no check-ins to snooze', 'contactId');
    const snoozedUntil = startOfLocalDay(addDaysToDate(localDateOf(now, zone), input.days), zone);
    await ctx.db.updateTable('contacts').set({ checkin_snoozed_until: snoozedUntil, updated_at: now }).where('id', '=', input.contactId).execute();
    const report = await healthHandlers['health.forContact'](ctx, { contactId: input.contactId });
    return { contactId: input.contactId, snoozedUntil, nextCheckIn: report.health.nextCheckIn };
  },
};

/** Everything the home page shows, as of `now` in `timeZone`: the benchmark's "dashboard data". */
export function dashboardData(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  const rows = allContactsHealth(ctx.sqlite, now, timeZone, { explain: false });
  const today = localDateOf(now, timeZone);
  const bands = emptyBands();
  // rows only: the list entries are built for the few that make the top of each list
  const overdue: ContactHealthRow[] = [];
  const attention: ContactHealthRow[] = [];
  const checkins: ContactHealthRow[] = [];
  let trackedCount = 0;
  for (const r of rows) {
    const h = r.health;
    if (h.band === null || h.daysOverdue === null) continue;
    trackedCount += 1;
    bands[h.band] += 1;
    if (h.daysOverdue >= 0) overdue.push(r);
    else if (h.daysOverdue >= -COMING_UP_DAYS) checkins.push(r);
    if (h.flags.length) attention.push(r);
  }
  const priority = (r: ContactHealthRow) => followUpPriority(r.health.daysOverdue!, r.importance);
  const nameOrder = (a: { displayName: string | null; title: string }, b: { displayName: string | null; title: string }) => byName(a.displayName ?? a.title, b.displayName ?? b.title);
  const overdueTop = firstInOrder(overdue, LIST_LIMIT, (a, b) => priority(b) - priority(a) || b.health.daysOverdue! - a.health.daysOverdue!, (a, b) => byName(a.displayName, b.displayName)).map(
    (r): FollowUp => ({
      contactId: r.id,
      displayName: r.displayName,
      importance: r.importance,
      circleId: r.circleId,
      nextCheckIn: r.health.nextCheckIn!,
      daysOverdue: r.health.daysOverdue!,
      priority: priority(r),
      lastInteractionAt: r.health.lastInteractionAt,
      daysSinceLast: r.health.daysSinceLast,
      score: r.health.score,
      band: r.health.band,
    }),
  );
  // most warning signs first, then the lowest score
  const attentionTop = firstInOrder(attention, LIST_LIMIT, (a, b) => b.health.flags.length - a.health.flags.length || a.health.score! - b.health.score!, (a, b) => byName(a.displayName, b.displayName)).map(
    (r): AttentionItem => ({ contactId: r.id, displayName: r.displayName, score: r.health.score, band: r.health.band, flags: r.health.flags }),
  );
  const checkinTop = firstInOrder(checkins, LIST_LIMIT, (a, b) => b.health.daysOverdue! - a.health.daysOverdue!, (a, b) => byName(a.displayName, b.displayName)).map(
    (r): UpcomingItem => ({ kind: 'checkin', date: r.health.nextCheckIn!, daysAway: -r.health.daysOverdue!, contactId: r.id, displayName: r.displayName, title: 'Check-in', turns: null, reminderId: null, dueTime: null }),
  );
  const kindOrder = { birthday: 0, anniversary: 1, reminder: 2, checkin: 3 } as const;
  const comingUp = firstInOrder(
    [...checkinTop, ...yearlyDatesComingUp(ctx, today), ...remindersComingUp(ctx, today)],
    LIST_LIMIT,
    (a, b) => a.daysAway - b.daysAway || kindOrder[a.kind] - kindOrder[b.kind] || ((a.dueTime ?? '') < (b.dueTime ?? '') ? -1 : (a.dueTime ?? '') > (b.dueTime ?? '') ? 1 : 0),
    nameOrder,
  );
  return {
    today,
    contactCount: rows.length,
    trackedCount,
    bands,
    overdue: { items: overdueTop, total: overdue.length },
    comingUp,
    attention: { items: attentionTop, total: attention.length },
  };
}

/**
 * The first n items in (order, then tie) order. Sorting thousands of items by name is the costly
 * part, so the cheap order sorts everything and names only decide among the ties that reach the top.
 */
export function firstInOrder<T>(items: T[], n: number, order: (a: T, b: T) => number, tie: (a: T, b: T) => number): T[] {
  items.sort(order);
  if (items.length <= n) return items.sort((a, b) => order(a, b) || tie(a, b));
  const last = items[n - 1]!;
  let end = n;
  while (end < items.length && order(items[end]!, last) === 0) end++;
  return items
    .slice(0, end)
    .sort((a, b) => order(a, b) || tie(a, b))
    .slice(0, n);
}

/** month-day keys (month * 100 + day) of the next days, so the database only returns those dates */
function monthDayKeys(today: string, days: number): number[] {
  const keys = new Set<number>();
  for (let i = 0; i <= days; i++) {
    const d = dateOfEpochDay(epochDayOf(today) + i);
    keys.add(Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10)));
  }
  // 29 February is celebrated on the 28th in other years
  if (keys.has(228)) keys.add(229);
  return [...keys];
}

function yearlyDatesComingUp(ctx: Pick<ServiceContext, 'sqlite'>, today: string): UpcomingItem[] {
  const keys = JSON.stringify(monthDayKeys(today, COMING_UP_DAYS));
  const birthdays = prepared(ctx.sqlite, 
      `SELECT id, display_name, birthday_month AS month, birthday_day AS day, birthday_year AS year FROM contacts
       WHERE archived_at IS NULL AND birthday_month IS NOT NULL AND birthday_month * 100 + birthday_day IN (SELECT value FROM json_each(?))`,
    )
    .all(keys) as Array<{ id: string; display_name: string; month: number; day: number; year: number | null }>;
  const dates = prepared(ctx.sqlite, 
      `SELECT c.id, c.display_name, d.label, d.month, d.day, d.year FROM contact_dates d JOIN contacts c ON c.id = d.contact_id
       WHERE c.archived_at IS NULL AND d.month * 100 + d.day IN (SELECT value FROM json_each(?))`,
    )
    .all(keys) as Array<{ id: string; display_name: string; label: string; month: number; day: number; year: number | null }>;
  const items: UpcomingItem[] = [];
  for (const [kind, list] of [
    ['birthday', birthdays],
    ['anniversary', dates],
  ] as const) {
    for (const r of list) {
      const next = upcomingYearly(r.month, r.day, r.year, today, COMING_UP_DAYS);
      if (!next) continue;
      const title = kind === 'birthday' ? 'Birthday' : (r as { label: string }).label;
      items.push({ kind, date: next.date, daysAway: next.daysAway, contactId: r.id, displayName: r.display_name, title, turns: next.turns, reminderId: null, dueTime: null });
    }
  }
  return items;
}

function remindersComingUp(ctx: Pick<ServiceContext, 'sqlite'>, today: string): UpcomingItem[] {
  // birthday, anniversary and check-in reminders are shown from their source above
  const rows = prepared(ctx.sqlite, 
      `SELECT r.id, r.title, r.due_date, r.due_time, r.contact_id, c.display_name FROM reminders r LEFT JOIN contacts c ON c.id = r.contact_id
       WHERE r.status = 'open' AND r.source = 'manual' AND r.due_date >= ? AND r.due_date <= ? AND (c.id IS NULL OR c.archived_at IS NULL)
       ORDER BY r.due_date, r.due_time LIMIT ${LIST_LIMIT}`,
    )
    .all(today, addDaysToDate(today, COMING_UP_DAYS)) as Array<{ id: string; title: string; due_date: string; due_time: string | null; contact_id: string | null; display_name: string | null }>;
  return rows.map((r) => ({
    kind: 'reminder',
    date: r.due_date,
    daysAway: epochDayOf(r.due_date) - epochDayOf(today),
    contactId: r.contact_id,
    displayName: r.display_name,
    title: r.title,
    turns: null,
    reminderId: r.id,
    dueTime: r.due_time,
  }));
}

function healthPerCircle(ctx: Pick<ServiceContext, 'sqlite'>, rows: ContactHealthRow[]): CircleHealth[] {
  const circles = prepared(ctx.sqlite, `SELECT id, name, color FROM circles ORDER BY sort_order, name`).all() as Array<{ id: string; name: string; color: string }>;
  const byId = new Map<string | null, CircleHealth>(circles.map((c) => [c.id, { circleId: c.id, name: c.name, color: c.color, bands: emptyBands(), untracked: 0 }]));
  byId.set(null, { circleId: null, name: 'No circle', color: '#8b8d98', bands: emptyBands(), untracked: 0 });
  for (const r of rows) {
    const c = byId.get(r.circleId) ?? byId.get(null)!;
    if (r.health.band) c.bands[r.health.band] += 1;
    else c.untracked += 1;
  }
  return [...byId.values()].filter((c) => c.untracked + Object.values(c.bands).reduce((a, b) => a + b, 0) > 0);
}

/**
 * For contacts.list's 'health' and 'nextCheckIn' sorts: fills a per-connection temp table with
 * every contact's score and next check-in, and returns the ORDER BY expression over it (alias c).
 * Lowest score first (who needs care); soonest check-in first; contacts without either last.
 */
export function healthSortExpression(ctx: Pick<ServiceContext, 'sqlite' | 'clock'>, sort: 'health' | 'nextCheckIn') {
  const rows = allContactsHealth(ctx.sqlite, ctx.clock.now().getTime(), ctx.clock.timeZone(), { explain: false });
  ctx.sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS health_sort (contact_id TEXT PRIMARY KEY, score INTEGER, next_check_in TEXT) WITHOUT ROWID`);
  const insert = prepared(ctx.sqlite, `INSERT INTO temp.health_sort (contact_id, score, next_check_in) VALUES (?, ?, ?)`);
  ctx.sqlite.transaction(() => {
    ctx.sqlite.exec(`DELETE FROM temp.health_sort`);
    for (const r of rows) insert.run(r.id, r.health.score, r.health.nextCheckIn);
  })();
  return sort === 'health'
    ? sql`coalesce((SELECT h.score FROM temp.health_sort h WHERE h.contact_id = c.id), 1000)`
    : sql`coalesce((SELECT h.next_check_in FROM temp.health_sort h WHERE h.contact_id = c.id), '9999-12-31')`;
}
