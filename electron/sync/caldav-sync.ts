// One sync pass of a CalDAV collection — reminders ↔ VTODO in a task list, interactions ↔
// VJOURNAL in Kith's journal — by the same rules as contacts (contact-sync.ts, docs/sync.md): a
// status row per item (href, ETag, each side's hash when they last agreed, the agreed iCalendar
// text as the merge base and the keeper of properties Kith does not model); one side changed: it
// is copied; both: a field-level three-way merge, and what does not merge is a conflict kept for
// the user (neither side touched until then). Every write is conditional (If-Match, or
// If-None-Match: * for a new item). Each item's local change and its status row are one
// transaction, written after the server accepted the write, so a kill at any point is redone by
// the next pass. A malformed item is read leniently, and what was left out is reported per item.
//
// Scale: Kith's side is read only for the items the server changed and those migration 0029's
// triggers marked as changed in Kith (sync_item_changes); a pass with nothing changed on either side
// reads no reminder and no interaction. A mark goes in the transaction that records the agreement,
// and only if no edit came after it was read.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { deleteCard, fetchCards, listChanges, putCard, type RemoteCard, type RemoteChanges } from './carddav';
import { itemHash, mergeItem, parseItem, writeItem, type CalendarItemKind, type ItemConflict, type ItemFields, type ParsedItem } from './caldav-items';
import { DavError, type DavClient } from './dav-client';
import { isPassing, isRefused, isStale, itemsToRead, statusRows } from './status-rows';
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
  /** how many of Kith's items this pass read (what the server changed and what Kith changed; 0 when neither did) */
  examined: number;
  /** conditional writes refused (412) because the server's copy changed since Kith read it: a full pass merges them */
  stale: number;
}

type ItemRow = Pick<SyncItemTable, 'item_id' | 'href' | 'etag' | 'local_hash' | 'remote_hash'>;

const ICS = 'text/calendar; charset=utf-8';

/**
 * `sendOnly`: only Kith's marked items go out, each write conditional as always; the server is not
 * asked what changed and the sync token stays. A write refused with 412 counts in `stale` and keeps
 * its mark, so the full pass that follows (accounts.ts) reads the server's copy and merges.
 */
export async function syncCalendarItems<F extends ItemFields>(env: { sqlite: Database.Database; client: DavClient; now: () => number }, kind: CalendarItemKind<F>, collection: CalendarCollection, options: { sendOnly?: boolean } = {}): Promise<CalendarSyncReport> {
  const { sqlite, client } = env;
  const KIND = kind.kind;
  const { accountId } = collection;
  const rows = statusRows(sqlite, accountId, KIND, env.now);
  const { openConflicts, problem } = rows;
  const report: CalendarSyncReport = { pulled: 0, pushed: 0, merged: 0, deleted: 0, conflicts: 0, problems: rows.problems, retry: 0, examined: 0, stale: 0 };
  const COLUMNS = `item_id, href, etag, local_hash, remote_hash`;
  const rowById = sqlite.prepare(`SELECT ${COLUMNS} FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`);
  const rowOf = (id: string) => rowById.get(accountId, KIND, id) as ItemRow | undefined;
  const baseOf = (id: string) => (sqlite.prepare(`SELECT base FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).pluck().get(accountId, KIND, id) as string | undefined) ?? '';
  /** Kith's items changed since they last agreed (migration 0029), with the number each was marked at */
  const marked = () => sqlite.prepare(`SELECT item_id, seq FROM sync_item_changes WHERE account_id = ? AND kind = ?`).all(accountId, KIND) as { item_id: string; seq: number }[];
  const unmark = sqlite.prepare(`DELETE FROM sync_item_changes WHERE account_id = ? AND kind = ? AND item_id = ? AND seq = ?`);
  const touched = new Set<string>();

  const changes: RemoteChanges = options.sendOnly ? { changed: [], deleted: [], syncToken: null, complete: false } : await listChanges(client, collection.url, collection.syncToken);
  // the status rows the server's answer is about: all of them for a full listing, else those its hrefs name
  const byHref = new Map<string, ItemRow>();
  if (changes.complete) {
    for (const row of sqlite.prepare(`SELECT ${COLUMNS} FROM sync_items WHERE account_id = ? AND kind = ?`).all(accountId, KIND) as ItemRow[]) byHref.set(row.href, row);
  } else {
    const rowByHref = sqlite.prepare(`SELECT ${COLUMNS} FROM sync_items WHERE account_id = ? AND href = ? AND kind = ?`);
    for (const href of [...changes.changed.map((c) => c.href), ...changes.deleted]) {
      const row = rowByHref.get(accountId, href, KIND) as ItemRow | undefined;
      if (row) byHref.set(href, row);
    }
  }
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

  const parse = (text: string) => parseItem(kind, text, sqlite);
  const parsedCards = cards.map((card) => ({ card, parsed: parse(card.text) }));
  // Kith's side: the items the server's changes are about, and those changed in Kith
  const wanted = itemsToRead(marked().map((m) => m.item_id), parsedCards, deleted, (href) => byHref.get(href));
  const local = wanted.size ? kind.readLocal(sqlite, [...wanted]) : new Map<string, F>();
  report.examined += wanted.size;

  /** a clean item clears its old problem; one read with changes says what was left out */
  const noteWarnings = (href: string, warnings: string[]) => {
    if (warnings.length) problem(href, `read with changes: ${warnings.join('; ')}`);
    else rows.clearProblem(href);
  };
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
      rows.save({ itemId: id, href: card.href, etag: card.etag, localHash: itemHash(parsed.fields), remoteHash: itemHash(parsed.fields, parsed.carried), base: card.text });
      noteWarnings(card.href, parsed.warnings);
      return result;
    })();
    if ('error' in written) {
      problem(card.href, written.error);
      return false;
    }
    return true;
  };

  const reconcile = async (id: string, mine: F, card: RemoteCard, parsed: ParsedItem<F>, base: F | null): Promise<void> => {
    const { merged, conflicts } = mergeItem(kind, base, mine, parsed.fields);
    if (conflicts.length) {
      rows.conflict(id, card, conflicts);
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
      rows.save({ itemId: id, href: card.href, etag, localHash: itemHash(merged), remoteHash: sameAsServer ? itemHash(parsed.fields, parsed.carried) : remoteHashOfText(text), base: text });
      return result;
    })();
    if ('error' in written) problem(card.href, written.error);
    else report.merged++;
  };

  // 1. what the server changed
  for (const { card, parsed } of parsedCards) {
    if ('error' in parsed) {
      problem(card.href, parsed.error);
      continue;
    }
    const item = byHref.get(card.href);
    if (item) {
      if (itemHash(parsed.fields, parsed.carried) === item.remote_hash) {
        sqlite.prepare(`UPDATE sync_items SET etag = ? WHERE account_id = ? AND kind = ? AND item_id = ?`).run(card.etag, accountId, KIND, item.item_id);
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
        const base = parse(baseOf(item.item_id));
        await reconcile(item.item_id, mine, card, parsed, 'error' in base ? null : base.fields);
      }
      continue;
    }
    const uid = parsed.uid;
    const twin = uid ? local.get(uid) : undefined;
    if (twin && uid && !rowOf(uid)) {
      touched.add(uid);
      await reconcile(uid, twin, card, parsed, null);
      continue;
    }
    const id = uid && !local.has(uid) && !rowOf(uid) && /^[A-Za-z0-9._:@-]{1,100}$/.test(uid) ? uid : randomUUID();
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
      rows.forget(item.item_id);
      if (mine && !changedHere) kind.deleteLocal(sqlite, item.item_id, env.now());
    })();
    if (mine && !changedHere) report.deleted++;
    if (!changedHere) touched.add(item.item_id);
  }

  // 3. what Kith changed: the marked items, read again (a pull above may have changed one on the way in, and marked it)
  const pending = marked();
  const now = pending.length ? kind.readLocal(sqlite, pending.map((p) => p.item_id)) : new Map<string, F>();
  report.examined += pending.length;
  for (const { item_id: id, seq } of pending) {
    if (openConflicts.has(id)) continue; // nothing goes out until the user decides; the mark stays
    const mine = now.get(id);
    const item = rowOf(id);
    if (!mine) {
      // deleted in Kith (or no longer one it syncs): removed from the server only if it is still the version Kith knows
      if (!item) unmark.run(accountId, KIND, id, seq);
      if (!item || touched.has(id)) continue;
      try {
        await deleteCard(client, item.href, item.etag ?? '*');
        sqlite.transaction(() => {
          rows.forget(id);
          unmark.run(accountId, KIND, id, seq);
        })();
        report.deleted++;
      } catch (err) {
        if (isStale(err)) report.stale++;
        if (isPassing(err)) report.retry++;
        else throw err;
      }
      continue;
    }
    const localHash = itemHash(mine);
    if (item && localHash === item.local_hash) {
      unmark.run(accountId, KIND, id, seq); // written without a change the item carries
      continue;
    }
    const base = item ? parse(baseOf(id)) : null;
    const carried = base && !('error' in base) ? base.carried : [];
    const uid = base && !('error' in base) && base.uid ? base.uid : id;
    const text = writeItem(kind, uid, mine, carried, env.now(), sqlite);
    const href = item?.href ?? new URL(`${encodeURIComponent(id)}.ics`, collection.url).href;
    try {
      const etag = item?.etag ? await putCard(client, href, text, { ifMatch: item.etag }, ICS) : await putCard(client, href, text, { create: true }, ICS);
      sqlite.transaction(() => {
        rows.save({ itemId: id, href, etag, localHash, remoteHash: remoteHashOfText(text), base: text });
        unmark.run(accountId, KIND, id, seq);
      })();
      report.pushed++;
    } catch (err) {
      if (err instanceof DavError && err.kind === 'precondition' && !item) {
        // already there (a pass killed after its PUT, or the other Kith made it): read it and merge
        const [card] = await fetchCards(client, collection.url, [href], 'calendar').catch(() => []);
        const parsed = card ? parse(card.text) : null;
        if (card && parsed && !('error' in parsed)) await reconcile(id, mine, card, parsed, null);
        else report.retry++;
      } else if (isPassing(err)) {
        if (isStale(err)) report.stale++; // changed on the server since: merged by a full pass
        report.retry++;
      } else if (isRefused(err)) problem(href, `the server refused the item: ${(err as Error).message}`);
      else throw err;
    }
  }

  if (report.retry === 0 && changes.syncToken) {
    sqlite.prepare(`UPDATE sync_collections SET sync_token = ? WHERE account_id = ? AND kind = ?`).run(changes.syncToken, accountId, KIND);
  }
  report.conflicts = openConflicts.size;
  return report;
}
