// Sync accounts and passes: testing a connection (with a problem in words for each way it fails),
// adding and removing accounts, running one pass at a time per database, the status the sidebar
// shows, and the conflicts and deletions the user decides.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ServiceError } from '../../shared/api/errors';
import type { SyncAccount, SyncConflict, SyncConnectionProblem, SyncConnectionTest, SyncPassReport, SyncPendingDeletion, SyncRunProgress } from '../../shared/domain/sync';
import { discoverAddressBooks } from './carddav';
import { contentHash, parseCard, type CardFields } from './card-fields';
import { syncContacts, type ContactSyncReport, type SyncProgress } from './contact-sync';
import { chosenCalendars, listCalendarConflicts, resolveCalendarConflict, syncCalendars } from './caldav-accounts';
import type { CredentialStore } from './credentials';
import { DavClient, DavError } from './dav-client';
import { changeSeq, countWaitingToSend, readLocalContacts, writeLocalContact } from './local-contacts';
import { mergeFields, resolveFields, type FieldConflict, type MergeField } from './merge';

export interface SyncServiceEnv {
  sqlite: Database.Database;
  credentials: CredentialStore;
  now: () => number;
  /** per request (tests shorten it) */
  timeoutMs?: number;
}

interface AccountRow {
  id: string;
  name: string;
  server_url: string;
  username: string;
  last_sync_at: number | null;
  last_error: string | null;
  url: string;
  book_name: string;
  vcard_version: '3.0' | '4.0' | null;
  sync_token: string | null;
}

/** "ann@example.com" → its domain's well-known CardDAV address (RFC 6764); "dav.example.com" → https:// */
export function serverUrlFrom(input: string): string {
  const text = input.trim();
  const email = /^[^\s@/]+@([^\s@/]+\.[^\s@/]+)$/.exec(text);
  if (email) return `https://${email[1]}/.well-known/carddav`;
  return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

const PROBLEM_OF: Record<DavError['kind'], SyncConnectionProblem> = {
  auth: 'wrong_password',
  not_found: 'not_dav',
  precondition: 'server_error',
  token_expired: 'server_error',
  offline: 'offline',
  tls: 'tls',
  timeout: 'timeout',
  server: 'server_error',
  protocol: 'not_dav',
};

const PROBLEM_WORDS: Record<SyncConnectionProblem, string> = {
  wrong_password: 'The server did not accept the user name and password. Check them; some servers (iCloud, Fastmail, Google) need an app password.',
  no_address_book: 'Logged in, but this account has no address book. Make one in the server’s web interface, then test again.',
  tls: 'The secure connection failed: the server’s certificate is not trusted or has expired.',
  offline: 'Cannot reach the server. Check the address and your connection.',
  timeout: 'The server did not answer in time. Try again later.',
  server_error: 'The server failed while answering. Try again later.',
  not_dav: 'This address does not answer as a CardDAV server. Check the address (it often ends in /dav or /carddav).',
  bad_address: 'That is not a server address.',
};

export function clientFor(env: SyncServiceEnv, username: string, password: string | null): DavClient {
  return new DavClient({ credentials: password === null ? null : { username, password }, timeoutMs: env.timeoutMs });
}

/** a failure of a request the user started (calendars), in the same words as a connection test */
export function davFailure(err: unknown): ServiceError {
  if (!(err instanceof DavError)) throw err;
  const problem = PROBLEM_OF[err.kind];
  return new ServiceError('invalid_input', PROBLEM_WORDS[problem] + (problem === 'not_dav' || problem === 'server_error' ? ` (${err.message})` : ''), problem === 'wrong_password' ? 'password' : 'accountId');
}

export async function testConnection(env: SyncServiceEnv, input: { serverUrl: string; username: string; password: string }): Promise<SyncConnectionTest> {
  let url: string;
  try {
    url = new URL(serverUrlFrom(input.serverUrl)).href;
  } catch {
    return { ok: false, problem: 'bad_address', message: PROBLEM_WORDS.bad_address };
  }
  try {
    const books = await discoverAddressBooks(clientFor(env, input.username, input.password), url);
    if (!books.length) return { ok: false, problem: 'no_address_book', message: PROBLEM_WORDS.no_address_book };
    return { ok: true, addressBooks: books.map((b) => ({ url: b.url, name: b.name, vcardVersion: b.vcardVersion })) };
  } catch (err) {
    if (!(err instanceof DavError)) throw err;
    const problem = PROBLEM_OF[err.kind];
    return { ok: false, problem, message: PROBLEM_WORDS[problem] };
  }
}

export async function addAccount(env: SyncServiceEnv, input: { serverUrl: string; username: string; password: string; name?: string; addressBookUrl: string }): Promise<SyncAccount> {
  const test = await testConnection(env, input);
  if (!test.ok) throw new ServiceError('invalid_input', test.message, test.problem === 'wrong_password' ? 'password' : 'serverUrl');
  const book = test.addressBooks.find((b) => sameUrl(b.url, input.addressBookUrl));
  if (!book) throw new ServiceError('invalid_input', 'That address book is not in this account; test the connection again and choose one', 'addressBookUrl');
  const already = env.sqlite.prepare(`SELECT 1 FROM sync_collections WHERE kind = 'contacts' AND url = ?`).get(book.url);
  if (already) throw new ServiceError('conflict', 'This address book is already synced', 'addressBookUrl');
  const id = randomUUID();
  const now = env.now();
  const name = input.name?.trim() || `${input.username} on ${new URL(serverUrlFrom(input.serverUrl)).host}`;
  env.credentials.set(id, input.password);
  env.sqlite.transaction(() => {
    env.sqlite.prepare(`INSERT INTO sync_accounts (id, name, server_url, username, last_sync_at, last_error, created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?)`).run(id, name, serverUrlFrom(input.serverUrl), input.username, now);
    env.sqlite.prepare(`INSERT INTO sync_collections (account_id, kind, url, name, vcard_version, sync_token) VALUES (?, 'contacts', ?, ?, ?, NULL)`).run(id, book.url, book.name, book.vcardVersion);
  })();
  return listAccounts(env).find((a) => a.id === id)!;
}

/** removes the account and its sync state; contacts stay in Kith, cards stay on the server */
export function removeAccount(env: SyncServiceEnv, id: string): void {
  const result = env.sqlite.prepare(`DELETE FROM sync_accounts WHERE id = ?`).run(id);
  if (result.changes === 0) throw new ServiceError('not_found', 'No sync account with that id', 'id');
  env.credentials.remove(id);
}

function accountRows(sqlite: Database.Database, id?: string): AccountRow[] {
  return sqlite
    .prepare(
      `SELECT a.id, a.name, a.server_url, a.username, a.last_sync_at, a.last_error, c.url, c.name AS book_name, c.vcard_version, c.sync_token
       FROM sync_accounts a JOIN sync_collections c ON c.account_id = a.id AND c.kind = 'contacts'
       ${id ? 'WHERE a.id = ?' : ''} ORDER BY a.created_at`,
    )
    .all(...(id ? [id] : [])) as AccountRow[];
}

export function listAccounts(env: SyncServiceEnv): SyncAccount[] {
  const rows = accountRows(env.sqlite);
  if (!rows.length) return [];
  return rows.map((r) => {
    // "waiting to send": live contacts not on the server yet, or changed since the last pass (by
    // change numbers, not a hash of every contact: the sidebar asks for it after every write)
    const pending = countWaitingToSend(env.sqlite, r.id);
    const count = (sql: string) => (env.sqlite.prepare(sql).get(r.id) as { n: number }).n;
    return {
      id: r.id,
      name: r.name,
      serverUrl: r.server_url,
      username: r.username,
      addressBook: { url: r.url, name: r.book_name, vcardVersion: r.vcard_version ?? '4.0' },
      lastSyncAt: r.last_sync_at,
      lastError: r.last_error,
      pending,
      conflicts: count(`SELECT count(*) AS n FROM sync_conflicts WHERE account_id = ?`),
      awaitingDeletion: count(`SELECT count(*) AS n FROM sync_items WHERE account_id = ? AND deletion = 'asked'`),
      calendars: chosenCalendars(env.sqlite, r.id),
      problems: env.sqlite.prepare(`SELECT href, reason FROM sync_problems WHERE account_id = ? ORDER BY href`).all(r.id) as { href: string; reason: string }[],
    };
  });
}

/** one pass at a time per database: a second "Sync now" waits for the running one and shares its result */
const running = new WeakMap<Database.Database, { progress: SyncRunProgress | null; promise: Promise<SyncPassReport[]> }>();

export function runningProgress(sqlite: Database.Database): SyncRunProgress | null {
  return running.get(sqlite)?.progress ?? null;
}

/** `sendOnly`: Kith's changes only, without asking the server what changed (after local writes: a large address book's change list costs the server time) */
export function syncNow(env: SyncServiceEnv, accountId?: string, options: { sendOnly?: boolean } = {}): Promise<SyncPassReport[]> {
  const current = running.get(env.sqlite);
  if (current) return current.promise;
  const rows = accountRows(env.sqlite, accountId);
  if (accountId && !rows.length) return Promise.reject(new ServiceError('not_found', 'No sync account with that id', 'accountId'));
  const state: { progress: SyncRunProgress | null; promise: Promise<SyncPassReport[]> } = { progress: null, promise: Promise.resolve([]) };
  state.promise = (async () => {
    const reports: SyncPassReport[] = [];
    try {
      for (const row of rows) reports.push(await syncAccount(env, row, (p) => void (state.progress = { accountId: row.id, ...p }), options.sendOnly ?? false));
    } finally {
      running.delete(env.sqlite);
    }
    return reports;
  })();
  running.set(env.sqlite, state);
  return state.promise;
}

async function syncAccount(env: SyncServiceEnv, row: AccountRow, onProgress: (p: SyncProgress) => void, sendOnly: boolean): Promise<SyncPassReport> {
  const password = env.credentials.get(row.id);
  const empty = { pulled: 0, pushed: 0, merged: 0, archived: 0, deleted: 0, conflicts: 0, awaitingDeletion: 0, problems: 0 };
  const finish = (error: string | null) => env.sqlite.prepare(`UPDATE sync_accounts SET last_sync_at = CASE WHEN ? IS NULL THEN ? ELSE last_sync_at END, last_error = ? WHERE id = ?`).run(error, env.now(), error, row.id);
  if (password === null) {
    const error = 'The password for this account is missing; enter it again in Settings → Sync';
    finish(error);
    return { accountId: row.id, ok: false, error, ...empty };
  }
  try {
    const client = clientFor(env, row.username, password);
    const contactsEnv = { sqlite: env.sqlite, client, now: env.now, onProgress };
    const collection = { accountId: row.id, url: row.url, vcardVersion: row.vcard_version ?? '4.0', syncToken: row.sync_token } as const;
    let report = await syncContacts(contactsEnv, collection, { sendOnly });
    // a send-only pass whose write met a 412 (the server's card changed since): the full pass merges it now
    if (sendOnly && report.stale > 0) report = addReports(report, await syncContacts(contactsEnv, { ...collection, syncToken: currentToken(env.sqlite, row.id, 'contacts') }));
    const calendars = await syncCalendars({ sqlite: env.sqlite, client, now: env.now }, row.id, { sendOnly });
    const sum = (key: 'pulled' | 'pushed' | 'merged' | 'deleted' | 'conflicts') => report[key] + calendars.reduce((n, c) => n + c[key], 0);
    finish(null);
    return { accountId: row.id, ok: true, error: null, pulled: sum('pulled'), pushed: sum('pushed'), merged: sum('merged'), archived: report.archived, deleted: sum('deleted'), conflicts: sum('conflicts'), awaitingDeletion: report.awaitingDeletion, problems: report.problems.length + calendars.reduce((n, c) => n + c.problems.length, 0) };
  } catch (err) {
    if (!(err instanceof DavError)) throw err;
    const error = PROBLEM_WORDS[PROBLEM_OF[err.kind]] + (err.kind === 'server' || err.kind === 'protocol' ? ` (${err.message})` : '');
    finish(error);
    return { accountId: row.id, ok: false, error, ...empty };
  }
}

/** the sync token a collection holds now (a pass may have saved one since the account row was read) */
function currentToken(sqlite: Database.Database, accountId: string, kind: string): string | null {
  return (sqlite.prepare(`SELECT sync_token FROM sync_collections WHERE account_id = ? AND kind = ?`).pluck().get(accountId, kind) as string | null | undefined) ?? null;
}

/** a send-only pass and the full pass that followed it, as one pass's report */
function addReports(first: ContactSyncReport, then: ContactSyncReport): ContactSyncReport {
  return { ...then, pulled: first.pulled + then.pulled, pushed: first.pushed + then.pushed, merged: first.merged + then.merged, archived: first.archived + then.archived, deleted: first.deleted + then.deleted, problems: [...first.problems, ...then.problems], stale: first.stale + then.stale };
}

const FIELD_LABELS: Record<MergeField, string> = {
  displayName: 'Name', givenName: 'Given name', familyName: 'Family name', nickname: 'Nickname', company: 'Company', title: 'Title',
  birthday: 'Birthday', notes: 'Notes', photo: 'Photo', circle: 'Circle', importance: 'Importance', cadenceDays: 'Check-in cadence',
  howMet: 'How we met', introducedBy: 'Introduced by', dates: 'Dates', 'methods.email': 'Email', 'methods.phone': 'Phone', 'methods.address': 'Address',
  'methods.website': 'Website', 'methods.social': 'Social',
};

/** a field's value as the conflict screen shows it */
function describeValue(field: MergeField, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (field === 'photo') return 'a photo';
  if (field === 'birthday') {
    const d = value as { month: number; day: number; year: number | null };
    return `${d.year ? `${d.year}-` : ''}${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  }
  if (field === 'dates') return (value as CardFields['dates']).map((d) => `${d.label}: ${d.year ? `${d.year}-` : ''}${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`).join('; ') || '(empty)';
  if (field.startsWith('methods.')) return (value as CardFields['methods']).map((m) => (m.label ? `${m.label}: ${m.value}` : m.value)).join('; ') || '(empty)';
  if (field === 'cadenceDays') return `every ${String(value)} days`;
  return String(value);
}

export function listConflicts(env: SyncServiceEnv, accountId?: string): SyncConflict[] {
  const rows = env.sqlite
    .prepare(`SELECT s.id, s.account_id, s.item_id, s.fields, s.created_at, c.display_name FROM sync_conflicts s LEFT JOIN contacts c ON c.id = s.item_id WHERE s.kind = 'contacts' ${accountId ? 'AND s.account_id = ?' : ''} ORDER BY s.created_at, s.id`)
    .all(...(accountId ? [accountId] : [])) as { id: string; account_id: string; item_id: string; fields: string; created_at: number; display_name: string | null }[];
  const contacts = rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    kind: 'contacts' as const,
    contactId: r.item_id,
    displayName: r.display_name ?? '(deleted contact)',
    createdAt: r.created_at,
    fields: (JSON.parse(r.fields) as FieldConflict[]).map((f) => ({ field: f.field, label: FIELD_LABELS[f.field], local: describeValue(f.field, f.local), remote: describeValue(f.field, f.remote) })),
  }));
  return [...contacts, ...listCalendarConflicts(env.sqlite, accountId)];
}

/**
 * The user's decision: Kith's contact becomes the merge with each conflicting field from the chosen
 * side, and the server's version becomes the agreed base, so the next pass sends the result with
 * If-Match on the ETag the conflict was seen with (a server changed again since is merged again).
 */
export function resolveConflict(env: SyncServiceEnv, id: string, choices: Partial<Record<MergeField, 'local' | 'remote'>>): void {
  if (resolveCalendarConflict(env.sqlite, id, choices, env.now())) return;
  const row = env.sqlite.prepare(`SELECT account_id, kind, item_id, href, remote_etag, remote_card FROM sync_conflicts WHERE id = ?`).get(id) as { account_id: string; kind: string; item_id: string; href: string; remote_etag: string | null; remote_card: string } | undefined;
  if (!row) throw new ServiceError('not_found', 'No such conflict (it may have been resolved already)', 'id');
  const remote = parseCard(row.remote_card);
  const mine = readLocalContacts(env.sqlite, [row.item_id]).get(row.item_id);
  if ('error' in remote || !mine) throw new ServiceError('conflict', 'This conflict can no longer be resolved here: sync again', 'id');
  const item = env.sqlite.prepare(`SELECT base FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).get(row.account_id, row.kind, row.item_id) as { base: string } | undefined;
  const base = item ? parseCard(item.base) : null;
  const { merged, conflicts } = mergeFields(base && !('error' in base) ? base.fields : null, mine.fields, remote.fields);
  const result = resolveFields(merged, conflicts, choices);
  const now = env.now();
  env.sqlite.transaction(() => {
    const written = writeLocalContact(env.sqlite, row.item_id, result, now, false);
    if ('error' in written) throw new ServiceError('invalid_input', written.error);
    env.sqlite
      .prepare(
        `INSERT INTO sync_items (account_id, kind, item_id, href, etag, local_hash, remote_hash, base, deletion, synced_at, local_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
         ON CONFLICT (account_id, kind, item_id) DO UPDATE SET href = excluded.href, etag = excluded.etag, local_hash = excluded.local_hash, remote_hash = excluded.remote_hash, base = excluded.base, synced_at = excluded.synced_at, local_seq = excluded.local_seq`,
      )
      // a result that differs from the server's card waits to be sent (agreed before the write above)
      .run(row.account_id, row.kind, row.item_id, row.href, row.remote_etag, contentHash(remote.fields), contentHash(remote.fields, remote.unknown), row.remote_card, now, contentHash(result) === contentHash(remote.fields) ? changeSeq(env.sqlite, row.item_id) : -1);
    env.sqlite.prepare(`DELETE FROM sync_conflicts WHERE id = ?`).run(id);
  })();
}

export function listPendingDeletions(env: SyncServiceEnv, accountId?: string): SyncPendingDeletion[] {
  const rows = env.sqlite
    .prepare(
      `SELECT i.account_id, i.item_id, i.base, c.display_name, m.display_name AS merged_into FROM sync_items i
       LEFT JOIN contacts c ON c.id = i.item_id LEFT JOIN contacts m ON m.id = i.merged_into
       WHERE i.kind = 'contacts' AND i.deletion = 'asked' ${accountId ? 'AND i.account_id = ?' : ''} ORDER BY c.display_name COLLATE NOCASE`,
    )
    .all(...(accountId ? [accountId] : [])) as { account_id: string; item_id: string; base: string; display_name: string | null; merged_into: string | null }[];
  return rows.map((r) => {
    const base = r.display_name ? null : parseCard(r.base);
    return { accountId: r.account_id, contactId: r.item_id, displayName: r.display_name ?? (base && !('error' in base) ? base.fields.displayName : r.item_id), mergedInto: r.merged_into };
  });
}

/**
 * Contacts merged into `survivorId` (inside the merge's transaction): their cards wait for the
 * user's word like an archived contact's, and the confirmation says where they went. The
 * survivor's card gets the merged fields by the next pass (its change number moved). Undoing the
 * merge brings the contacts back, and the next pass keeps their cards.
 */
export function markMergedAway(sqlite: Database.Database, survivorId: string, mergedIds: string[]): void {
  sqlite
    .prepare(`UPDATE sync_items SET deletion = 'asked', merged_into = ? WHERE kind = 'contacts' AND deletion IS NULL AND item_id IN (SELECT value FROM json_each(?))`)
    .run(survivorId, JSON.stringify(mergedIds));
}

export function confirmDeletions(env: SyncServiceEnv, accountId: string, contactIds: string[]): number {
  const update = env.sqlite.prepare(`UPDATE sync_items SET deletion = 'confirmed' WHERE account_id = ? AND kind = 'contacts' AND item_id = ? AND deletion = 'asked'`);
  let confirmed = 0;
  env.sqlite.transaction(() => {
    for (const id of contactIds) confirmed += update.run(accountId, id).changes;
  })();
  return confirmed;
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => new URL(u).href.replace(/\/$/, '');
  try {
    return norm(a) === norm(b);
  } catch {
    return false;
  }
}
