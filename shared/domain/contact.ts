// What the API says about a contact.

export const IMPORTANCE = ['inner', 'regular', 'outer'] as const;
export type Importance = (typeof IMPORTANCE)[number];

export const METHOD_KINDS = ['email', 'phone', 'address', 'website', 'social'] as const;
export type MethodKindName = (typeof METHOD_KINDS)[number];

export interface MonthDay {
  month: number;
  day: number;
  year: number | null;
}

export interface ContactMethod {
  id: string;
  kind: MethodKindName;
  label: string | null;
  value: string;
  isPrimary: boolean;
}

export interface ImportantDate {
  id: string;
  label: string;
  month: number;
  day: number;
  year: number | null;
}

export interface Contact {
  id: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  company: string | null;
  title: string | null;
  circleId: string | null;
  importance: Importance;
  birthday: MonthDay | null;
  howMet: string | null;
  introducedById: string | null;
  /** the contact named by introducedById, for display (null when none) */
  introducedBy: { id: string; displayName: string } | null;
  notes: string;
  /** null = the circle's default; 0 = never remind */
  cadenceDays: number | null;
  /** with the own cadence: overdue only after this many days; null = the cadence itself */
  cadenceLatestDays?: number | null;
  /** the cadence that applies (cadence.ts effectiveRhythm); 0 = never */
  effectiveCadenceDays: number;
  /** the rhythm that applies and where it comes from (the tag or circle by name) */
  rhythm?: { days: number; latestDays: number; source: 'contact' | 'tag' | 'circle' | 'default'; sourceName: string | null };
  methods: ContactMethod[];
  dates: ImportantDate[];
  tags: string[];
  /** data: URL of the downscaled photo, or null */
  photo: string | null;
  /** the newest interaction with them, or null */
  lastInteractionAt: number | null;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}

/** One row of the contacts list: what the list shows, nothing more. */
export interface ContactSummary {
  id: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  company: string | null;
  title: string | null;
  circleId: string | null;
  importance: Importance;
  primaryEmail: string | null;
  /** the primary phone as stored, only when there is no email (the list shows it in the user’s format) */
  primaryPhone: string | null;
  tags: string[];
  lastInteractionAt: number | null;
  archivedAt: number | null;
}

/** One search hit: enough to show and open it. */
export interface ContactSearchHit {
  id: string;
  displayName: string;
  company: string | null;
  title: string | null;
  circleId: string | null;
  archivedAt: number | null;
  /** which part matched, and a short excerpt with the match between \u0002 and \u0003 when not the name */
  matchedIn: 'name' | 'company' | 'methods' | 'tags' | 'notes' | 'howMet' | 'facts' | 'interactions' | 'attachments';
  excerpt: string | null;
  /** found by a name one typo away from the query ("Anan" for Anna) */
  typo: boolean;
}

export interface Tag {
  id: string;
  name: string;
  color: string | null;
  contactCount: number;
  /** "check in every N days" for everyone with this tag (cadence.ts effectiveRhythm); null = none */
  cadenceDays: number | null;
  cadenceLatestDays: number | null;
}

export interface Circle {
  id: string;
  name: string;
  color: string;
  defaultCadenceDays: number;
  /** the latest interval with that cadence; null = the cadence itself */
  defaultCadenceLatestDays?: number | null;
  sortOrder: number;
  contactCount: number;
  /** the version: an update sends the one it edits (a changed one is refused as `stale`) */
  updatedAt: number;
}
