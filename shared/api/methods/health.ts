// Health scores, the dashboard, the portfolio, and snoozing a check-in.
import { z } from 'zod';
import { command, query } from '../define';
import { id } from '../schemas';
import type { ContactHealthReport, Dashboard, Portfolio } from '../../domain/dashboard';
import type { CatchUpPlan } from '../../domain/catchUp';

export const healthMethods = {
  /** one contact's score, its reasons and its last 12 weeks */
  'health.forContact': query<ContactHealthReport>()(z.object({ contactId: id }).strict()),
  /** the home page: overdue follow-ups, the next 14 days, relationships that need attention */
  'health.dashboard': query<Dashboard>()(z.object({}).strict()),
  /** the due check-ins spread over the coming days by the weekly budget (settings), today's share first */
  'health.catchUp': query<CatchUpPlan>()(z.object({ days: z.number().int().min(1).max(28).default(7) }).strict()),
  /** every relationship at once: health per circle, retention and churn, activity, client value */
  'health.portfolio': query<Portfolio>()(z.object({}).strict()),
  /** push a contact's check-in back: not due before the start of the day `days` from today */
  'health.snoozeCheckIn': command<{ contactId: string; snoozedUntil: number; nextCheckIn: string | null }>()(
    z.object({ contactId: id, days: z.number().int().min(1, 'Snooze for at least a day').max(365, 'Snooze for at most a year').default(7) }).strict(),
  ),
};
