// What the API says about CardDAV/CalDAV sync (docs/sync.md).

export interface SyncAddressBook {
  url: string;
  name: string;
  vcardVersion: '3.0' | '4.0';
}

/** why a connection test failed, in words the Settings screen shows as they are */
export type SyncConnectionProblem = 'wrong_password' | 'no_address_book' | 'tls' | 'offline' | 'timeout' | 'server_error' | 'not_dav' | 'bad_address';

export type SyncConnectionTest =
  | { ok: true; addressBooks: SyncAddressBook[] }
  | { ok: false; problem: SyncConnectionProblem; message: string };

export interface SyncAccount {
  id: string;
  name: string;
  serverUrl: string;
  username: string;
  addressBook: SyncAddressBook;
  lastSyncAt: number | null;
  /** the last pass's failure, in words; null when it went through */
  lastError: string | null;
  /** contacts changed in Kith since the last pass (0 when never synced: then every contact goes) */
  pending: number;
  conflicts: number;
  /** contacts archived in Kith that wait for "remove from the server too?" */
  awaitingDeletion: number;
  /** the task list and the journal collection synced with it (null: off) */
  calendars: Record<SyncCalendarKind, SyncCalendar | null>;
  /** cards the server holds that Kith could not read, with the reason */
  problems: { href: string; reason: string }[];
}

export interface SyncRunProgress {
  accountId: string;
  phase: 'listing' | 'reading' | 'applying' | 'sending';
  done: number;
  total: number;
}

export interface SyncStatus {
  running: SyncRunProgress | null;
  accounts: SyncAccount[];
}

export interface SyncPassReport {
  accountId: string;
  ok: boolean;
  /** the failure, in words, when !ok */
  error: string | null;
  pulled: number;
  pushed: number;
  merged: number;
  archived: number;
  deleted: number;
  conflicts: number;
  awaitingDeletion: number;
  problems: number;
}

/** the fields of a contact a conflict can be about */
export type ContactConflictField =
  | 'displayName' | 'givenName' | 'familyName' | 'nickname' | 'company' | 'title' | 'birthday' | 'notes' | 'photo'
  | 'circle' | 'importance' | 'cadenceDays' | 'howMet' | 'introducedBy' | 'dates'
  | 'methods.email' | 'methods.phone' | 'methods.address' | 'methods.website' | 'methods.social';

export type SyncConflictField =
  | ContactConflictField
  // reminders (VTODO) and interactions (VJOURNAL)
  | 'dueDate' | 'dueTime' | 'recurrence' | 'status' | 'snoozedUntil' | 'contactId'
  | 'occurredAt' | 'kind' | 'direction' | 'durationMinutes' | 'rating' | 'summary';

/** the CalDAV collections an account can sync besides its address book */
export type SyncCalendarKind = 'tasks' | 'journal';

export interface SyncCalendar {
  url: string;
  name: string;
}

export interface SyncCalendarOptions {
  /** the server says where calendars go, so Kith can make one */
  canCreate: boolean;
  /** calendars that hold VTODO */
  tasks: SyncCalendar[];
  /** calendars that hold VJOURNAL */
  journal: SyncCalendar[];
  chosen: Record<SyncCalendarKind, SyncCalendar | null>;
}

export type SyncCalendarChoice = { mode: 'off' } | { mode: 'existing'; url: string } | { mode: 'create'; name: string };

export interface SyncConflict {
  id: string;
  accountId: string;
  /** what the item is; contactId is then a reminder's or an interaction's id */
  kind: 'contacts' | SyncCalendarKind;
  contactId: string;
  displayName: string;
  createdAt: number;
  fields: { field: SyncConflictField; label: string; local: string; remote: string }[];
}

export interface SyncPendingDeletion {
  accountId: string;
  contactId: string;
  displayName: string;
  /** the contact it was merged into (its card goes, the survivor's card has the merged fields); null when archived or deleted */
  mergedInto: string | null;
}
