// Life events: dated moments in a person's life (a new job, a move, a wedding, a baby), shown on
// their timeline among the interactions, each able to leave a follow-up and a yearly reminder.

export const LIFE_EVENT_KINDS = ['new_job', 'moved', 'married', 'baby', 'graduated', 'loss', 'custom'] as const;
export type LifeEventKind = (typeof LIFE_EVENT_KINDS)[number];

export interface LifeEvent {
  id: string;
  contactId: string;
  kind: LifeEventKind;
  title: string;
  /** local date 'YYYY-MM-DD' */
  occurredOn: string;
  note: string;
  followUpReminderId: string | null;
  yearlyReminderId: string | null;
  createdAt: number;
  updatedAt: number;
}

export const LIFE_EVENT_LABELS: Record<LifeEventKind, string> = {
  new_job: 'New job',
  moved: 'Moved',
  married: 'Married',
  baby: 'Baby',
  graduated: 'Graduated',
  loss: 'Loss',
  custom: 'Other event',
};

/**
 * What the form suggests for each kind: a follow-up to ask about it after a while, and whether a
 * yearly reminder fits (an anniversary, a child's birthday). The user may change either.
 */
export const LIFE_EVENT_DEFAULTS: Record<LifeEventKind, { followUp: string | null; followUpDays: number; yearly: boolean }> = {
  new_job: { followUp: 'Ask how the new job is going', followUpDays: 30, yearly: false },
  moved: { followUp: 'Ask how the new place is', followUpDays: 30, yearly: false },
  married: { followUp: null, followUpDays: 30, yearly: true },
  baby: { followUp: 'Ask how the baby is doing', followUpDays: 14, yearly: true },
  graduated: { followUp: 'Ask what comes after graduating', followUpDays: 30, yearly: false },
  loss: { followUp: 'Check in on how they are doing', followUpDays: 14, yearly: false },
  custom: { followUp: null, followUpDays: 30, yearly: false },
};

/** the yearly reminder's title: "Ada's wedding anniversary" */
export function yearlyTitle(kind: LifeEventKind, title: string, name: string): string {
  if (kind === 'married') return `${name}’s wedding anniversary`;
  if (kind === 'baby') return `Birthday: ${title} (${name})`;
  return `${title} (${name}): anniversary`;
}

/** where an event sits among interactions: at the start of its local day */
export type TimelineRow<I> = { kind: 'interaction'; interaction: I } | { kind: 'event'; event: LifeEvent };

/**
 * Interactions (newest first, one page at a time) and life events merged newest first. An event
 * older than the oldest loaded interaction waits for the next page unless there is none.
 */
export function interleaveLifeEvents<I extends { occurredAt: number }>(interactions: I[], events: LifeEvent[], morePages: boolean, localDateOf: (ms: number) => string): TimelineRow<I>[] {
  const sorted = [...events].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.createdAt - a.createdAt);
  const rows: TimelineRow<I>[] = [];
  let e = 0;
  for (const i of interactions) {
    const day = localDateOf(i.occurredAt);
    // an event on the same day as an interaction comes after it (the day's start)
    while (e < sorted.length && sorted[e]!.occurredOn > day) rows.push({ kind: 'event', event: sorted[e++]! });
    rows.push({ kind: 'interaction', interaction: i });
  }
  const oldest = interactions.length ? localDateOf(interactions[interactions.length - 1]!.occurredAt) : null;
  while (e < sorted.length && (!morePages || oldest === null || sorted[e]!.occurredOn >= oldest)) rows.push({ kind: 'event', event: sorted[e++]! });
  return rows;
}
