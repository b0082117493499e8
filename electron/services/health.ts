// Health scores, the dashboard and the portfolio. The numbers come from the pure engine
// (shared/domain/health.ts); all contacts at once from db/queries/health.ts.
import { catchUp } from '../backend-status';
import { sql } from 'kysely';
import type Database from 'better-sqlite3';
import { contactHealthInteractions, healthByCircle, healthList, healthTotals, healthVersion, healthWorkLeft, refreshHealth, refreshHealthInSlices, type ContactHealthRow } from '../../db/queries/health';
import { countedContacts } from '../../db/queries/contactCounts';
import { storageError } from '../api/storage-errors';
import { ServiceError } from '../../shared/api/errors';
import { followUpPriority } from '../../shared/domain/cadence';
import { COMING_UP_DAYS } from '../../shared/domain/reminder';
import { contactRhythm } from './rhythm';
import {
  emptyBands,
  upcomingYearly,
  type AttentionItem,
  type CircleHealth,
  type Dashboard,
  type FollowUp,
  type UpcomingItem,
} from '../../shared/domain/dashboard';
import { computeHealth, weeklyScores, type HealthBand } from '../../shared/domain/health';
import { dateOfEpochDay, epochDayOf } from '../../shared/domain/epochDay';
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import { prepared } from '../../db/prepared';
import { cachedUntilWrite } from '../../db/countCache';
import { retention, averageDurationDays, interactionsPerWeek, clientValue } from './portfolio';
import type { DashboardWait, HandlerGroup, ServiceContext } from './context';
import { nextTurnWhenIdle } from './turns';

/** the dashboard's lists stay short whatever the number of contacts; totals say how many more */
const LIST_LIMIT = 50;
/** a collator compares names far faster than localeCompare (the coming-up list merges three sources by name) */
const byName = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;

export const healthHandlers: HandlerGroup<'health.forContact' | 'health.dashboard' | 'health.portfolio' | 'health.snoozeCheckIn'> = {
  async 'health.forContact'(ctx, input) {
    const row = await ctx.db
      .selectFrom('contacts as c')
      .select(['c.created_at', 'c.checkin_snoozed_until', 'c.importance'])
      .where('c.id', '=', input.contactId)
      .executeTakeFirst();
    const rhythm = contactRhythm(ctx.sqlite, input.contactId);
    if (!row || !rhythm) throw new ServiceError('not_found', 'No contact with that id', 'contactId');
    const subject = {
      cadenceDays: rhythm.days,
      toleranceDays: rhythm.latestDays - rhythm.days,
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
    const now = ctx.clock.now().getTime();
    const zone = ctx.clock.timeZone();
    const updating = await settleForDashboard(ctx, now, zone);
    return dashboardData(ctx, now, zone, { settled: true, updating });
  },

  async 'health.portfolio'(ctx) {
    await settleHealth(ctx);
    const now = ctx.clock.now().getTime();
    const zone = ctx.clock.timeZone();
    catchUp(ctx.status, ctx.sqlite, 'health', () => refreshHealth(ctx.sqlite, now, zone));
    return {
      circles: healthPerCircle(ctx),
      retention: retentionAgreeingWithHealth(ctx, now, zone),
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
      .select(['c.archived_at'])
      .where('c.id', '=', input.contactId)
      .executeTakeFirst();
    if (!row) throw new ServiceError('not_found', 'No contact with that id', 'contactId');
    if (row.archived_at !== null) throw new ServiceError('invalid_input', 'This contact is archived', 'contactId');
    if (contactRhythm(ctx.sqlite, input.contactId)?.days === 0) throw new ServiceError('invalid_input', 'This contact has no check-ins to snooze', 'contactId');
    const snoozedUntil = startOfLocalDay(addDaysToDate(localDateOf(now, zone), input.days), zone);
    await ctx.db.updateTable('contacts').set({ checkin_snoozed_until: snoozedUntil, updated_at: now }).where('id', '=', input.contactId).execute();
    const report = await healthHandlers['health.forContact'](ctx, { contactId: input.contactId });
    return { contactId: input.contactId, snoozedUntil, nextCheckIn: report.health.nextCheckIn };
  },
};

/**
 * Kept alive vs gone dormant, with today's figures from the health table: "alive today" and
 * "dormant now" are counted by the one dormant rule (healthCore's, in local days), so they are the
 * same people the dashboard flags as dormant. The year's history is taken as of the end of each
 * day, where the portfolio's rule and the local-day rule meet.
 */
function retentionAgreeingWithHealth(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  const endOfToday = startOfLocalDay(addDaysToDate(today, 1), timeZone) - 1;
  const history = retention(ctx, endOfToday, timeZone);
  const totals = healthTotals(ctx.sqlite, epochDayOf(today));
  const dormantNow = totals.flagged.dormant;
  const last = history.points.at(-1)!;
  last.alive = totals.trackedCount - dormantNow;
  last.dormant = dormantNow;
  return { ...history, dormantNow };
}

const settling = new WeakMap<Database.Database, Promise<void>>();

/** `work` once a settleHealth under way on this connection has ended (at once when none is): other
 *  background catch-ups go after the one the first screen waits for. Its failure is its readers'. */
export async function afterHealthSettles<T>(sqlite: Database.Database, work: () => Promise<T>): Promise<T> {
  await settling.get(sqlite)?.catch(() => {});
  return work();
}

/**
 * Brings the health table up to date in slices other calls answer between (refreshHealthInSlices),
 * waiting while an import holds the write gate; one run per connection at a time, which later
 * callers join. Started when an import commits, and awaited first by every reader of many rows
 * (dashboard, portfolio, catch-up, contacts sorted by health, reminders' check-ins, the scheduler):
 * their own refreshHealth then finds nothing, or the one write made meanwhile, to do.
 * A full or read-only disk is reported (as catchUp does) and the reads go on with what is stored.
 */
export function settleHealth(ctx: Pick<ServiceContext, 'sqlite' | 'clock'> & Partial<Pick<ServiceContext, 'status' | 'writes'>>): Promise<void> {
  let run = settling.get(ctx.sqlite);
  if (run) return run;
  const between = async () => {
    await nextTurnWhenIdle(ctx.writes);
  };
  run = refreshHealthInSlices(ctx.sqlite, ctx.clock.now().getTime(), ctx.clock.timeZone(), between)
    .then(
      () => ctx.status?.recovered('health'),
      (err) => {
        if (!ctx.status || !storageError(err)) throw err;
        ctx.status.report('health', err);
      },
    )
    .finally(() => settling.delete(ctx.sqlite));
  settling.set(ctx.sqlite, run);
  return run;
}

/**
 * How much health work the dashboard waits for: up to `rows` rows (the writes of a day, a small
 * import) it waits, so that its answer is today's; more (a day's slide or a rebuild on a big file:
 * 2.4 s and 4.8 s on huge) for at most `ms`, then it answers with the stored figures, marked as
 * updating, while the slices go on: a home page at once rather than seconds of a blank one.
 */
export const DASHBOARD_WAIT: DashboardWait = { rows: 5_000, ms: 200 };

/**
 * Brings the health table up to date for the dashboard (settleHealth), or — when that is a big
 * job not done within DASHBOARD_WAIT.ms — leaves it running and says which stored figures the
 * answer shows (Dashboard['updating']).
 */
async function settleForDashboard(ctx: ServiceContext, now: number, timeZone: string): Promise<Dashboard['updating']> {
  const wait = ctx.dashboardWait ?? DASHBOARD_WAIT;
  // a big run under way was sized once: the page asks again every second while it lasts
  const under = settling.get(ctx.sqlite);
  const known = under && bigRuns.get(under);
  let run: Promise<void>;
  let storedDay: string | null;
  if (known) {
    run = under;
    storedDay = known.storedDay;
  } else {
    const left = healthWorkLeft(ctx.sqlite, now, timeZone);
    if (left.rows === 0 && !under) return null;
    run = settleHealth(ctx);
    if (left.rows <= wait.rows) return run.then(() => null);
    bigRuns.set(run, { storedDay: left.storedDay });
    storedDay = left.storedDay;
  }
  if (wait.ms > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const inTime = await Promise.race([run.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(resolve, wait.ms, false)))]);
    clearTimeout(timer);
    if (inTime) return null;
  }
  // nobody may await the rest: its failure is logged (a full disk is on the status banner already)
  if (!known) run.catch((err) => console.error('[kith] health:', err));
  return { asOf: storedDay };
}

/** the settle runs settleForDashboard found too big to wait for, and the day of the figures stored when it began */
const bigRuns = new WeakMap<Promise<void>, { storedDay: string | null }>();

/**
 * Everything the home page shows, as of `now` in `timeZone`: the benchmark's "dashboard data".
 * `settled`: the caller has just brought the health table up to date (settleHealth), so it is not
 * checked a second time; `updating`: it is being brought up to date (settleForDashboard), and the
 * health figures are the stored ones.
 */
export function dashboardData(
  ctx: Pick<ServiceContext, 'sqlite'> & Partial<Pick<ServiceContext, 'status'>>,
  now: number,
  timeZone: string,
  options: { settled?: boolean; updating?: Dashboard['updating'] } = {},
): Dashboard {
  if (!options.settled) catchUp(ctx.status, ctx.sqlite, 'health', () => refreshHealth(ctx.sqlite, now, timeZone));
  const updating = options.updating ?? null;
  const today = localDateOf(now, timeZone);
  const todayDay = epochDayOf(today);
  // counted over every row of the health table: once per day and version of that table
  const totals = cachedUntilWrite(ctx.sqlite, `health.totals:${todayDay}`, () => healthTotals(ctx.sqlite, todayDay), healthVersion);
  // overdue counts from the latest interval (a tolerance); without one that is the check-in date
  const daysPastLatest = (r: ContactHealthRow) => todayDay - epochDayOf(r.health.latestCheckIn!);
  const priority = (r: ContactHealthRow) => followUpPriority(daysPastLatest(r), r.importance);
  const nameOrder = (a: { displayName: string | null; title: string }, b: { displayName: string | null; title: string }) => byName(a.displayName ?? a.title, b.displayName ?? b.title);
  const overdueTop = healthList(ctx.sqlite, 'overdue', todayDay, LIST_LIMIT).map(
    (r): FollowUp => ({
      contactId: r.id,
      displayName: r.displayName,
      importance: r.importance,
      circleId: r.circleId,
      nextCheckIn: r.health.nextCheckIn!,
      daysOverdue: daysPastLatest(r),
      priority: priority(r),
      lastInteractionAt: r.health.lastInteractionAt,
      daysSinceLast: r.health.daysSinceLast,
      score: r.health.score,
      band: r.health.band,
    }),
  );
  // most warning signs first, then the lowest score
  const attentionTop = healthList(ctx.sqlite, 'attention', todayDay, LIST_LIMIT).map(
    (r): AttentionItem => ({ contactId: r.id, displayName: r.displayName, score: r.health.score, band: r.health.band, flags: r.health.flags }),
  );
  const checkinTop = healthList(ctx.sqlite, 'checkins', todayDay, LIST_LIMIT, COMING_UP_DAYS).map(
    (r): UpcomingItem => ({ kind: 'checkin', date: r.health.nextCheckIn!, daysAway: Math.max(0, -r.health.daysOverdue!), contactId: r.id, displayName: r.displayName, title: 'Check-in', turns: null, reminderId: null, dueTime: null }),
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
    // while the table is rebuilt its rows are not today's contacts (none, the first time)
    contactCount: updating ? countedContacts(ctx.sqlite, { archived: false }) : totals.contactCount,
    trackedCount: totals.trackedCount,
    bands: { ...totals.bands },
    overdue: { items: overdueTop, total: totals.overdue },
    comingUp,
    attention: { items: attentionTop, total: totals.attention },
    flagged: { ...totals.flagged },
    updating,
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
  const birthdaysOn = prepared(
    ctx.sqlite,
    `SELECT id, display_name, birthday_month AS month, birthday_day AS day, birthday_year AS year FROM contacts
     WHERE archived_at IS NULL AND birthday_month IS NOT NULL AND birthday_month * 100 + birthday_day IN (SELECT value FROM json_each(?))`,
  );
  const datesOn = prepared(
    ctx.sqlite,
    `SELECT c.id, c.display_name, d.label, d.month, d.day, d.year FROM contact_dates d JOIN contacts c ON c.id = d.contact_id
     WHERE c.archived_at IS NULL AND d.month * 100 + d.day IN (SELECT value FROM json_each(?))`,
  );
  const items: UpcomingItem[] = [];
  // day by day, and no further once a day ends with LIST_LIMIT dates: a later one cannot reach the
  // list, which takes the soonest first (on huge the fortnight held 1,800 birthdays, the list 50)
  for (let i = 0; i <= COMING_UP_DAYS && items.length < LIST_LIMIT; i++) {
    const keys = JSON.stringify(monthDayKeys(addDaysToDate(today, i), 0));
    for (const [kind, rows] of [
      ['birthday', birthdaysOn.all(keys)],
      ['anniversary', datesOn.all(keys)],
    ] as const) {
      for (const r of rows as Array<{ id: string; display_name: string; label?: string; month: number; day: number; year: number | null }>) {
        const next = upcomingYearly(r.month, r.day, r.year, today, COMING_UP_DAYS);
        // 29 February comes with the 28th, in a leap year on a day of its own
        if (!next || next.daysAway !== i) continue;
        const title = kind === 'birthday' ? 'Birthday' : r.label!;
        items.push({ kind, date: next.date, daysAway: next.daysAway, contactId: r.id, displayName: r.display_name, title, turns: next.turns, reminderId: null, dueTime: null });
      }
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

function healthPerCircle(ctx: Pick<ServiceContext, 'sqlite'>): CircleHealth[] {
  const circles = prepared(ctx.sqlite, `SELECT id, name, color FROM circles ORDER BY sort_order, name`).all() as Array<{ id: string; name: string; color: string }>;
  const byId = new Map<string | null, CircleHealth>(circles.map((c) => [c.id, { circleId: c.id, name: c.name, color: c.color, bands: emptyBands(), untracked: 0 }]));
  byId.set(null, { circleId: null, name: 'No circle', color: '#8b8d98', bands: emptyBands(), untracked: 0 });
  for (const r of healthByCircle(ctx.sqlite)) {
    const c = byId.get(r.circleId) ?? byId.get(null)!;
    if (r.band) c.bands[r.band as HealthBand] += r.n;
    else c.untracked += r.n;
  }
  return [...byId.values()].filter((c) => c.untracked + Object.values(c.bands).reduce((a, b) => a + b, 0) > 0);
}

/**
 * For contacts.list's 'health' and 'nextCheckIn' sorts: the ORDER BY expression (alias c) over the
 * health table (settleHealth first, which the handler awaits). Lowest score first (who needs care); soonest check-in
 * first; contacts without either last.
 */
export function healthSortExpression(sort: 'health' | 'nextCheckIn') {
  return sort === 'health'
    ? sql`coalesce((SELECT h.score FROM contact_health h WHERE h.contact_id = c.id), 1000)`
    : sql`coalesce((SELECT h.next_day FROM contact_health h WHERE h.contact_id = c.id), 1e9)`;
}
