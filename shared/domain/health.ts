// The relationship health score of DESIGN.md ("Health score"), as pure functions of a contact's
// interactions, its cadence, "now" and the user's time zone. Nothing here reads a clock.
//
// The rules, made exact:
// - Days are the user's local calendar days: "45 days ago" counts midnights in the zone.
// - tolerance: a rhythm has an ideal interval C and a latest one L = C + T ("every 4 weeks, at
//   worst 6"; T = 0 without one). The check-in is due C days after the last interaction, overdue
//   from L days after it (both moved by a snooze).
// - recency: d = days since the last interaction at or before now; 100 while d <= L, then
//   100 * 2^(-(d - L) / C); 0 when there never was one.
// - frequency: the window is the last W = max(90, 3C) local days, today included. Each interaction
//   in it weighs (meeting, coffee, video 1.0; call 0.8; message, email, social 0.4; other 0.5); the sum is
//   set against the W / C contacts expected, capped at 100.
// - rating adjustment: the average rating of the last 5 rated interactions (at or before now),
//   mapped 1..5 -> -10..+10 by (avg - 3) * 5 and rounded. "Recent" is counted in interactions, not in
//   days, so that time passing alone never changes the adjustment (the score only falls as time passes).
// - score = clamp(round(0.6 * recency + 0.4 * frequency) + adjustment, 0, 100).
// - bands: thriving >= 80, steady 60–79, cooling 40–59, at risk < 40.
// - flags: cooling = weight of the window under half of the window before it; one-sided = at least
//   80% of the last 10 interactions were outbound (judged from 5 interactions on, so one message is
//   not a pattern); dormant = nothing for 3C days (counted from the day the contact was added when
//   there never was an interaction), plus the tolerance T.
// - cadence 0 ("never remind"): no score, no flags, no check-in.
// - new: a contact with no interaction yet, added less than its cadence ago, is "new" (its own band):
//   no score, no flags, not at risk, until its first cadence has passed. An import does not turn
//   everyone red on day one. Its first check-in still falls a cadence after it was added.
// - interactions after "now" do not exist yet: they are ignored.
//
// Weights are kept in tenths (integers) so that every path that sums them gets exactly the same
// number, whatever order it adds them in.
import { latestCheckInDay, nextCheckInDay } from './cadence';
import type { Importance } from './contact';
import type { Direction, InteractionKind } from './interaction';
import { dateOfEpochDay, localEpochDay } from './epochDay';
import { addDaysToDate, localDateOf, startOfLocalDay } from './localDate';

export const KIND_WEIGHT_TENTHS: Record<InteractionKind, number> = {
  meeting: 10,
  coffee: 10,
  video: 10,
  call: 8,
  message: 4,
  email: 4,
  social: 4,
  other: 5,
};

/** how many of the latest rated interactions the rating adjustment averages */
export const RATED_RECENT_COUNT = 5;
/** one-sided looks at this many latest interactions… */
export const ONE_SIDED_SAMPLE = 10;
/** …and needs at least this many of them to say anything */
export const ONE_SIDED_MIN_SAMPLE = 5;
/** dormant after this many cadences without contact */
export const DORMANT_CADENCES = 3;
export const MIN_WINDOW_DAYS = 90;

/** the bands of a score, and "new" for contacts not scored yet (see the top of this file) */
export const BANDS = ['thriving', 'steady', 'cooling', 'at-risk', 'new'] as const;
export type HealthBand = (typeof BANDS)[number];
export const BAND_LABEL: Record<HealthBand, string> = { thriving: 'Thriving', steady: 'Steady', cooling: 'Cooling', 'at-risk': 'At risk', new: 'New' };

export const HEALTH_FLAGS = ['cooling', 'one-sided', 'dormant'] as const;
export type HealthFlag = (typeof HEALTH_FLAGS)[number];

/** one interaction as the engine sees it (a row of interaction_participants) */
export interface HealthInteraction {
  id: string;
  occurredAt: number;
  kind: InteractionKind;
  direction: Direction;
  rating: number | null;
}

/** the contact as the engine sees it */
export interface HealthSubject {
  /** the effective cadence (cadence.ts effectiveRhythm); 0 = never */
  cadenceDays: number;
  /** latest minus ideal interval of that rhythm; 0 (the default) = none */
  toleranceDays?: number;
  createdAt: number;
  snoozedUntil: number | null;
  importance: Importance;
}

/** the local-day boundaries of the frequency window and the one before it, for a cadence */
export interface HealthWindows {
  today: string;
  /** today as a local epoch day (epochDay.ts) */
  todayDay: number;
  windowDays: number;
  /** first instant of the window (its first local day's start) */
  windowStart: number;
  /** first instant of the window before it; that window ends where this one starts */
  previousStart: number;
}

/**
 * Everything the score depends on, reduced from the interaction history. Both the per-contact path
 * (a list of interactions) and the all-contacts database path produce these, then share one formula.
 */
export interface HealthFacts {
  /** the latest interaction at or before now */
  lastAt: number | null;
  windowWeightTenths: number;
  windowCount: number;
  previousWeightTenths: number;
  /** the latest RATED_RECENT_COUNT rated interactions */
  ratedCount: number;
  ratingSum: number;
  /** the latest ONE_SIDED_SAMPLE interactions */
  sampleCount: number;
  sampleOutbound: number;
}

export interface HealthFlagDetail {
  flag: HealthFlag;
  reason: string;
}

export interface HealthParts {
  recency: number;
  frequency: number;
  ratingAdjustment: number;
}

export interface ContactHealth {
  cadenceDays: number;
  /** null when the cadence is 0 (not tracked) */
  score: number | null;
  band: HealthBand | null;
  /** unrounded parts; the score is computed from these */
  parts: HealthParts | null;
  lastInteractionAt: number | null;
  daysSinceLast: number | null;
  windowDays: number;
  /** weighted contacts in the window, and how many the cadence expects there */
  weightedCount: number;
  expectedCount: number;
  averageRating: number | null;
  flags: HealthFlagDetail[];
  nextCheckIn: string | null;
  /** days past the check-in date (0 = due today, negative = not yet); null = never */
  daysOverdue: number | null;
  /** latest minus ideal interval ("every 4 weeks, at worst 6": 14) */
  toleranceDays: number;
  /** the day the check-in becomes overdue (= nextCheckIn without a tolerance); null = never */
  latestCheckIn: string | null;
  /** past the latest interval: what the overdue lists count */
  overdue: boolean;
  /** '' when asked not to explain (lists of every contact that never show it) */
  explanation: string;
}

export function windowDaysFor(cadenceDays: number): number {
  return Math.max(MIN_WINDOW_DAYS, 3 * cadenceDays);
}

export function healthWindows(cadenceDays: number, now: number, timeZone: string): HealthWindows {
  const today = localDateOf(now, timeZone);
  const windowDays = windowDaysFor(cadenceDays);
  const firstDay = addDaysToDate(today, -(windowDays - 1));
  return {
    today,
    todayDay: localEpochDay(now, timeZone),
    windowDays,
    windowStart: startOfLocalDay(firstDay, timeZone),
    previousStart: startOfLocalDay(addDaysToDate(firstDay, -windowDays), timeZone),
  };
}

/**
 * Newest first; at the same instant by kind, direction, then rating (no rating first): the order of
 * the covering index, so "the last N" are the same rows on every path. Rows equal on all four
 * count the same, so no further tie-break is needed.
 */
export function byRecency(a: HealthInteraction, b: HealthInteraction): number {
  return b.occurredAt - a.occurredAt || compare(a.kind, b.kind) || compare(a.direction, b.direction) || (a.rating ?? 0) - (b.rating ?? 0);
}

function compare(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function factsFromInteractions(interactions: readonly HealthInteraction[], windows: HealthWindows, now: number): HealthFacts {
  const past = interactions.filter((i) => i.occurredAt <= now).sort(byRecency);
  const facts: HealthFacts = {
    lastAt: past[0]?.occurredAt ?? null,
    windowWeightTenths: 0,
    windowCount: 0,
    previousWeightTenths: 0,
    ratedCount: 0,
    ratingSum: 0,
    sampleCount: Math.min(ONE_SIDED_SAMPLE, past.length),
    sampleOutbound: past.slice(0, ONE_SIDED_SAMPLE).filter((i) => i.direction === 'outbound').length,
  };
  for (const i of past) {
    if (i.occurredAt >= windows.windowStart) {
      facts.windowWeightTenths += KIND_WEIGHT_TENTHS[i.kind];
      facts.windowCount += 1;
    } else if (i.occurredAt >= windows.previousStart) {
      facts.previousWeightTenths += KIND_WEIGHT_TENTHS[i.kind];
    }
    if (i.rating !== null && facts.ratedCount < RATED_RECENT_COUNT) {
      facts.ratedCount += 1;
      facts.ratingSum += i.rating;
    }
  }
  return facts;
}

export function bandOf(score: number): HealthBand {
  if (score >= 80) return 'thriving';
  if (score >= 60) return 'steady';
  if (score >= 40) return 'cooling';
  return 'at-risk';
}

export function recencyScore(daysSinceLast: number | null, cadenceDays: number, toleranceDays = 0): number {
  if (daysSinceLast === null) return 0;
  const latest = cadenceDays + toleranceDays;
  if (daysSinceLast <= latest) return 100;
  return 100 * 2 ** (-(daysSinceLast - latest) / cadenceDays);
}

/** weighted count against window / C expected, capped at 100 (integer arithmetic until the one division) */
export function frequencyScore(windowWeightTenths: number, cadenceDays: number, windowDays: number): number {
  return Math.min(100, (windowWeightTenths * cadenceDays * 10) / windowDays);
}

/** 1..5 -> -10..+10; 0 without ratings */
export function ratingAdjustment(ratingSum: number, ratedCount: number): number {
  if (ratedCount === 0) return 0;
  return Math.round((ratingSum / ratedCount - 3) * 5);
}

/** a contact's dates as local days (epochDay.ts) in the user's zone: all the core needs of time */
export interface HealthDays {
  todayDay: number;
  /** the local day of the latest interaction at or before now */
  lastDay: number | null;
  createdDay: number;
  snoozedDay: number | null;
  /** latest minus ideal interval (not a date, but what the core needs of time with them); 0 when absent */
  toleranceDays?: number;
}

/** the warning signs as bits, so a table can store and sort by them */
export const FLAG_BIT: Record<HealthFlag, number> = { cooling: 1, 'one-sided': 2, dormant: 4 };

/** The numbers of the score, without words: what the all-contacts table stores for each contact. */
export interface HealthCore {
  daysSinceLast: number | null;
  /** no interaction yet and added less than a cadence ago: no score, no flags (isNewContact) */
  isNew: boolean;
  /** null when the cadence is 0 (not tracked); then so are score, nextDay, and flags is 0 */
  parts: HealthParts | null;
  score: number | null;
  nextDay: number | null;
  /** the day the check-in becomes overdue (nextDay plus the tolerance, cadence.ts latestCheckInDay) */
  latestDay: number | null;
  /** FLAG_BIT of each warning sign that holds */
  flags: number;
}

/** The one formula: the score, the next check-in and the warning signs from the facts, on local days. */
export function healthCore(cadenceDays: number, facts: HealthFacts, windowDays: number, days: HealthDays): HealthCore {
  const C = cadenceDays;
  const daysSinceLast = days.lastDay === null ? null : days.todayDay - days.lastDay;
  const T = days.toleranceDays ?? 0;
  if (C <= 0) return { daysSinceLast, isNew: false, parts: null, score: null, nextDay: null, latestDay: null, flags: 0 };
  const checkIn = { lastInteractionDay: days.lastDay, createdDay: days.createdDay, cadenceDays: C, snoozedUntilDay: days.snoozedDay };
  const nextDay = nextCheckInDay(checkIn);
  const latestDay = latestCheckInDay({ ...checkIn, toleranceDays: T });
  if (isNewContact(C, days)) return { daysSinceLast, isNew: true, parts: null, score: null, nextDay, latestDay, flags: 0 };
  const parts: HealthParts = {
    recency: recencyScore(daysSinceLast, C, T),
    frequency: frequencyScore(facts.windowWeightTenths, C, windowDays),
    ratingAdjustment: ratingAdjustment(facts.ratingSum, facts.ratedCount),
  };
  const score = Math.min(100, Math.max(0, Math.round(0.6 * parts.recency + 0.4 * parts.frequency) + parts.ratingAdjustment));
  let flags = 0;
  if (2 * facts.windowWeightTenths < facts.previousWeightTenths) flags |= FLAG_BIT.cooling;
  if (facts.sampleCount >= ONE_SIDED_MIN_SAMPLE && 5 * facts.sampleOutbound >= 4 * facts.sampleCount) flags |= FLAG_BIT['one-sided'];
  if ((daysSinceLast ?? days.todayDay - days.createdDay) >= DORMANT_CADENCES * C + T) flags |= FLAG_BIT.dormant;
  return { daysSinceLast, isNew: false, parts, score, nextDay, latestDay, flags };
}

/** the one rule for "new": nothing logged yet and added less than one cadence ago (local days) */
export function isNewContact(cadenceDays: number, days: Pick<HealthDays, 'todayDay' | 'lastDay' | 'createdDay'>): boolean {
  return cadenceDays > 0 && days.lastDay === null && days.todayDay - days.createdDay < cadenceDays;
}

/** the band a core result falls in: the score's, "new", or none (cadence 0) */
export function bandOfCore(core: Pick<HealthCore, 'isNew' | 'score'>): HealthBand | null {
  return core.isNew ? 'new' : core.score === null ? null : bandOf(core.score);
}

/** how far ahead resultsThrough() looks; a row is looked at again after that */
export const RESULTS_HORIZON_DAYS = 3650;

/**
 * The last day on which time alone leaves the score and the warning signs as they are on
 * days.todayDay. Both only move one way as days pass (the score falls, dormancy begins), so the
 * first day they differ is found by bisection with the one formula itself.
 */
export function resultsThrough(cadenceDays: number, facts: HealthFacts, windowDays: number, days: HealthDays, today: HealthCore = healthCore(cadenceDays, facts, windowDays, days)): number {
  // untracked (cadence 0) stays so; a new contact changes when its first cadence has passed
  if (today.score === null && !today.isNew) return days.todayDay + RESULTS_HORIZON_DAYS;
  const differs = (day: number) => {
    const then = healthCore(cadenceDays, facts, windowDays, { ...days, todayDay: day });
    return then.score !== today.score || then.flags !== today.flags || then.isNew !== today.isNew;
  };
  let lo = days.todayDay; // results as today's
  let hi = days.todayDay + RESULTS_HORIZON_DAYS;
  if (!differs(hi)) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (differs(mid)) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** the contact's instants as local days in the zone */
export function healthDays(subject: HealthSubject, lastAt: number | null, windows: HealthWindows, timeZone: string): HealthDays {
  return {
    todayDay: windows.todayDay,
    lastDay: lastAt === null ? null : localEpochDay(lastAt, timeZone),
    createdDay: localEpochDay(subject.createdAt, timeZone),
    snoozedDay: subject.snoozedUntil === null ? null : localEpochDay(subject.snoozedUntil, timeZone),
    toleranceDays: subject.toleranceDays ?? 0,
  };
}

/** The score and everything said about it, from the reduced facts. */
export function healthFromFacts(subject: HealthSubject, facts: HealthFacts, windows: HealthWindows, timeZone: string, explain = true): ContactHealth {
  return healthFromCore(subject.cadenceDays, facts, windows, healthDays(subject, facts.lastAt, windows, timeZone), explain);
}

/** …the same, when the local days are already known (the all-contacts table stores them) */
export function healthFromCore(cadenceDays: number, facts: HealthFacts, windows: Pick<HealthWindows, 'windowDays'>, days: HealthDays, explain = true): ContactHealth {
  const C = cadenceDays;
  const core = healthCore(C, facts, windows.windowDays, days);
  const { daysSinceLast, parts, score } = core;
  const averageRating = facts.ratedCount ? facts.ratingSum / facts.ratedCount : null;
  const weightedCount = facts.windowWeightTenths / 10;
  // what is said of every contact, scored or not
  const checkIn = {
    toleranceDays: days.toleranceDays ?? 0,
    latestCheckIn: core.latestDay === null ? null : dateOfEpochDay(core.latestDay),
    overdue: core.latestDay !== null && core.latestDay <= days.todayDay,
  };
  const observed = { ...checkIn, cadenceDays: C, lastInteractionAt: facts.lastAt, daysSinceLast, windowDays: windows.windowDays, weightedCount, averageRating };
  if (core.isNew) {
    const addedDaysAgo = days.todayDay - days.createdDay;
    return {
      ...observed,
      score: null,
      band: 'new',
      parts: null,
      expectedCount: windows.windowDays / C,
      flags: [],
      nextCheckIn: core.nextDay === null ? null : dateOfEpochDay(core.nextDay),
      daysOverdue: core.nextDay === null ? null : days.todayDay - core.nextDay,
      explanation: explain
        ? `New: added ${addedDaysAgo === 0 ? 'today' : addedDaysAgo === 1 ? 'yesterday' : `${addedDaysAgo} days ago`}, nothing logged yet. You aim for ${cadencePhrase(C)}, so a score starts ${inDaysPhrase(C - addedDaysAgo)} if you have not talked by then.`
        : '',
    };
  }
  if (parts === null || score === null) {
    return {
      ...observed,
      score: null,
      band: null,
      parts: null,
      expectedCount: 0,
      flags: [],
      nextCheckIn: null,
      daysOverdue: null,
      explanation: explain ? `${lastTalkedSentence(daysSinceLast)} You chose not to be reminded about this relationship.` : '',
    };
  }
  const expectedCount = windows.windowDays / C;
  const flags = flagDetails(core.flags, facts, C, windows.windowDays, daysSinceLast, days.todayDay - days.createdDay);
  let explanation = !explain ? '' : `${talkedInWindow(facts.windowCount, windows.windowDays, daysSinceLast)}; you aim for ${rhythmPhrase(C, days.toleranceDays ?? 0)}.`;
  if (explain && parts.ratingAdjustment !== 0 && averageRating !== null)
    explanation += ` Your last rated conversations went ${averageRating > 3 ? 'well' : 'badly'} (${formatCount(averageRating)} of 5 on average).`;
  return {
    ...observed,
    score,
    band: bandOf(score),
    parts,
    expectedCount,
    flags,
    nextCheckIn: core.nextDay === null ? null : dateOfEpochDay(core.nextDay),
    daysOverdue: core.nextDay === null ? null : days.todayDay - core.nextDay,
    explanation,
  };
}

/** the reasons, in words, for the flags healthCore found */
function flagDetails(bits: number, facts: HealthFacts, C: number, windowDays: number, daysSinceLast: number | null, daysSinceAdded: number): HealthFlagDetail[] {
  const flags: HealthFlagDetail[] = [];
  if (bits & FLAG_BIT.cooling)
    flags.push({
      flag: 'cooling',
      reason: `You are in touch less than half as much as before: ${talkedCount(facts.windowCount)} in the last ${spanPhrase(windowDays)}, against more in the ${spanPhrase(windowDays)} before.`,
    });
  if (bits & FLAG_BIT['one-sided']) flags.push({ flag: 'one-sided', reason: `You started ${facts.sampleOutbound} of the last ${facts.sampleCount} interactions.` });
  if (bits & FLAG_BIT.dormant) {
    const quietDays = daysSinceLast ?? daysSinceAdded;
    flags.push({
      flag: 'dormant',
      reason:
        daysSinceLast === null
          ? `Nothing logged since you added them ${spanPhrase(quietDays)} ago; you aim for ${cadencePhrase(C)}.`
          : `You have not talked for ${spanPhrase(quietDays)}; you aim for ${cadencePhrase(C)}.`,
    });
  }
  return flags;
}

/** the health of one contact from its interactions (any order; later than now is ignored) */
export function computeHealth(subject: HealthSubject, interactions: readonly HealthInteraction[], now: number, timeZone: string): ContactHealth {
  const windows = healthWindows(subject.cadenceDays, now, timeZone);
  return healthFromFacts(subject, factsFromInteractions(interactions, windows, now), windows, timeZone);
}

/** The score as of the end of each of the last `weeks` weeks (oldest first, the last one is now). */
export function weeklyScores(subject: HealthSubject, interactions: readonly HealthInteraction[], now: number, timeZone: string, weeks = 12): Array<{ date: string; score: number | null }> {
  const out: Array<{ date: string; score: number | null }> = [];
  for (let k = weeks - 1; k >= 0; k--) {
    const at = now - k * 7 * 86_400_000;
    // before the contact existed there was nothing to score
    out.push({ date: localDateOf(at, timeZone), score: at < subject.createdAt ? null : computeHealth(subject, interactions, at, timeZone).score });
  }
  return out;
}

function lastTalkedSentence(days: number | null): string {
  if (days === null) return 'No interactions logged yet.';
  if (days === 0) return 'Last talked today.';
  if (days === 1) return 'Last talked yesterday.';
  return `Last talked ${spanPhrase(days)} ago.`;
}

/** "You've talked once in the last 3 months (last time 12 days ago)" */
function talkedInWindow(count: number, windowDays: number, daysSinceLast: number | null): string {
  const span = spanPhrase(windowDays);
  if (daysSinceLast === null) return 'You have not talked yet';
  const last = daysSinceLast === 0 ? 'today' : daysSinceLast === 1 ? 'yesterday' : `${spanPhrase(daysSinceLast)} ago`;
  if (count === 0) return `You haven't talked in the last ${span} (last time ${last})`;
  return `You've talked ${talkedCount(count)} in the last ${span} (last time ${last})`;
}

/** 1 -> "once", 2 -> "twice", 5 -> "5 times" */
function talkedCount(n: number): string {
  return n === 0 ? 'not at all' : n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** a cadence in words: 7 -> "every week", 14 -> "every 2 weeks", 30 -> "every month", 10 -> "every 10 days" */
/** the rhythm in words: "every 4 weeks", or with a tolerance "every 4 weeks, at worst every 6 weeks" */
export function rhythmPhrase(days: number, toleranceDays: number): string {
  return toleranceDays > 0 ? `${cadencePhrase(days)}, at worst ${cadencePhrase(days + toleranceDays)}` : cadencePhrase(days);
}

export function cadencePhrase(days: number): string {
  if (days === 1) return 'every day';
  if (days % 365 === 0) return days === 365 ? 'every year' : `every ${days / 365} years`;
  if (days % 30 === 0) return days === 30 ? 'every month' : `every ${days / 30} months`;
  if (days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return `every ${days} days`;
}

/** a span of days in the largest whole unit that reads naturally: 90 -> "3 months", 14 -> "2 weeks", 45 -> "45 days" */
export function spanPhrase(days: number): string {
  if (days >= 365 && days % 365 === 0) return plural(days / 365, 'year');
  if (days >= 60 && days % 30 === 0) return plural(days / 30, 'month');
  if (days >= 14 && days < 60 && days % 7 === 0) return plural(days / 7, 'week');
  if (days >= 365) return days < 730 ? 'over a year' : `over ${Math.floor(days / 365)} years`;
  if (days >= 60) return `over ${Math.floor(days / 30)} months`;
  return plural(days, 'day');
}

function inDaysPhrase(n: number): string {
  return n <= 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${plural(n, 'day')}`;
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** 2 -> "2", 1.2 -> "1.2", 1.25 -> "1.3" */
export function formatCount(n: number): string {
  return String(Math.round(n * 10) / 10);
}
