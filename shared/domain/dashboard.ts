// What the dashboard and the portfolio say, and the small date rules they need (yearly dates,
// client concentration). Pure: no clock, no database.
import type { Importance } from './contact';
import type { ContactHealth, HealthBand, HealthFlag, HealthFlagDetail } from './health';
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
  /** contacts showing each warning sign (the portfolio's "dormant now" is the same count) */
  flagged: Record<HealthFlag, number>;
  /**
   * Null: every figure is today's. Otherwise the health scores are still being worked out in the
   * background (the day's first open of a big file, the first after a big import) and the health
   * figures are the stored ones, from `asOf` (a local date; null: none stored yet, so they are
   * empty): the page shows that and asks again. The coming-up list and contactCount are current.
   */
  updating: { asOf: string | null } | null;
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
  /** invoiced and paid within the last 12 months */
  amountMinor: number;
  paidMinor: number;
  /** invoiced and not yet paid, at any time */
  outstandingMinor: number;
  /** of the currency's 12-month total */
  share: number;
  /** archived clients keep the income they brought in every figure */
  archived: boolean;
}

/** the clients of one currency: amounts are never summed across currencies */
export interface CurrencyClients {
  currency: string;
  totalMinor: number;
  outstandingMinor: number;
  clientCount: number;
  /** the largest CLIENTS_SHOWN clients */
  clients: ClientValue[];
  /** everyone after them, as one line */
  others: { count: number; amountMinor: number; outstandingMinor: number; share: number } | null;
  /** the client bringing more than half of the value, if any */
  overReliance: { contactId: string; displayName: string; share: number } | null;
}

export interface ClientValueReport {
  /** the currency with the most value first */
  currencies: CurrencyClients[];
}

/** the dashboard's Clients card names this many clients per currency; the rest are "others" */
export const CLIENTS_SHOWN = 10;

export const CLIENT_SORTS = ['amount', 'name', 'outstanding'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** one client's sums in one currency, as the database returns them */
export interface ClientSums {
  contactId: string;
  displayName: string;
  currency: string;
  amountMinor: number;
  paidMinor: number;
  outstandingMinor: number;
  archived: boolean;
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
    /** every contact dormant today: the same count as the dashboard's dormant warning signs */
    dormantNow: number;
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

export const emptyBands = (): Record<HealthBand, number> => ({ thriving: 0, steady: 0, cooling: 0, 'at-risk': 0, new: 0 });

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

const byClientName = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;

/** every client of one currency with their share, in the order asked (ties by name) */
export function clientsOfCurrency(rows: readonly ClientSums[], currency: string, sort: ClientSort = 'amount', descending = sort !== 'name'): ClientValue[] {
  const mine = rows.filter((r) => r.currency === currency);
  const total = mine.reduce((n, r) => n + r.amountMinor, 0);
  const key = { amount: (c: ClientValue) => c.amountMinor, outstanding: (c: ClientValue) => c.outstandingMinor, name: () => 0 }[sort];
  const sign = descending ? -1 : 1;
  return mine
    .map(({ currency: _, ...r }) => ({ ...r, share: total > 0 ? r.amountMinor / total : 0 }))
    .sort((a, b) => sign * (key(a) - key(b)) || (sort === 'name' ? sign : 1) * byClientName(a.displayName, b.displayName) || (a.contactId < b.contactId ? -1 : 1));
}

/** per currency: value per client, their shares, the top CLIENTS_SHOWN and the others, and the over-reliance warning */
export function clientConcentration(rows: readonly ClientSums[], shown = CLIENTS_SHOWN): ClientValueReport {
  const byCurrency = new Map<string, number>();
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.amountMinor);
  const ranked = [...byCurrency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    currencies: ranked.map(([currency, totalMinor]) => {
      const clients = clientsOfCurrency(rows, currency);
      const rest = clients.slice(shown);
      const top = clients[0];
      return {
        currency,
        totalMinor,
        outstandingMinor: clients.reduce((n, c) => n + c.outstandingMinor, 0),
        clientCount: clients.length,
        clients: clients.slice(0, shown),
        others:
          rest.length === 0
            ? null
            : {
                count: rest.length,
                amountMinor: rest.reduce((n, c) => n + c.amountMinor, 0),
                outstandingMinor: rest.reduce((n, c) => n + c.outstandingMinor, 0),
                share: rest.reduce((n, c) => n + c.share, 0),
              },
        overReliance: top && top.share > OVER_RELIANCE_SHARE ? { contactId: top.contactId, displayName: top.displayName, share: top.share } : null,
      };
    }),
  };
}
