// The catch-up plan (shared/domain/catchUp.ts) over the health table: everyone whose check-in is
// due, with what orders them (importance, health, a year's client value), and how many check-ins
// were made today (they count against today's share).
import { refreshHealth } from '../../db/queries/health';
import { prepared } from '../../db/prepared';
import { epochDayOf } from '../../shared/domain/epochDay';
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../shared/domain/localDate';
import { planCatchUp, type CatchUpCandidate } from '../../shared/domain/catchUp';
import type { Importance } from '../../shared/domain/contact';
import { loadSettings } from './settings';
import type { HandlerGroup } from './context';

export const catchUpHandlers: HandlerGroup<'health.catchUp'> = {
  async 'health.catchUp'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const tz = ctx.clock.timeZone();
    const settings = await loadSettings(ctx.db);
    refreshHealth(ctx.sqlite, now, tz);
    const today = localDateOf(now, tz);
    const todayDay = epochDayOf(today);
    const yearAgo = addDaysToDate(today, -365);
    // a client's value: invoiced over the last year (paid where nothing was invoiced), in any currency
    const rows = prepared(
      ctx.sqlite,
      `SELECT h.contact_id, c.display_name, h.next_day, h.latest_day, h.importance, h.score,
              coalesce((SELECT max(coalesce(sum(CASE WHEN v.kind = 'invoiced' THEN v.amount_minor END), 0), coalesce(sum(CASE WHEN v.kind = 'paid' THEN v.amount_minor END), 0))
                        FROM value_entries v WHERE v.contact_id = h.contact_id AND v.occurred_on > :yearAgo), 0) AS value
       FROM contact_health h JOIN contacts c ON c.id = h.contact_id
       WHERE h.next_day IS NOT NULL AND h.next_day <= :today AND c.archived_at IS NULL`,
    ).all({ today: todayDay, yearAgo }) as Array<{ contact_id: string; display_name: string; next_day: number; latest_day: number; importance: Importance; score: number | null; value: number }>;
    const candidates: CatchUpCandidate[] = rows.map((r) => ({
      contactId: r.contact_id,
      displayName: r.display_name,
      // due from the ideal interval, overdue only past the latest (the rhythm's tolerance), as on the dashboard
      daysOverdue: Math.max(0, todayDay - r.latest_day),
      importance: r.importance,
      score: r.score,
      clientValue: Number(r.value),
    }));
        // check-ins made today: people talked to today who had been due (nothing in the cadence before today)
    const start = startOfLocalDay(today, tz);
    const doneToday = prepared(
      ctx.sqlite,
      `SELECT count(*) FROM contact_health h WHERE h.cadence > 0 AND h.last_at >= :start AND h.last_at < :end
         AND NOT EXISTS (SELECT 1 FROM interaction_participants p WHERE p.contact_id = h.contact_id AND p.occurred_at < :start AND p.occurred_at >= :start - h.cadence * 86400000)`,
    )
      .pluck()
      .get({ start, end: startOfLocalDay(addDaysToDate(today, 1), tz) }) as number;
    return planCatchUp(candidates, { now, timeZone: tz, weeklyBudget: settings.catchUpWeeklyBudget, doneToday, days: input.days });
  },
};
