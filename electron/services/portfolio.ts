// The portfolio: what all relationships add up to over time (retention and churn, how long you
// have known people, interactions per week, client income and its concentration). Pure SQL over
// the raw connection, as of a given "now" in a given zone.
import { prepared } from '../../db/prepared';
import { clientConcentration, type ClientSums } from '../../shared/domain/dashboard';
import { DORMANT_CADENCES } from '../../shared/domain/health';
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import type { ServiceContext } from './context';

const DAY_MS = 86_400_000;
/**
 * A contact's dormancy window in ms, as health's dormant flag has it: DORMANT_CADENCES cadences plus
 * the tolerance, of the rhythm the health table holds (the one rule, shared/domain/cadence.ts); the
 * gaps of migration 0031 are built for the same window. Read after refreshHealth.
 */
const WINDOW_SQL = `(${DORMANT_CADENCES} * h.cadence + h.tolerance) * ${DAY_MS}`;

/**
 * Relationships kept alive vs gone dormant, as of today and each month back over a year. Alive =
 * some interaction within the dormancy window (DORMANT_CADENCES cadences plus the tolerance; or added
 * within that time); cadence-0 contacts are not counted. Each contact's rhythm is read from
 * contact_health, so call it after refreshHealth.
 *
 * Read from what triggers keep per contact (migration 0007) rather than from the interactions: with
 * W its window, a contact created by instant `at` is alive there when it was added after at - W, or
 * its first interaction is at or before `at` and either its last one is too and after at - W, or
 * it has later ones and `at` is not in one of its interaction_gaps [dormant_from, before_at).
 * The same answer as an EXISTS per contact and point (tests/integration/portfolio.test.ts keeps
 * that query and compares), at one pass over the contacts plus the gaps of the year.
 */
export function retention(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  const points: Array<{ date: string; at: number }> = [];
  for (let k = 12; k >= 0; k--) {
    const date = monthsBack(today, k);
    points.push({ date, at: k === 0 ? now : startOfLocalDay(addDaysToDate(date, 1), timeZone) - 1 });
  }
  const ats = points.map((p) => p.at);
  const yearAgo = ats[0]!;
  const last = ats.length - 1;
  const existing = ats.map(() => 0);
  const alive = ats.map(() => 0);
  let aliveThen = 0;
  let kept = 0;

  // alive as the first and last interactions alone say; a gap may still make it dormant (below)
  const aliveOutsideGaps = (at: number, created: number, w: number, first: number | null, lastAt: number | null) =>
    created > at - w || (first !== null && first <= at && (lastAt! <= at ? lastAt! > at - w : true));

  // The contacts that count, with their window; a plain scan of the table (through the partial
  // index on active contacts it would be a lookup per row). Most are the same at every point of
  // the year, alive throughout (first interaction by a year ago and the last one's window reaching
  // past now, or added within the window) or dormant throughout (nothing since a year ago minus
  // the window, or only after now): those are counted in SQL, the others come back row by row.
  const tracked = `SELECT c.created_at AS created, ${WINDOW_SQL} AS w,
         c.first_interaction_at AS first, c.last_interaction_at AS last
       FROM contacts c NOT INDEXED JOIN contact_health h ON h.contact_id = c.id
       WHERE c.archived_at IS NULL AND c.created_at <= :now AND h.cadence > 0`;
  const sameAllYear = `CASE WHEN k.created > :then THEN 0
         WHEN k.first <= :then AND k.last + k.w > :now THEN 1 WHEN k.created + k.w > :now THEN 1
         WHEN k.created + k.w > :then THEN 0
         WHEN k.first IS NULL OR k.first > :now OR k.last + k.w <= :then THEN 2 ELSE 0 END`;
  // both counts in one sum: alive throughout in the low 32 bits, dormant throughout above (exact below 2^53)
  const packed = prepared(ctx.sqlite, `SELECT total(CASE ${sameAllYear} WHEN 1 THEN 1 WHEN 2 THEN 4294967296 ELSE 0 END) FROM (${tracked}) k`)
    .pluck()
    .get({ then: yearAgo, now }) as number;
  const aliveAllYear = packed % 4294967296;
  const dormantAllYear = Math.floor(packed / 4294967296);
  for (let i = 0; i <= last; i++) {
    existing[i]! += aliveAllYear + dormantAllYear;
    alive[i]! += aliveAllYear;
  }
  aliveThen += aliveAllYear;
  kept += aliveAllYear;
  const contacts = prepared(ctx.sqlite, `SELECT k.created, k.w, k.first, k.last FROM (${tracked}) k WHERE ${sameAllYear} = 0`)
    .raw()
    .all({ then: yearAgo, now }) as Array<[number, number, number | null, number | null]>;
  for (const [created, w, first, lastAt] of contacts) {
    for (let i = 0; i <= last; i++) {
      const at = ats[i]!;
      if (created > at) continue;
      existing[i]!++;
      if (aliveOutsideGaps(at, created, w, first, lastAt)) alive[i]!++;
    }
    if (created <= yearAgo && aliveOutsideGaps(yearAgo, created, w, first, lastAt)) {
      aliveThen++;
      if (aliveOutsideGaps(now, created, w, first, lastAt)) kept++;
    }
  }

  // a gap holding a point makes its contact dormant there; a contact has at most one gap at any instant
  const gaps = prepared(ctx.sqlite,
      `SELECT g.dormant_from, g.before_at FROM interaction_gaps g WHERE g.before_at > :from AND g.dormant_from <= :now`,
    )
    .raw()
    .all({ from: yearAgo, now }) as Array<[number, number]>;
  for (const [from, before] of gaps) {
    for (let i = 0; i <= last; i++) {
      const at = ats[i]!;
      if (from <= at && at < before) {
        alive[i]!--;
        if (i === 0) aliveThen--;
      }
    }
  }
  // ones dormant in a gap a year ago or now were counted as kept when alive at both ends otherwise
  const notKept = prepared(ctx.sqlite,
      `SELECT c.created_at, ${WINDOW_SQL} AS w, c.first_interaction_at, c.last_interaction_at
       FROM contacts c JOIN contact_health h ON h.contact_id = c.id
       WHERE c.id IN (SELECT g.contact_id FROM interaction_gaps g
                      WHERE (g.before_at > :then AND g.dormant_from <= :then) OR (g.before_at > :now AND g.dormant_from <= :now))`,
    )
    .raw()
    .all({ then: yearAgo, now }) as Array<[number, number, number | null, number | null]>;
  for (const [created, w, first, lastAt] of notKept) {
    if (created <= yearAgo && aliveOutsideGaps(yearAgo, created, w, first, lastAt) && aliveOutsideGaps(now, created, w, first, lastAt)) kept--;
  }
  return {
    points: points.map((p, i) => ({ date: p.date, alive: alive[i]!, dormant: existing[i]! - alive[i]! })),
    aliveYearAgo: aliveThen,
    kept,
    churned: aliveThen - kept,
  };
}

/** the same day of the month k months back (the month's last day when it is shorter) */
export function monthsBack(today: string, k: number): string {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7)) - k;
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(today.slice(8, 10)), last);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** how long, on average, you have known the people in Kith: since the first interaction or since they were added */
export function averageDurationDays(ctx: Pick<ServiceContext, 'sqlite'>, now: number): number | null {
  // first_interaction_at is the oldest interaction, kept by triggers (migration 0007)
  const avg = prepared(ctx.sqlite,
      `SELECT avg(:now - min(c.created_at, coalesce(c.first_interaction_at, c.created_at))) FROM contacts c NOT INDEXED WHERE c.archived_at IS NULL`,
    )
    .pluck()
    .get({ now }) as number | null;
  return avg === null ? null : Math.max(0, Math.round(avg / DAY_MS));
}

const WEEKS = 26;

export function interactionsPerWeek(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  // week k ends on today - 7k (local days); its bounds are local midnights
  const weeks = Array.from({ length: WEEKS }, (_, i) => {
    const k = WEEKS - 1 - i;
    const end = addDaysToDate(today, -7 * k);
    return { weekEnding: end, from: startOfLocalDay(addDaysToDate(end, -6), timeZone), to: k === 0 ? now + 1 : startOfLocalDay(addDaysToDate(end, 1), timeZone) };
  });
  const counts = prepared(ctx.sqlite, 
      `SELECT b.key AS i, (SELECT count(*) FROM interactions x WHERE x.occurred_at >= b.value ->> 0 AND x.occurred_at < b.value ->> 1) AS n FROM json_each(?) b`,
    )
    .all(JSON.stringify(weeks.map((w) => [w.from, w.to]))) as Array<{ i: number; n: number }>;
  return weeks.map((w, i) => ({ weekEnding: w.weekEnding, count: counts[i]?.n ?? 0 }));
}

/**
 * Each client's sums per currency: invoiced and paid in the last 12 months, and what is still
 * outstanding (invoiced, not paid) at any time. Archived clients are kept: the income they brought
 * stays in the figures of the time it was earned.
 */
export function clientSums(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string): ClientSums[] {
  const since = addDaysToDate(localDateOf(now, timeZone), -365);
  // summed per client and currency from one covering index (migration 0007), then one contact
  // lookup per client rather than per entry
  const rows = prepared(ctx.sqlite,
      `SELECT a.contact_id AS contactId, c.display_name AS displayName, a.currency, a.amountMinor, a.paidMinor, a.outstandingMinor, c.archived_at IS NOT NULL AS archived
       FROM (SELECT v.contact_id, v.currency, total(CASE WHEN v.occurred_on > :since THEN v.amount_minor END) AS amountMinor,
                    total(CASE WHEN v.kind = 'paid' AND v.occurred_on > :since THEN v.amount_minor END) AS paidMinor,
                    total(CASE WHEN v.kind = 'invoiced' THEN v.amount_minor END) AS outstandingMinor
             FROM value_entries v GROUP BY v.contact_id, v.currency) a
       JOIN contacts c ON c.id = a.contact_id
       WHERE a.amountMinor > 0 OR a.outstandingMinor > 0
       ORDER BY a.contact_id, a.currency`,
    )
    .all({ since }) as Array<Omit<ClientSums, 'archived'> & { archived: number }>;
  return rows.map((r) => ({ ...r, archived: r.archived === 1 }));
}

export function clientValue(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  return clientConcentration(clientSums(ctx, now, timeZone));
}
