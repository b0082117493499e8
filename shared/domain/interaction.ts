// What the API says about an interaction.

export const INTERACTION_KINDS = ['call', 'video', 'meeting', 'message', 'email', 'social', 'other'] as const;
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
