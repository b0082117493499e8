// The catch-up plan: a backlog of due check-ins spread over the coming days by a weekly budget the
// user sets, the most pressing first, so hundreds of overdue people become a few a day. Pure: the
// instant, the zone and the budget are passed in.
import type { Importance } from './contact';
import { IMPORTANCE_WEIGHT } from './cadence';
import { addDaysToDate, localDateOf } from './localDate';

export interface CatchUpCandidate {
  contactId: string;
  displayName: string;
  daysOverdue: number;
  importance: Importance;
  /** health 0–100; null without a score */
  score: number | null;
  /** what they brought in over the last year (minor units; 0 for someone who is not a client) */
  clientValue: number;
}

export interface CatchUpDay {
  date: string;
  items: CatchUpCandidate[];
}

export interface CatchUpPlan {
  today: string;
  weeklyBudget: number;
  /** everyone due, planned or not */
  backlog: number;
  /** check-ins already made today, counted against today's share */
  doneToday: number;
  /** the first days of the plan, today first (a day may be empty: its share is used up) */
  days: CatchUpDay[];
  /** the local date the last of the backlog is planned for; null when the budget is 0 */
  clearedBy: string | null;
}

export const DEFAULT_WEEKLY_BUDGET = 15;
/** the most check-ins a week the pace setting takes */
export const MAX_WEEKLY_BUDGET = 200;
/** a backlog that takes longer than this at the chosen pace gets a suggestion */
export const SUGGEST_BEYOND_WEEKS = 12;

/**
 * When the backlog would take more than SUGGEST_BEYOND_WEEKS at the chosen pace, what would clear
 * it in that time: the weekly pace to set, or 'too-many' when even the most the setting takes
 * would not (then the rhythms, not the pace, are what to change). null: the pace is fine.
 */
export function suggestedPace(backlog: number, weeklyBudget: number): { pace: number } | 'too-many' | null {
  if (backlog === 0 || (weeklyBudget > 0 && backlog <= weeklyBudget * SUGGEST_BEYOND_WEEKS)) return null;
  const pace = Math.ceil(backlog / SUGGEST_BEYOND_WEEKS);
  return pace > MAX_WEEKLY_BUDGET ? 'too-many' : { pace };
}
/** how many days of the plan are spelled out */
export const PLAN_DAYS = 7;

/** how many check-ins day i of the plan (0 = today) takes: any 7 days in a row take exactly the budget */
export function dayShare(i: number, weeklyBudget: number): number {
  return Math.floor(((i + 1) * weeklyBudget) / 7) - Math.floor((i * weeklyBudget) / 7);
}

/**
 * How pressing a check-in is: importance, how long overdue (with diminishing weight, so ten years
 * does not drown the inner circle), how poor the health, and the client's value against the
 * largest client's. Higher first.
 */
export function catchUpPriority(c: CatchUpCandidate, maxValue: number): number {
  const overdue = 1 + Math.log1p(Math.max(0, c.daysOverdue)) / Math.log(30);
  const health = c.score === null ? 1.5 : 1 + (100 - c.score) / 100;
  // at most half again: the inner circle still comes before the largest client of the regulars
  const value = maxValue > 0 ? 1 + (0.5 * c.clientValue) / maxValue : 1;
  return IMPORTANCE_WEIGHT[c.importance] * overdue * health * value;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** the backlog in the plan's order: priority, then the longer overdue, then by name and id (stable) */
export function orderBacklog(candidates: CatchUpCandidate[]): CatchUpCandidate[] {
  const maxValue = candidates.reduce((m, c) => Math.max(m, c.clientValue), 0);
  const keyed = candidates.map((c) => ({ c, p: catchUpPriority(c, maxValue) }));
  keyed.sort((a, b) => b.p - a.p || b.c.daysOverdue - a.c.daysOverdue || cmp(a.c.displayName, b.c.displayName) || cmp(a.c.contactId, b.c.contactId));
  return keyed.map((k) => k.c);
}

export function planCatchUp(candidates: CatchUpCandidate[], options: { now: number; timeZone: string; weeklyBudget: number; doneToday?: number; days?: number }): CatchUpPlan {
  const today = localDateOf(options.now, options.timeZone);
  const budget = Math.max(0, Math.floor(options.weeklyBudget));
  const doneToday = Math.max(0, Math.floor(options.doneToday ?? 0));
  const ordered = orderBacklog(candidates);
  const shown = options.days ?? PLAN_DAYS;
  const days: CatchUpDay[] = [];
  let next = 0;
  let clearedBy: string | null = ordered.length === 0 ? today : null;
  if (budget > 0) {
    for (let i = 0; next < ordered.length || i < shown; i++) {
      // today's share less what was already done today
      const share = i === 0 ? Math.max(0, dayShare(0, budget) - doneToday) : dayShare(i, budget);
      const take = Math.min(share, ordered.length - next);
      const date = addDaysToDate(today, i);
      if (i < shown) days.push({ date, items: ordered.slice(next, next + take) });
      next += take;
      if (take > 0 && next === ordered.length) clearedBy = date;
      // past the days shown, the rest is arithmetic: jump whole weeks
      if (i >= shown - 1 && next < ordered.length) {
        const weeks = Math.floor((ordered.length - next) / budget);
        if (weeks > 1) {
          next += (weeks - 1) * budget;
          i += (weeks - 1) * 7;
        }
      }
    }
  } else {
    for (let i = 0; i < shown; i++) days.push({ date: addDaysToDate(today, i), items: [] });
  }
  return { today, weeklyBudget: budget, backlog: ordered.length, doneToday, days, clearedBy };
}
