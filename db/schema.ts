// Kysely's view of the database: one interface per table, matching db/migrations.
// Instants are INTEGER milliseconds since the epoch (UTC); calendar dates are TEXT 'YYYY-MM-DD'
// and wall-clock times TEXT 'HH:mm', both in the user's zone (floating: they follow the user).
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { InteractionKind } from '../shared/domain/interaction';

export interface CircleTable {
  id: string;
  name: string;
  color: string;
  default_cadence_days: number;
  /** the latest interval of that cadence (migration 0022); null = the cadence itself */
  default_cadence_latest_days: number | null;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

export interface ContactTable {
  id: string;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  company: string | null;
  title: string | null;
  circle_id: string | null;
  importance: 'inner' | 'regular' | 'outer';
  birthday_month: number | null;
  birthday_day: number | null;
  birthday_year: number | null;
  how_met: string | null;
  introduced_by_id: string | null;
  notes: string;
  /** null = inherit the circle's default; 0 = never remind */
  cadence_days: number | null;
  /** "at worst every N days": overdue only from then (migration 0022); null = the cadence itself */
  cadence_latest_days: number | null;
  /** a snoozed check-in is not due before this instant */
  checkin_snoozed_until: number | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  /** the newest interaction's instant, kept in step by triggers (migration 0005) */
  last_interaction_at: number | null;
  /** the oldest interaction's instant, kept in step by triggers (migration 0007) */
  first_interaction_at: number | null;
}

export interface ContactPhotoTable {
  contact_id: string;
  mime: string;
  data: Buffer;
  updated_at: number;
}

/** a photo's 64 px thumbnail for lists (migration 0026); empty data: none could be made */
export interface ContactThumbnailTable {
  contact_id: string;
  data: Buffer;
}

/** photos whose thumbnail is still to be made */
export interface ThumbnailDirtyTable {
  contact_id: string;
}

export interface ContactMethodTable {
  id: string;
  contact_id: string;
  kind: 'email' | 'phone' | 'address' | 'website' | 'social';
  label: string | null;
  value: string;
  /** lower-cased email, E.164 phone (digits as typed when it does not parse), …: what duplicates and search match on */
  value_normalized: string;
  is_primary: number;
  sort_order: number;
  /** an address's parts as JSON (shared/domain/address.ts PostalAddress); null: all of `value` is the street */
  address_parts: string | null;
}

export interface ContactDateTable {
  id: string;
  contact_id: string;
  label: string;
  month: number;
  day: number;
  year: number | null;
}

export interface TagTable {
  id: string;
  name: string;
  color: string | null;
  created_at: number;
  /** "check in every N days" for everyone with the tag (migration 0022) */
  cadence_days: number | null;
  cadence_latest_days: number | null;
}

export interface ContactTagTable {
  contact_id: string;
  tag_id: string;
}

export interface RelationshipTable {
  id: string;
  /** for 'parent', from is the parent of to; every other kind reads the same both ways */
  from_contact_id: string;
  to_contact_id: string;
  kind: 'partner' | 'parent' | 'sibling' | 'colleague' | 'friend' | 'introduced' | 'custom';
  /** for 'custom': the user's role (from is its name of to); null for the built-in kinds */
  role_id: string | null;
  created_at: number;
}

/** a role the user defined: "godparent" with its inverse "godchild"; inverse null when it reads the same both ways */
export interface RelationshipRoleTable {
  id: string;
  name: string;
  inverse_name: string | null;
  created_at: number;
}

export interface InteractionTable {
  id: string;
  occurred_at: number;
  kind: InteractionKind;
  direction: 'outbound' | 'inbound' | 'mutual';
  duration_minutes: number | null;
  rating: number | null;
  summary: string;
  notes: string;
  created_at: number;
  updated_at: number;
}

/** who took part; occurred_at/kind/direction/rating are copied here so per-contact health
 *  reads one covering index instead of joining every interaction */
export interface InteractionParticipantTable {
  interaction_id: string;
  contact_id: string;
  occurred_at: number;
  kind: InteractionTable['kind'];
  direction: InteractionTable['direction'];
  rating: number | null;
}

export interface ReminderTable {
  id: string;
  contact_id: string | null;
  title: string;
  notes: string;
  due_date: string;
  due_time: string | null;
  recurrence_unit: 'none' | 'day' | 'week' | 'month' | 'year';
  recurrence_interval: number;
  status: 'open' | 'done' | 'dismissed';
  snoozed_until: number | null;
  last_notified_at: number | null;
  completed_at: number | null;
  /** manual, or the automatic source it was generated from */
  source: 'manual' | 'birthday' | 'anniversary' | 'checkin';
  source_key: string | null;
  created_at: number;
  updated_at: number;
  /** first occurrence of a repeating series; occurrences are counted from it (null: due_date) */
  anchor_date: string | null;
  /** rings this many days before due_date (birthdays, anniversaries); 0 for the user's own */
  lead_days: number;
  /** a done/dismissed record of one occurrence points at its repeating series */
  series_id: string | null;
}

export interface ValueEntryTable {
  id: string;
  contact_id: string;
  occurred_on: string;
  amount_minor: number;
  currency: string;
  kind: 'invoiced' | 'paid';
  note: string;
  created_at: number;
  /** the version (migration 0017); rows written without it start at 0 */
  updated_at: ColumnType<number, number | undefined, number>;
}

/** per-contact health facts for one local day and zone; see db/migrations/0003 */
/** every active contact's health facts and results (migration 0006, db/queries/health.ts) */
export interface ContactHealthTable {
  contact_id: string;
  name_key: string;
  importance: 'inner' | 'regular' | 'outer';
  circle_id: string | null;
  created_at: number;
  snoozed_until: number | null;
  cadence: number;
  last_at: number | null;
  win_weight: number;
  win_count: number;
  prev_weight: number;
  sample_count: number;
  sample_outbound: number;
  rated_count: number;
  rating_sum: number;
  valid_until: number;
  last_day: number | null;
  created_day: number;
  snoozed_day: number | null;
  score: number | null;
  band: string | null;
  next_day: number | null;
  flags: number;
  flag_count: number;
  /** latest minus ideal interval of the winning rhythm (0022) */
  tolerance: number;
  /** the day the check-in becomes overdue (0022); null when the cadence is 0 */
  latest_day: number | null;
}

export interface HealthDirtyTable {
  contact_id: string;
}

export interface HealthMetaTable {
  id: number;
  zone: string;
  day: number;
  computed_at: number;
}

/** while a day's slide of the health windows is under way, the day each cadence's were slid to (migration 0036) */
export interface HealthSlidesTable {
  cadence: number;
  day: number;
}

/** generated reminders that may no longer match their contact (migration 0008) */
export interface ReminderSyncDirtyTable {
  source_key: string;
}

/** the full sync the generated reminders are in step with (migration 0008) */
export interface ReminderSyncStateTable {
  id: number;
  version: number;
  lead_days: number;
  synced_at: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** consecutive interactions of an active contact further apart than its dormancy window (migration 0007) */
export interface InteractionGapTable {
  contact_id: string;
  after_at: number;
  before_at: number;
  /** dormant from here until before_at: the window has passed since after_at and since the contact was added */
  dormant_from: number;
}

/** personal facts, ordered per contact (migration 0016) */
export interface ContactFactTable {
  id: string;
  contact_id: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'link';
  value: string;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

/** things to bring up next time; done_at set when ticked off (migration 0016) */
export interface NextTopicTable {
  id: string;
  contact_id: string;
  text: string;
  created_at: number;
  done_at: number | null;
  done_interaction_id: string | null;
}

/** dated events on a person's timeline (migration 0016) */
export interface LifeEventTable {
  id: string;
  contact_id: string;
  kind: 'new_job' | 'moved' | 'married' | 'baby' | 'graduated' | 'loss' | 'custom';
  title: string;
  occurred_on: string;
  note: string;
  followup_reminder_id: string | null;
  yearly_reminder_id: string | null;
  created_at: number;
  updated_at: number;
}

/** gift ideas and gifts given or received (migration 0016) */
export interface GiftTable {
  id: string;
  contact_id: string;
  status: 'idea' | 'given' | 'received';
  title: string;
  url: string | null;
  price_minor: number | null;
  currency: string | null;
  occasion: string | null;
  on_date: string | null;
  note: string;
  created_at: number;
  updated_at: number;
}

/** a file on a contact or an interaction (migration 0025); the bytes are in attachment_blobs */
export interface AttachmentTable {
  id: string;
  contact_id: string | null;
  interaction_id: string | null;
  name: string;
  media_type: string;
  sha256: string;
  size: number;
  created_at: number;
  updated_at: number;
  /** set by a delete; purged after the undo window */
  deleted_at: number | null;
}

/** the bytes of attachments, once per content (migration 0025) */
export interface AttachmentBlobTable {
  sha256: string;
  size: number;
  data: Buffer;
}

/** personal money lent to or borrowed from a contact (migration 0016) */
export interface MoneyLoanTable {
  id: string;
  contact_id: string;
  direction: 'lent' | 'borrowed';
  amount_minor: number;
  currency: string;
  occurred_on: string;
  note: string;
  settled_on: string | null;
  created_at: number;
  updated_at: number;
}

/** a pair of contacts the user said are different people; contact_a < contact_b (migration 0009) */
export interface DuplicateDismissalTable {
  contact_a: string;
  contact_b: string;
  created_at: number;
}

/** what one merge changed, for its Undo (migration 0009); snapshot is JSON (electron/services/merge.ts) */
export interface MergeUndoTable {
  id: string;
  created_at: number;
  survivor_id: string;
  merged_ids: string;
  snapshot: string;
}

/** what a bulk change overwrote, for its Undo (migration 0010) */
export interface BulkUndoTable {
  id: string;
  created_at: number;
  summary: string;
  /** JSON: BulkUndoPayload (electron/services/bulk.ts) */
  payload: string;
}

/** how many contacts per archived state (0/1) and circle ('' for none), kept by triggers (migration 0033) */
export interface ContactCountTable {
  archived: number;
  circle_key: string;
  n: number;
}

/** the folded starts of names for one- and two-letter searches (migration 0033, shared/domain/search.ts namePrefixes) */
export interface SearchNamePrefixTable {
  prefix: string;
  tier: number;
  name_key: string;
  key: number;
}

export interface DB {
  circles: CircleTable;
  contacts: ContactTable;
  contact_photos: ContactPhotoTable;
  contact_thumbnails: ContactThumbnailTable;
  thumbnail_dirty: ThumbnailDirtyTable;
  contact_methods: ContactMethodTable;
  contact_dates: ContactDateTable;
  tags: TagTable;
  contact_tags: ContactTagTable;
  relationships: RelationshipTable;
  relationship_roles: RelationshipRoleTable;
  interactions: InteractionTable;
  interaction_participants: InteractionParticipantTable;
  reminders: ReminderTable;
  value_entries: ValueEntryTable;
  settings: SettingTable;
  contact_health: ContactHealthTable;
  contact_counts: ContactCountTable;
  search_name_prefixes: SearchNamePrefixTable;
  health_dirty: HealthDirtyTable;
  health_meta: HealthMetaTable;
  health_slides: HealthSlidesTable;
  interaction_gaps: InteractionGapTable;
  reminder_sync_dirty: ReminderSyncDirtyTable;
  reminder_sync_state: ReminderSyncStateTable;
  contact_facts: ContactFactTable;
  next_topics: NextTopicTable;
  life_events: LifeEventTable;
  gifts: GiftTable;
  money_loans: MoneyLoanTable;
  attachments: AttachmentTable;
  attachment_blobs: AttachmentBlobTable;
  duplicate_dismissals: DuplicateDismissalTable;
  merge_undo: MergeUndoTable;
  bulk_undo: BulkUndoTable;
  sync_accounts: SyncAccountTable;
  sync_collections: SyncCollectionTable;
  sync_items: SyncItemTable;
  sync_conflicts: SyncConflictTable;
  sync_problems: SyncProblemTable;
  sync_contact_changes: SyncContactChangeTable;
  sync_item_changes: SyncItemChangeTable;
}

/** CardDAV/CalDAV sync (migration 0011, docs/sync.md) */
export type SyncKind = 'contacts' | 'tasks' | 'journal';

export interface SyncAccountTable {
  id: string;
  name: string;
  server_url: string;
  username: string;
  last_sync_at: number | null;
  last_error: string | null;
  created_at: number;
}

export interface SyncCollectionTable {
  account_id: string;
  kind: SyncKind;
  url: string;
  name: string;
  vcard_version: '3.0' | '4.0' | null;
  sync_token: string | null;
}

export interface SyncItemTable {
  account_id: string;
  kind: SyncKind;
  item_id: string;
  href: string;
  etag: string | null;
  local_hash: string;
  remote_hash: string;
  /** the card both sides last agreed on */
  base: string;
  deletion: 'asked' | 'confirmed' | null;
  /** when this row was last written */
  synced_at: number;
  /** the contact's change number (sync_contact_changes) when both sides last agreed (migration 0020) */
  local_seq: number;
  /** the contact a merged-away contact went into; its card waits for the user's confirmation */
  merged_into: string | null;
}

/** per contact, the number of its newest change while an address book is synced (migration 0020) */
export interface SyncContactChangeTable {
  contact_id: string;
  seq: number;
}

/** a reminder or interaction changed in Kith since it last agreed with this account's collection (migration 0029) */
export interface SyncItemChangeTable {
  account_id: string;
  kind: 'tasks' | 'journal';
  item_id: string;
  seq: number;
}

export interface SyncConflictTable {
  id: string;
  account_id: string;
  kind: SyncKind;
  item_id: string;
  href: string;
  remote_etag: string | null;
  remote_card: string;
  /** JSON: the fields that could not be merged, with base, local and remote values */
  fields: string;
  created_at: number;
}

export interface SyncProblemTable {
  account_id: string;
  href: string;
  reason: string;
  seen_at: number;
}

export type ContactRow = Selectable<ContactTable>;
export type NewContactRow = Insertable<ContactTable>;
export type ContactUpdate = Updateable<ContactTable>;
export type CircleRow = Selectable<CircleTable>;
export type InteractionRow = Selectable<InteractionTable>;
export type ReminderRow = Selectable<ReminderTable>;
