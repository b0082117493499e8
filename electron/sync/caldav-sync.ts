// One sync pass of a CalDAV collection — reminders ↔ VTODO in a task list, interactions ↔
// VJOURNAL in Kith's journal — by the same rules as contacts (contact-sync.ts, docs/sync.md): a
// status row per item (href, ETag, each side's hash when they last agreed, the agreed iCalendar
// text as the merge base and the keeper of properties Kith does not model); one side changed: it
// is copied; both: a field-level three-way merge, and what does not merge is a conflict kept for
// the user (neither side touched until then). Every write is conditional (If-Match, or
// If-None-Match: * for a new item). Each item's local change and its status row are one
// transaction, written after the server accepted the write, so a kill at any point is redone by
// the next pass. A malformed item is read leniently, and what was left out is reported per item.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { deleteCard, fetchCards, listChanges, putCard, type RemoteCard } from './carddav';
import { itemHash, mergeItem, parseItem, writeItem, type CalendarItemKind, type ItemConflict, type ItemFields, type ParsedItem } from './caldav-items';
import { DavError, type DavClient } from './dav-client';
import { isPassing, isRefused } from './contact-sync';
import type { SyncItemTable } from '../../db/schema';

export interface CalendarCollection {
  accountId: string;
  url: string;
  syncToken: string | null;
}

export interface CalendarSyncReport {
  pulled: number;
  pushed: number;
  merged: number;
  /** items removed in Kith because the server removed them, and on the server because Kith did */
  deleted: number;
  conflicts: number;
  problems: { href: string; reason: string }[];
  retry: number;
}

type ItemRow = Pick<SyncItemTable, 'item_id' | 'href' | 'etag' | 'local_hash' | 'remote_hash' | 'base'>;

const ICS = 'text/calendar; charset=utf-8';

export async function syncCalendarItems<F extends ItemFields>(env: { sqlite: Database.Database; client: DavClient; now: () => number }, kind: CalendarItemKind<F>, collection: CalendarCollection): Promise<CalendarSyncReport> {
  const { sqlite, client } = env;
  const KIND = kind.kind;
  const report: CalendarSyncReport = { pulled: 0, pushed: 0, merged: 0, deleted: 0, conflicts: 0, problems: [], retry: 0 };
  const items = new Map<string, ItemRow>();
  const byHref = new Map<string, ItemRow>();
  for (const row of sqlite.prepare(`SELECT item_id, href, etag, local_hash, remote_hash, base FROM sync_items WHERE account_id = ? AND kind = ?`).all(collection.accountId, KIND) as ItemRow[]) {
    items.set(row.item_id, row);
    byHref.set(row.href, row);
  }
  const openConflicts = new Set((sqlite.prepare(`SELECT item_id FROM sync_conflicts WHERE account_id = ? AND kind = ?`).all(collection.accountId, KIND) as { item_id: string }[]).map((r) => r.item_id));
  const touched = new Set<string>();

  const changes = await listChanges(client, collection.url, collection.syncToken);
  const toFetch = changes.changed.filter((c) => {
    const item = byHref.get(c.href);
    return !item || !c.etag || c.etag !== item.etag;
  });
  const deleted = new Set(changes.deleted);
  if (changes.complete) {
    const listed = new Set(changes.changed.map((c) => c.href));
    for (const href of byHref.keys()) if (!listed.has(href)) deleted.add(href);
  }
  const cards = await fetchCards(client, collection.url, toFetch.map((c) => c.href), 'calendar');
  if (cards.length < toFetch.length) report.retry += toFetch.length - cards.length;
  const local = kind.readLocal(sqlite);

  const saveItem = (itemId: string, href: string, etag: string | null, localHash: string, remoteHash: string, base: string) => {
    sqlite
      .prepare(
        `INSERT INTO sync_items (account_id, kind, item_id, href, etag, local_hash, remote_hash, base, deletion, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
         ON CONFLICT (account_id, kind, item_id) DO UPDATE SET href = excluded.href, etag = excluded.etag, local_hash = excluded.local_hash, remote_hash = excluded.remote_hash, base = excluded.base, deletion = NULL, synced_at = excluded.synced_at`,
      )
      .run(collection.accountId, KIND, itemId, href, etag, localHash, remoteHash, base, env.now());
    sqlite.prepare(`DELETE FROM sync_conflicts WHERE account_id = ? AND kind = ? AND item_id = ?`).run(collection.accountId, KIND, itemId);
    openConflicts.delete(itemId);
  };
  const problem = (href: string, reason: string) => {
    report.problems.push({ href, reason });
    sqlite.prepare(`INSERT INTO sync_problems (account_id, href, reason, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, href) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`).run(collection.accountId, href, reason, env.now());
  };
  /** a clean item clears its old problem; one read with changes says what was left out */
  const noteWarnings = (href: string, warnings: string[]) => {
    if (warnings.length) problem(href, `read with changes: ${warnings.join('; ')}`);
    else sqlite.prepare(`DELETE FROM sync_problems WHERE account_id = ? AND href = ?`).run(collection.accountId, href);
  };
  const parse = (text: string) => parseItem(kind, text, sqlite);
  const remoteHashOfText = (text: string) => {
    const p = parse(text);
    return 'error' in p ? '' : itemHash(p.fields, p.carried);
  };

  /** the server's item becomes Kith's (made when `create`), with its status row, in one transaction */
  const pull = (id: string, card: RemoteCard, parsed: ParsedItem<F>, create: boolean, previous: F | null): boolean => {
    const written = sqlite.transaction(() => {
      const result = kind.writeLocal(sqlite, id, structuredClone(parsed.fields), env.now(), create, previous);
      if ('error' in result) return result;
      // the agreed content is the server's: when Kith's write changed it (a repeating to-do moved on), it goes back up
      saveItem(id, card.href, card.etag, itemHash(parsed.fields), itemHash(parsed.fields, parsed.carried), card.text);
      noteWarnings(card.href, parsed.warnings);
      return result;
    })();
    if ('error' in written) {
      problem(card.href, written.error);
      return false;
    }
    return true;
  };

  const recordConflict = (itemId: string, card: RemoteCard, conflicts: ItemConflict[]) => {
    sqlite
      .prepare(
        `INSERT INTO sync_conflicts (id, account_id, kind, item_id, href, remote_etag, remote_card, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, kind, item_id) DO UPDATE SET href = excluded.href, remote_etag = excluded.remote_etag, remote_card = excluded.remote_card, fields = excluded.fields`,
      )
      .run(randomUUID(), collection.accountId, KIND, itemId, card.href, card.etag, card.text, JSON.stringify(conflicts), env.now());
    openConflicts.add(itemId);
  };

  const reconcile = async (id: string, mine: F, card: RemoteCard, parsed: ParsedItem<F>, base: F | null): Promise<void> => {
    const { merged, conflicts } = mergeItem(kind, base, mine, parsed.fields);
    if (conflicts.length) {
      recordConflict(id, card, conflicts);
      return;
    }
    const sameAsServer = itemHash(merged) === itemHash(parsed.fields);
    let etag = card.etag;
    let text = card.text;
    if (!sameAsServer) {
      text = writeItem(kind, parsed.uid ?? id, merged, parsed.carried, env.now(), sqlite);
      try {
        etag = card.etag ? await putCard(client, card.href, text, { ifMatch: card.etag }, ICS) : await putCard(client, card.href, text, { create: true }, ICS);
      } catch (err) {
        if (isPassing(err)) return void report.retry++;
        if (isRefused(err)) return void problem(card.href, `the server refused Kith's merged item: ${(err as Error).message}`);
        throw err;
      }
    }
    const written = sqlite.transaction(() => {
      const result = itemHash(merged) === itemHash(mine) ? { ok: true as const } : kind.writeLocal(sqlite, id, structuredClone(merged), env.now(), false, mine);
      if ('error' in result) return result;
      saveItem(id, card.href, etag, itemHash(merged), sameAsServer ? itemHash(parsed.fields, parsed.carried) : remoteHashOfText(text), text);
      return result;
    })();
    if ('error' in written) problem(card.href, written.error);
    else report.merged++;
  };

  // 1. what the server changed
  for (const card of cards) {
    const parsed = parse(card.text);
    if ('error' in parsed) {
      problem(card.href, parsed.error);
      continue;
    }
    const item = byHref.get(card.href);
    if (item) {
      if (itemHash(parsed.fields, parsed.carried) === item.remote_hash) {
        sqlite.prepare(`UPDATE sync_items SET etag = ? WHERE account_id = ? AND kind = ? AND item_id = ?`).run(card.etag, collection.accountId, KIND, item.item_id);
        item.etag = card.etag;
        continue;
      }
      touched.add(item.item_id);
      const mine = local.get(item.item_id);
      if (!mine) {
        if (pull(item.item_id, card, parsed, true, null)) report.pulled++; // deleted in Kith, edited on the server: the edit wins
        continue;
      }
      if (itemHash(mine) === item.local_hash) {
        if (pull(item.item_id, card, parsed, false, mine)) report.pulled++;
      } else {
        const base = parse(item.base);
        await reconcile(item.item_id, mine, card, parsed, 'error' in base ? null : base.fields);
      }
      continue;
    }
    const uid = parsed.uid;
    const twin = uid ? local.get(uid) : undefined;
    if (twin && uid && !items.has(uid)) {
      touched.add(uid);
      await reconcile(uid, twin, card, parsed, null);
      continue;
    }
    const id = uid && !local.has(uid) && !items.has(uid) && /^[A-Za-z0-9._:@-]{1,100}$/.test(uid) ? uid : randomUUID();
    touched.add(id);
    if (pull(id, card, parsed, true, null)) report.pulled++;
  }

  // 2. what the server deleted: gone in Kith too, unless Kith changed it since (then it goes back up)
  for (const href of deleted) {
    const item = byHref.get(href);
    if (!item || touched.has(item.item_id)) continue;
    const mine = local.get(item.item_id);
    const changedHere = !!mine && itemHash(mine) !== item.local_hash;
    sqlite.transaction(() => {
      sqlite.prepare(`DELETE FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).run(collection.accountId, KIND, item.item_id);
      sqlite.prepare(`DELETE FROM sync_conflicts WHERE account_id = ? AND kind = ? AND item_id = ?`).run(collection.accountId, KIND, item.item_id);
      if (mine && !changedHere) kind.deleteLocal(sqlite, item.item_id, env.now());
    })();
    if (mine && !changedHere) report.deleted++;
    items.delete(item.item_id);
    openConflicts.delete(item.item_id);
    if (!changedHere) touched.add(item.item_id);
  }

  // 3. what Kith changed (read again: a pull may have changed an item on the way in)
  const now = kind.readLocal(sqlite);
  for (const [id, mine] of now) {
    if (openConflicts.has(id)) continue;
    const item = sqlite.prepare(`SELECT item_id, href, etag, local_hash, remote_hash, base FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).get(collection.accountId, KIND, id) as ItemRow | undefined;
    const localHash = itemHash(mine);
    if (item && localHash === item.local_hash) continue;
    const base = item ? parse(item.base) : null;
    const carried = base && !('error' in base) ? base.carried : [];
    const uid = base && !('error' in base) && base.uid ? base.uid : id;
    const text = writeItem(kind, uid, mine, carried, env.now(), sqlite);
    const href = item?.href ?? new URL(`${encodeURIComponent(id)}.ics`, collection.url).href;
    try {
      const etag = item?.etag ? await putCard(client, href, text, { ifMatch: item.etag }, ICS) : await putCard(client, href, text, { create: true }, ICS);
      sqlite.transaction(() => saveItem(id, href, etag, localHash, remoteHashOfText(text), text))();
      report.pushed++;
    } catch (err) {
      if (err instanceof DavError && err.kind === 'precondition' && !item) {
        // already there (a pass killed after its PUT, or the other Kith made it): read it and merge
        const [card] = await fetchCards(client, collection.url, [href], 'calendar').catch(() => []);
        const parsed = card ? parse(card.text) : null;
        if (card && parsed && !('error' in parsed)) await reconcile(id, mine, card, parsed, null);
        else report.retry++;
      } else if (isPassing(err)) report.retry++;
      else if (isRefused(err)) problem(href, `the server refused the item: ${(err as Error).message}`);
      else throw err;
    }
  }
  // deleted in Kith: removed from the server only if it is still the version Kith knows
  for (const item of items.values()) {
    if (now.has(item.item_id) || touched.has(item.item_id) || openConflicts.has(item.item_id)) continue;
    try {
      await deleteCard(client, item.href, item.etag ?? '*');
      sqlite.prepare(`DELETE FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).run(collection.accountId, KIND, item.item_id);
      report.deleted++;
    } catch (err) {
      if (isPassing(err)) report.retry++;
      else throw err;
    }
  }

  if (report.retry === 0 && changes.syncToken) {
    sqlite.prepare(`UPDATE sync_collections SET sync_token = ? WHERE account_id = ? AND kind = ?`).run(changes.syncToken, collection.accountId, KIND);
  }
  report.conflicts = openConflicts.size;
  return report;
}
