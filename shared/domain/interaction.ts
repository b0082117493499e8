// What the API says about an interaction.

/**
 * The kinds of interaction, one list: the contract, the quick-log dialog, the labels, health's
 * weights, sync (VJOURNAL X-KITH-KIND) and the exports read it. The database's CHECK is a frozen
 * copy (migration 0032); a kind added here needs a migration too (interaction-kinds.test.ts says so).
 */
export const INTERACTION_KINDS = ['call', 'video', 'meeting', 'coffee', 'message', 'email', 'social', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** outbound = I reached out; inbound = they reached out; mutual = both / nobody in particular */
export const DIRECTIONS = ['outbound', 'inbound', 'mutual'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface ParticipantRef {
  id: string;
  displayName: string;
}

export interface Interaction {
  id: string;
  occurredAt: number;
  kind: InteractionKind;
  direction: Direction;
  durationMinutes: number | null;
  /** how it went, 1 (badly) to 5 (very well) */
  rating: number | null;
  summary: string;
  notes: string;
  participants: ParticipantRef[];
  createdAt: number;
  updatedAt: number;
}
