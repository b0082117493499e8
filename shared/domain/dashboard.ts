// What the dashboard and the portfolio say, and the small date rules they need (yearly dates,
// client concentration). Pure: no clock, no database.
import type { Importance } from './contact';
import type { ContactHealth, HealthBand, HealthFlagDetail } from './health';
import { epochDayOf } from './epochDay';
import { occurrenceOnOrAfter } from './recurrence';

export interface FollowUp {
  contactId: string;
  displayName: string;
  importance: Importance;
  circleId: string | null;
  nextCheckIn: string;
  daysOverdue: number;
  /** followUpPriority(daysOverdue, importance): the list's order */
  priority: number;
  lastInteractionAt: number | null;
  /** local days since the last interaction; null = never */
  daysSinceLast: number | null;
  score: number | null;
  band: HealthBand | null;
}

export type UpcomingKind = 'birthday' | 'anniversary' | 'reminder' | 'checkin';

export interface UpcomingItem {
  kind: UpcomingKind;
  /** local date it falls on */
  date: string;
  /** 0 = today */
  daysAway: number;
  contactId: string | null;
  displayName: string | null;
  /** "Birthday", the date's label, the reminder's title, "Check-in" */
  title: string;
  /** the age they turn / the years it marks, when the year is known */
  turns: number | null;
  reminderId: string | null;
  dueTime: string | null;
}

export interface AttentionItem {
  contactId: string;
  displayName: string;
  score: number | null;
  band: HealthBand | null;
  flags: HealthFlagDetail[];
}

export interface Dashboard {
  today: string;
  contactCount: number;
  /** contacts with a cadence (a score) */
  trackedCount: number;
  bands: Record<HealthBand, number>;
  overdue: { items: FollowUp[]; total: number };
  comingUp: UpcomingItem[];
  attention: { items: AttentionItem[]; total: number };
}

export interface CircleHealth {
  circleId: string | null;
  name: string;
  color: string;
  bands: Record<HealthBand, number>;
  untracked: number;
}

export interface RetentionPoint {
  /** the local date this point is "as of" */
  date: string;
  alive: number;
  dormant: number;
}

export interface ClientValue {
  contactId: string;
  displayName: string;
  amountMinor: number;
  paidMinor: number;
  share: number;
}

export interface ClientValueReport {
  /** the currency most of the value is in (shares are computed within it); null with no entries */
  currency: string | null;
  totalMinor: number;
  clients: ClientValue[];
  /** the client bringing more than half of the value, if any */
  overReliance: { contactId: string; displayName: string; share: number } | null;
  /** other currencies, totalled separately (no exchange rates in a local app) */
  otherCurrencies: Array<{ currency: string; totalMinor: number }>;
}

export interface Portfolio {
  circles: CircleHealth[];
  retention: {
    points: RetentionPoint[];
    /** alive a year ago */
    aliveYearAgo: number;
    /** …and still alive now */
    kept: number;
    /** …and dormant now */
    churned: number;
  };
  averageDurationDays: number | null;
  weekly: Array<{ weekEnding: string; count: number }>;
  clients: ClientValueReport;
}

/** the report the contact page shows */
export interface ContactHealthReport {
  health: ContactHealth;
  /** the score as of the end of each of the last 12 weeks, oldest first */
  weekly: Array<{ date: string; score: number | null }>;
}

/** over-reliance: one client bringing more than this share of the value */
export const OVER_RELIANCE_SHARE = 0.5;

export const emptyBands = (): Record<HealthBand, number> => ({ thriving: 0, steady: 0, cooling: 0, 'at-risk': 0 });

/**
 * The next time a yearly date (birthday, anniversary) falls on or after `today`. 29 February is kept
 * on 28 February in years without it.
 */
export function nextYearlyDate(month: number, day: number, today: string): string {
  // the reminders' yearly rule, anchored in a leap year so that 29 February exists
  const anchor = `2000-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return occurrenceOnOrAfter(anchor, { unit: 'year', interval: 1 }, today)!;
}

/** yearly dates falling within `days` days from today (today included), with the years they mark */
export function upcomingYearly(month: number, day: number, year: number | null, today: string, days: number): { date: string; daysAway: number; turns: number | null } | null {
  const date = nextYearlyDate(month, day, today);
  const daysAway = epochDayOf(date) - epochDayOf(today);
  if (daysAway > days) return null;
  const turns = year === null ? null : Number(date.slice(0, 4)) - year;
  return { date, daysAway, turns: turns !== null && turns > 0 ? turns : null };
}

/** value per client within the main currency, their shares, and the over-reliance warning */
export function clientConcentration(rows: Array<{ contactId: string; displayName: string; currency: string; amountMinor: number; paidMinor: number }>): ClientValueReport {
  const byCurrency = new Map<string, number>();
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.amountMinor);
  const ranked = [...byCurrency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const main = ranked[0];
  if (!main) return { currency: null, totalMinor: 0, clients: [], overReliance: null, otherCurrencies: [] };
  const [currency, totalMinor] = main;
  const clients = rows
    .filter((r) => r.currency === currency)
    .map((r) => ({ contactId: r.contactId, displayName: r.displayName, amountMinor: r.amountMinor, paidMinor: r.paidMinor, share: totalMinor > 0 ? r.amountMinor / totalMinor : 0 }))
    .sort((a, b) => b.amountMinor - a.amountMinor || a.displayName.localeCompare(b.displayName));
  const top = clients[0];
  return {
    currency,
    totalMinor,
    clients,
    overReliance: top && top.share > OVER_RELIANCE_SHARE ? { contactId: top.contactId, displayName: top.displayName, share: top.share } : null,
    otherCurrencies: ranked.slice(1).map(([c, t]) => ({ currency: c, totalMinor: t })),
  };
}
