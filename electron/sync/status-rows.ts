// What a sync pass records per item, the same for contacts (contact-sync.ts) and calendars
// (caldav-sync.ts): the status row of an item both sides agree on (its conflict, if any, is then
// over), a conflict kept for the user, a problem with one item reported by href; and which server
// failures are passing (the next pass redoes the item) or a refusal of that one item.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DavError } from './dav-client';
import { prepared } from '../../db/prepared';
import type { RemoteCard } from './carddav';
import type { SyncKind } from '../../db/schema';

export interface AgreedItem {
  itemId: string;
  href: string;
  etag: string | null;
  localHash: string;
  remoteHash: string;
  /** the text both sides agree on: the next merge's base */
  base: string;
  /** contacts: the change number the agreed fields were read at (0 for calendar items, which use sync_item_changes) */
  localSeq?: number;
}

/** one account's collection of one kind */
export function statusRows(sqlite: Database.Database, accountId: string, kind: SyncKind, now: () => number) {
  const upsert = sqlite.prepare(
    `INSERT INTO sync_items (account_id, kind, item_id, href, etag, local_hash, remote_hash, base, deletion, synced_at, local_seq, merged_into) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)
     ON CONFLICT (account_id, kind, item_id) DO UPDATE SET href = excluded.href, etag = excluded.etag, local_hash = excluded.local_hash, remote_hash = excluded.remote_hash, base = excluded.base, deletion = NULL, synced_at = excluded.synced_at, local_seq = excluded.local_seq, merged_into = NULL`,
  );
  const dropConflict = sqlite.prepare(`DELETE FROM sync_conflicts WHERE account_id = ? AND kind = ? AND item_id = ?`);
  const openConflicts = new Set((sqlite.prepare(`SELECT item_id FROM sync_conflicts WHERE account_id = ? AND kind = ?`).pluck().all(accountId, kind) as string[]));
  const problems: { href: string; reason: string }[] = [];
  return {
    /** items with a conflict the user has not decided yet: neither side is touched */
    openConflicts,
    /** what was reported in this pass */
    problems,
    /** both sides agree on `item`: its status row, and the end of its conflict */
    save(item: AgreedItem): void {
      upsert.run(accountId, kind, item.itemId, item.href, item.etag, item.localHash, item.remoteHash, item.base, now(), item.localSeq ?? 0);
      dropConflict.run(accountId, kind, item.itemId);
      openConflicts.delete(item.itemId);
    },
    /** the status row and any conflict of an item gone from one side */
    forget(itemId: string): void {
      prepared(sqlite, `DELETE FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).run(accountId, kind, itemId);
      dropConflict.run(accountId, kind, itemId);
      openConflicts.delete(itemId);
    },
    /** both sides changed a field differently: kept for the user with the server's copy as it was seen */
    conflict(itemId: string, card: RemoteCard, fields: unknown[]): void {
      sqlite
        .prepare(
          `INSERT INTO sync_conflicts (id, account_id, kind, item_id, href, remote_etag, remote_card, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (account_id, kind, item_id) DO UPDATE SET href = excluded.href, remote_etag = excluded.remote_etag, remote_card = excluded.remote_card, fields = excluded.fields`,
        )
        .run(randomUUID(), accountId, kind, itemId, card.href, card.etag, card.text, JSON.stringify(fields), now());
      openConflicts.add(itemId);
    },
    problem(href: string, reason: string): void {
      problems.push({ href, reason });
      prepared(sqlite, `INSERT INTO sync_problems (account_id, href, reason, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, href) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`).run(accountId, href, reason, now());
    },
    clearProblem(href: string): void {
      prepared(sqlite, `DELETE FROM sync_problems WHERE account_id = ? AND href = ?`).run(accountId, href);
    },
  };
}

/**
 * The items a pass reads on Kith's side: those changed in Kith, those the server's changed cards
 * are about (by status row, or by UID for a card Kith has no row for), and those the server deleted.
 */
export function itemsToRead(changedHere: Iterable<string>, cards: { card: { href: string }; parsed: { uid: string | null } | { error: string } }[], deleted: Iterable<string>, rowAt: (href: string) => { item_id: string } | undefined): Set<string> {
  const wanted = new Set(changedHere);
  for (const { card, parsed } of cards) {
    const item = rowAt(card.href);
    if (item) wanted.add(item.item_id);
    if (!('error' in parsed) && parsed.uid) wanted.add(parsed.uid);
  }
  for (const href of deleted) {
    const item = rowAt(href);
    if (item) wanted.add(item.item_id);
  }
  return wanted;
}

/** the server would not take this one item (409, 415, 403 on it…): reported with the item, the rest goes on */
export function isRefused(err: unknown): boolean {
  return err instanceof DavError && err.kind === 'protocol' && (err.status ?? 0) >= 400 && (err.status ?? 0) < 500;
}

/** a failure the next pass may not meet: a refused condition, the server busy or unreachable */
export function isPassing(err: unknown): boolean {
  return err instanceof DavError && (err.kind === 'precondition' || err.kind === 'server' || err.kind === 'offline' || err.kind === 'timeout' || err.kind === 'not_found');
}

/** a conditional write refused because the server's copy changed since Kith read it (412 on If-Match) */
export function isStale(err: unknown): boolean {
  return err instanceof DavError && err.kind === 'precondition';
}
