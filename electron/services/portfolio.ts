// The portfolio: what all relationships add up to over time (retention and churn, how long you
// have known people, interactions per week, client income and its concentration). Pure SQL over
// the raw connection, as of a given "now" in a given zone.
import { prepared } from '../../db/prepared';
import { clientConcentration } from '../../shared/domain/dashboard';
import { DORMANT_CADENCES } from '../../shared/domain/health';
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import type { ServiceContext } from './context';

const DAY_MS = 86_400_000;

/**
 * Relationships kept alive vs gone dormant, as of today and each month back over a year. Alive =
 * some interaction within DORMANT_CADENCES cadences (or added within that time); cadence-0 contacts
 * are not counted.
 */
export function retention(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  const points: Array<{ date: string; at: number }> = [];
  for (let k = 12; k >= 0; k--) {
    const date = monthsBack(today, k);
    points.push({ date, at: k === 0 ? now : startOfLocalDay(addDaysToDate(date, 1), timeZone) - 1 });
  }
  const aliveAt = (at: string) => `(k.created_at > ${at} - k.cadence * ${DORMANT_CADENCES * DAY_MS} OR EXISTS (
      SELECT 1 FROM interaction_participants p WHERE p.contact_id = k.id AND p.occurred_at <= ${at} AND p.occurred_at > ${at} - k.cadence * ${DORMANT_CADENCES * DAY_MS}))`;
  const tracked = `k AS (SELECT c.id, c.created_at, coalesce(c.cadence_days, ci.default_cadence_days, 30) AS cadence
      FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.archived_at IS NULL)`;
  const series = prepared(ctx.sqlite, 
      `WITH pts(i, at) AS (SELECT key, value FROM json_each(?)), ${tracked}
       SELECT pts.i AS i, count(*) AS existing, total(${aliveAt('pts.at')}) AS alive
       FROM pts JOIN k ON k.created_at <= pts.at AND k.cadence > 0 GROUP BY pts.i`,
    )
    .all(JSON.stringify(points.map((p) => p.at))) as Array<{ i: number; existing: number; alive: number }>;
  const byIndex = new Map(series.map((s) => [s.i, s]));
  const yearAgo = points[0]!.at;
  const pair = prepared(ctx.sqlite, 
      `WITH ${tracked}, t AS (SELECT ${aliveAt(':then')} AS then_alive, ${aliveAt(':now')} AS now_alive FROM k WHERE k.cadence > 0 AND k.created_at <= :then)
       SELECT total(then_alive) AS alive_then, total(then_alive AND now_alive) AS kept FROM t`,
    )
    .get({ then: yearAgo, now }) as { alive_then: number; kept: number };
  return {
    points: points.map((p, i) => {
      const s = byIndex.get(i);
      return { date: p.date, alive: s?.alive ?? 0, dormant: s ? s.existing - s.alive : 0 };
    }),
    aliveYearAgo: pair.alive_then,
    kept: pair.kept,
    churned: pair.alive_then - pair.kept,
  };
}

/** the same day of the month k months back (the month's last day when it is shorter) */
function monthsBack(today: string, k: number): string {
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
  const avg = prepared(ctx.sqlite, 
      `SELECT avg(:now - min(c.created_at, coalesce((SELECT min(p.occurred_at) FROM interaction_participants p WHERE p.contact_id = c.id), c.created_at)))
       FROM contacts c WHERE c.archived_at IS NULL`,
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

export function clientValue(ctx: Pick<ServiceContext, 'sqlite'>, now: number, timeZone: string) {
  const since = addDaysToDate(localDateOf(now, timeZone), -365);
  const rows = prepared(ctx.sqlite, 
      `SELECT v.contact_id AS contactId, c.display_name AS displayName, v.currency, sum(v.amount_minor) AS amountMinor,
              total(CASE WHEN v.kind = 'paid' THEN v.amount_minor END) AS paidMinor
       FROM value_entries v JOIN contacts c ON c.id = v.contact_id
       WHERE v.occurred_on > ? AND c.archived_at IS NULL GROUP BY v.contact_id, v.currency`,
    )
    .all(since) as Array<{ contactId: string; displayName: string; currency: string; amountMinor: number; paidMinor: number }>;
  return clientConcentration(rows);
}
