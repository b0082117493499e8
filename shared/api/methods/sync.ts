// Sync with a CardDAV server: accounts (test, add, remove), a pass on demand, status, conflicts and
// the deletions that wait for the user's word.
import { z } from 'zod';
import { command, query } from '../define';
import { id, nonEmptyText } from '../schemas';
import type { SyncAccount, SyncCalendar, SyncCalendarOptions, SyncConflict, SyncConnectionTest, SyncPassReport, SyncPendingDeletion, SyncStatus } from '../../domain/sync';

const serverUrl = z
  .string()
  .trim()
  .min(1, 'Enter the server address')
  .max(2000, 'The address is too long')
  .refine((v) => /^https?:\/\//i.test(v) || /^[^\s/@]+(?::\d+)?(\/.*)?$/.test(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Enter an address such as https://dav.example.com, or your email address');
const credentials = {
  serverUrl,
  username: nonEmptyText('User name', 200),
  password: z.string().max(1000, 'The password is too long'),
};
const CONFLICT_FIELDS = [
  'displayName', 'givenName', 'familyName', 'nickname', 'company', 'title', 'birthday', 'notes', 'photo',
  'circle', 'importance', 'cadenceDays', 'howMet', 'dates',
  'methods.email', 'methods.phone', 'methods.address', 'methods.website', 'methods.social',
  'dueDate', 'dueTime', 'recurrence', 'status', 'snoozedUntil', 'contactId',
  'occurredAt', 'kind', 'direction', 'durationMinutes', 'rating', 'summary',
] as const;
const calendarKind = z.enum(['tasks', 'journal']);

export const syncMethods = {
  /** logs in and lists the address books; a failure comes back as a problem in words, not an error */
  'sync.accounts.test': command<SyncConnectionTest>()(z.object(credentials).strict()),
  'sync.accounts.add': command<SyncAccount>()(
    z.object({ ...credentials, name: z.string().trim().max(100, 'The name is longer than 100 characters').optional(), addressBookUrl: z.string().url('Choose an address book') }).strict(),
  ),
  'sync.accounts.remove': command<{ id: string }>()(z.object({ id }).strict()),
  'sync.accounts.list': query<SyncAccount[]>()(z.object({}).strict()),
  /** one pass for the account (every account when left out); a failed pass is reported, never thrown */
  /** `sendOnly`: only Kith's changes go out (conditional writes; what the server changed waits for the next full pass) */
  'sync.now': command<SyncPassReport[]>()(z.object({ accountId: id.optional(), sendOnly: z.boolean().optional() }).strict()),
  'sync.status': query<SyncStatus>()(z.object({}).strict()),
  'sync.conflicts.list': query<SyncConflict[]>()(z.object({ accountId: id.optional() }).strict()),
  /** each conflicting field from the side chosen ('local' = Kith's); the next pass sends the result */
  'sync.conflicts.resolve': command<{ id: string }>()(
    z.object({ id, choices: z.partialRecord(z.enum(CONFLICT_FIELDS), z.enum(['local', 'remote'])) }).strict(),
  ),
  /** the account's calendars that can hold reminders (VTODO) and interactions (VJOURNAL), from calendar-home-set */
  'sync.calendars.list': command<SyncCalendarOptions>()(z.object({ accountId: id }).strict()),
  /** reminders or interactions on (an existing calendar, or one made on the server) or off */
  'sync.calendars.choose': command<{ chosen: SyncCalendar | null }>()(
    z
      .object({
        accountId: id,
        kind: calendarKind,
        choice: z.discriminatedUnion('mode', [
          z.object({ mode: z.literal('off') }).strict(),
          z.object({ mode: z.literal('existing'), url: z.string().url('Choose a calendar') }).strict(),
          z.object({ mode: z.literal('create'), name: nonEmptyText('Name', 100) }).strict(),
        ]),
      })
      .strict(),
  ),
  'sync.deletions.list': query<SyncPendingDeletion[]>()(z.object({ accountId: id.optional() }).strict()),
  /** the user's word: these archived contacts are removed from the server on the next pass */
  'sync.deletions.confirm': command<{ confirmed: number }>()(z.object({ accountId: id, contactIds: z.array(id).min(1, 'Choose at least one contact').max(10_000) }).strict()),
};
