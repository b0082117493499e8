// The CalDAV side of a sync account: which task list and which journal collection it syncs (found
// through calendar-home-set, or made with MKCALENDAR), each on or off; their passes after the
// address book's; and their conflicts, shown and resolved beside the contacts' ones.
import type Database from 'better-sqlite3';
import { ServiceError } from '../../shared/api/errors';
import type { SyncCalendarChoice, SyncCalendarKind, SyncCalendarOptions, SyncConflict } from '../../shared/domain/sync';
import { findCalendarHomes, listCalendars, makeCalendar } from './caldav';
import { itemHash, mergeItem, parseItem, resolveItem, type CalendarItemKind, type ItemConflict, type ItemFields } from './caldav-items';
import { syncCalendarItems, type CalendarSyncReport } from './caldav-sync';
import type { DavClient } from './dav-client';
import { journalKind } from './journal-ical';
import { todoKind } from './todo-ical';

export const CALENDAR_KINDS: Record<SyncCalendarKind, CalendarItemKind<ItemFields>> = {
  tasks: todoKind as unknown as CalendarItemKind<ItemFields>,
  journal: journalKind as unknown as CalendarItemKind<ItemFields>,
};
const COMPONENT = { tasks: 'VTODO', journal: 'VJOURNAL' } as const;

/** the calendars of the account that can hold reminders (VTODO) and interactions (VJOURNAL), and what is chosen now */
export async function calendarOptions(sqlite: Database.Database, client: DavClient, accountId: string, serverUrl: string, addressBookUrl: string): Promise<SyncCalendarOptions> {
  const homes = await findCalendarHomes(client, addressBookUrl).then((h) => (h.length ? h : findCalendarHomes(client, serverUrl)));
  const calendars = (await Promise.all(homes.map((h) => listCalendars(client, h)))).flat();
  return {
    canCreate: homes.length > 0,
    tasks: calendars.filter((c) => c.components.includes('VTODO')).map((c) => ({ url: c.url, name: c.name })),
    journal: calendars.filter((c) => c.components.includes('VJOURNAL')).map((c) => ({ url: c.url, name: c.name })),
    chosen: chosenCalendars(sqlite, accountId),
  };
}

export function chosenCalendars(sqlite: Database.Database, accountId: string): Record<SyncCalendarKind, { url: string; name: string } | null> {
  const rows = sqlite.prepare(`SELECT kind, url, name FROM sync_collections WHERE account_id = ? AND kind IN ('tasks', 'journal')`).all(accountId) as { kind: SyncCalendarKind; url: string; name: string }[];
  const of = (k: SyncCalendarKind) => rows.find((r) => r.kind === k) ?? null;
  return { tasks: of('tasks') && { url: of('tasks')!.url, name: of('tasks')!.name }, journal: of('journal') && { url: of('journal')!.url, name: of('journal')!.name } };
}

/**
 * Turns a kind on (an existing calendar, or a new one made on the server) or off. Off forgets the
 * status rows only: the items stay in Kith and on the server; on again pairs them by UID.
 */
export async function chooseCalendar(sqlite: Database.Database, client: DavClient, accountId: string, serverUrl: string, addressBookUrl: string, kind: SyncCalendarKind, choice: SyncCalendarChoice): Promise<{ url: string; name: string } | null> {
  if (choice.mode === 'off') {
    sqlite.transaction(() => {
      sqlite.prepare(`DELETE FROM sync_collections WHERE account_id = ? AND kind = ?`).run(accountId, kind);
      sqlite.prepare(`DELETE FROM sync_items WHERE account_id = ? AND kind = ?`).run(accountId, kind);
      sqlite.prepare(`DELETE FROM sync_conflicts WHERE account_id = ? AND kind = ?`).run(accountId, kind);
    })();
    return null;
  }
  let chosen: { url: string; name: string };
  if (choice.mode === 'create') {
    const homes = await findCalendarHomes(client, addressBookUrl).then((h) => (h.length ? h : findCalendarHomes(client, serverUrl)));
    if (!homes.length) throw new ServiceError('invalid_input', 'This server does not say where calendars go (no calendar-home-set); make one in its web interface and choose it', 'mode');
    chosen = await makeCalendar(client, homes[0]!, choice.name, COMPONENT[kind]);
  } else {
    const options = await calendarOptions(sqlite, client, accountId, serverUrl, addressBookUrl);
    const found = options[kind].find((c) => c.url.replace(/\/$/, '') === choice.url.replace(/\/$/, ''));
    if (!found) throw new ServiceError('invalid_input', `That calendar is not in this account or does not hold ${kind === 'tasks' ? 'tasks' : 'journal entries'}`, 'url');
    chosen = found;
  }
  sqlite.transaction(() => {
    const current = sqlite.prepare(`SELECT url FROM sync_collections WHERE account_id = ? AND kind = ?`).get(accountId, kind) as { url: string } | undefined;
    if (current && current.url !== chosen.url) {
      sqlite.prepare(`DELETE FROM sync_items WHERE account_id = ? AND kind = ?`).run(accountId, kind);
      sqlite.prepare(`DELETE FROM sync_conflicts WHERE account_id = ? AND kind = ?`).run(accountId, kind);
    }
    sqlite
      .prepare(`INSERT INTO sync_collections (account_id, kind, url, name, vcard_version, sync_token) VALUES (?, ?, ?, ?, NULL, NULL) ON CONFLICT (account_id, kind) DO UPDATE SET url = excluded.url, name = excluded.name, sync_token = CASE WHEN sync_collections.url = excluded.url THEN sync_collections.sync_token ELSE NULL END`)
      .run(accountId, kind, chosen.url, chosen.name);
  })();
  return chosen;
}

/**
 * The task list's and the journal's passes, after the address book's (so RELATED-TO and ATTENDEE
 * find their contacts). `sendOnly` (after local writes): only Kith's marked items go out, without a
 * listing; a collection where a write met a 412 then has its full pass at once, which merges it.
 */
export async function syncCalendars(env: { sqlite: Database.Database; client: DavClient; now: () => number }, accountId: string, options: { sendOnly?: boolean } = {}): Promise<CalendarSyncReport[]> {
  const rows = env.sqlite.prepare(`SELECT kind, url FROM sync_collections WHERE account_id = ? AND kind IN ('tasks', 'journal') ORDER BY kind DESC`).all(accountId) as { kind: SyncCalendarKind; url: string }[];
  const token = env.sqlite.prepare(`SELECT sync_token FROM sync_collections WHERE account_id = ? AND kind = ?`).pluck();
  const reports: CalendarSyncReport[] = [];
  for (const r of rows) {
    const pass = (sendOnly: boolean) => syncCalendarItems(env, CALENDAR_KINDS[r.kind], { accountId, url: r.url, syncToken: (token.get(accountId, r.kind) as string | null) ?? null }, { sendOnly });
    const first = await pass(options.sendOnly ?? false);
    if (!options.sendOnly || first.stale === 0) {
      reports.push(first);
      continue;
    }
    const full = await pass(false);
    reports.push({ ...full, pulled: first.pulled + full.pulled, pushed: first.pushed + full.pushed, merged: first.merged + full.merged, deleted: first.deleted + full.deleted, problems: [...first.problems, ...full.problems], examined: first.examined + full.examined, stale: first.stale + full.stale });
  }
  return reports;
}

interface ConflictRow {
  id: string;
  account_id: string;
  kind: SyncCalendarKind;
  item_id: string;
  fields: string;
  created_at: number;
  remote_card: string;
}

export function listCalendarConflicts(sqlite: Database.Database, accountId?: string): SyncConflict[] {
  const rows = sqlite.prepare(`SELECT id, account_id, kind, item_id, fields, created_at, remote_card FROM sync_conflicts WHERE kind IN ('tasks', 'journal') ${accountId ? 'AND account_id = ?' : ''} ORDER BY created_at, id`).all(...(accountId ? [accountId] : [])) as ConflictRow[];
  return rows.map((r) => {
    const kind = CALENDAR_KINDS[r.kind];
    const mine = kind.readLocal(sqlite, [r.item_id]).get(r.item_id);
    const remote = parseItem(kind, r.remote_card, sqlite);
    const title = mine ? kind.title(mine) : 'error' in remote ? r.item_id : kind.title(remote.fields);
    return {
      id: r.id,
      accountId: r.account_id,
      kind: r.kind,
      contactId: r.item_id,
      displayName: `${r.kind === 'tasks' ? 'Reminder' : 'Interaction'}: ${title}`,
      createdAt: r.created_at,
      fields: (JSON.parse(r.fields) as ItemConflict[]).map((f) => ({ field: f.field as SyncConflict['fields'][number]['field'], label: kind.labels[f.field] ?? f.field, local: kind.describe(f.field, f.local), remote: kind.describe(f.field, f.remote) })),
    };
  });
}

/** as for contacts: Kith's item becomes the merge with the chosen values, the server's copy the base, and the next pass sends it with If-Match */
export function resolveCalendarConflict(sqlite: Database.Database, id: string, choices: Record<string, 'local' | 'remote' | undefined>, now: number): boolean {
  const row = sqlite.prepare(`SELECT account_id, kind, item_id, href, remote_etag, remote_card FROM sync_conflicts WHERE id = ? AND kind IN ('tasks', 'journal')`).get(id) as { account_id: string; kind: SyncCalendarKind; item_id: string; href: string; remote_etag: string | null; remote_card: string } | undefined;
  if (!row) return false;
  const kind = CALENDAR_KINDS[row.kind];
  const remote = parseItem(kind, row.remote_card, sqlite);
  const mine = kind.readLocal(sqlite, [row.item_id]).get(row.item_id);
  if ('error' in remote || !mine) throw new ServiceError('conflict', 'This conflict can no longer be resolved here: sync again', 'id');
  const item = sqlite.prepare(`SELECT base FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).get(row.account_id, row.kind, row.item_id) as { base: string } | undefined;
  const base = item ? parseItem(kind, item.base, sqlite) : null;
  const { merged, conflicts } = mergeItem(kind, base && !('error' in base) ? base.fields : null, mine, remote.fields);
  const result = resolveItem(merged, conflicts, choices);
  sqlite.transaction(() => {
    const written = kind.writeLocal(sqlite, row.item_id, result, now, false, mine);
    if ('error' in written) throw new ServiceError('invalid_input', written.error);
    sqlite
      .prepare(
        `INSERT INTO sync_items (account_id, kind, item_id, href, etag, local_hash, remote_hash, base, deletion, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
         ON CONFLICT (account_id, kind, item_id) DO UPDATE SET href = excluded.href, etag = excluded.etag, local_hash = excluded.local_hash, remote_hash = excluded.remote_hash, base = excluded.base, synced_at = excluded.synced_at`,
      )
      .run(row.account_id, row.kind, row.item_id, row.href, row.remote_etag, itemHash(remote.fields), itemHash(remote.fields, remote.carried), row.remote_card, now);
    sqlite.prepare(`DELETE FROM sync_conflicts WHERE id = ?`).run(id);
  })();
  return true;
}
