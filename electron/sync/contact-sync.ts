// One sync pass of Kith's contacts with a CardDAV address book (docs/sync.md). After vdirsyncer:
// each item has a status row (href, ETag, the hash of each side when they last agreed, the agreed
// card); a side whose hash moved has changed. One side changed: it is copied to the other. Both:
// a field-level three-way merge against the agreed card; what cannot be merged is a conflict the
// user decides, and until then neither side is touched. Writes to the server are conditional
// (If-Match, If-None-Match: *); a refused one is taken up again by the next pass.
//
// Crash safety: every local change and its status row are written in one transaction, after the
// server has accepted the write. A kill between the two leaves a status row that is behind on both
// sides; the next pass then finds both sides equal and only records that. The sync token is saved
// only when a pass has met no transient failure, so a broken pass is simply done again.
//
// Scale: a pass reads only the contacts it has to — those the server changed, and those whose change
// number (migration 0020's triggers) moved past their status row's — never every contact; the agreed
// cards (the bases) are read one by one when an item needs its base. A pass whose address book's
// CTag has not moved since the last one skips the change list; cards go out several PUTs at a time,
// and the status rows (with the contacts, for what came in) are written a stretch in one transaction.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fetchCards, listChanges, putCard, deleteCard, readAllCards, readCardBatches, type RemoteCard } from './carddav';
import { DavError, parseMultistatus, propText, type DavClient } from './dav-client';
import { fitPhotoUrl } from '../services/photoFit';
import { contentHash, parseCard, uidProperty, unknownPeerRelations, unknownProperties, writeCard, type CardFields, type ParsedCard } from './card-fields';
import { changedContactIds, changeSeq, readLocalContacts, writeLocalContact, type LocalContact } from './local-contacts';
import { mergeFields } from './merge';
import { isPassing, isRefused, isStale, itemsToRead, statusRows, type AgreedItem } from './status-rows';
import type { TagIds } from '../services/contacts';
import { prepared } from '../../db/prepared';
import type { SyncItemTable } from '../../db/schema';
import type { SyncRunProgress } from '../../shared/domain/sync';

export interface ContactCollection {
  accountId: string;
  url: string;
  vcardVersion: '3.0' | '4.0';
  syncToken: string | null;
}

export type SyncProgress = Omit<SyncRunProgress, 'accountId'>;

export interface ContactSyncReport {
  /** server changes written into Kith (new contacts included) */
  pulled: number;
  /** Kith changes written to the server (new cards included) */
  pushed: number;
  /** edits on both sides merged without a conflict */
  merged: number;
  /** contacts archived because the server deleted them */
  archived: number;
  /** cards removed from the server after the user confirmed */
  deleted: number;
  /** conflicts recorded in this pass (and still open) */
  conflicts: number;
  /** contacts archived in Kith that wait for the user to confirm removal from the server */
  awaitingDeletion: number;
  /** cards that could not be applied, by href */
  problems: { href: string; reason: string }[];
  /** writes refused or failed for a passing reason; taken up again next time */
  retry: number;
  /** conditional writes refused (412) because the server's card changed since Kith read it: a full pass merges them */
  stale: number;
  /** a full listing was made (no token, or the server forgot it) */
  fullListing: boolean;
  /** the collection's CTag had not moved since the last pass: the server was not asked for its changes */
  listingSkipped: boolean;
}

type ItemRow = Omit<SyncItemTable, 'account_id' | 'kind' | 'synced_at' | 'base' | 'merged_into'>;

export interface SyncEnv {
  sqlite: Database.Database;
  client: DavClient;
  now: () => number;
  onProgress?: (p: SyncProgress) => void;
}

const KIND = 'contacts';
/** contacts read from Kith at a time for sending (a first sync sends all of them) */
const SEND_BATCH = 100;
/** cards applied between two yields to other calls: their pulls are written in one transaction */
const PULL_STRETCH = 25;
/** PUTs in flight at once: Kith prepares the next cards while the server stores one (radicale takes its
 *  write lock per PUT, so more than a few only queue there) */
const SEND_CONCURRENCY = 6;
/** more cards than this to read after a full listing: one addressbook-query for all, not a multiget per 100 */
const BULK_READ = 100;

/**
 * `sendOnly`: only Kith's changes go out, each write conditional as always (a card the server
 * changed meanwhile answers 412 and waits for the next full pass, which merges it); the server is
 * not asked what changed and the sync token stays as it was.
 */
export async function syncContacts(env: SyncEnv, collection: ContactCollection, options: { sendOnly?: boolean } = {}): Promise<ContactSyncReport> {
  const { sqlite, client } = env;
  const rows = statusRows(sqlite, collection.accountId, KIND, env.now);
  const { openConflicts, problem, clearProblem } = rows;
  const report: ContactSyncReport = { pulled: 0, pushed: 0, merged: 0, archived: 0, deleted: 0, conflicts: 0, awaitingDeletion: 0, problems: rows.problems, retry: 0, stale: 0, fullListing: false, listingSkipped: false };
  const tags: TagIds = new Map();
  // status rows are read where an item needs its own (never all 10,000 for a pass with one change)
  const COLUMNS = `item_id, href, etag, local_hash, remote_hash, deletion, local_seq`;
  const rowById = sqlite.prepare(`SELECT ${COLUMNS} FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`);
  const rowByHref = sqlite.prepare(`SELECT ${COLUMNS} FROM sync_items WHERE account_id = ? AND href = ? AND kind = ?`);
  const itemOf = (id: string) => rowById.get(collection.accountId, KIND, id) as ItemRow | undefined;
  const itemAt = (href: string) => rowByHref.get(collection.accountId, href, KIND) as ItemRow | undefined;
  /** the card's relationships to people Kith does not have, which Kith's fields cannot hold: written back as they were */
  const inKith = (uid: string) => !!prepared(sqlite, `SELECT 1 FROM contacts WHERE id = ?`).get(uid);
  const carriedRelations = (card: string, fields: CardFields) => unknownPeerRelations(card, fields, inKith);
  const baseOf = (itemId: string) => (prepared(sqlite, `SELECT base FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).pluck().get(collection.accountId, KIND, itemId) as string | undefined) ?? '';
  const touched = new Set<string>();

  env.onProgress?.({ phase: 'listing', done: 0, total: 0 });
  // "anything new?" first by the collection's CTag, which radicale answers in a fraction of a change
  // list's time and xandikos at once: unchanged since the last pass that ended with the token Kith
  // holds, so no listing (Kith's own changes still go out below)
  const ctag = options.sendOnly ? null : await collectionCtag(client, collection.url);
  const unchangedOnServer = ctag !== null && collection.syncToken !== null && sameCtag(sqlite, collection, ctag);
  const changes = options.sendOnly || unchangedOnServer ? { changed: [], deleted: [], syncToken: null, complete: false } : await listChanges(client, collection.url, collection.syncToken);
  report.listingSkipped = unchangedOnServer;
  report.fullListing = changes.complete;
  const toFetch = changes.changed
    .filter((c) => {
      const item = itemAt(c.href);
      return !item || !c.etag || c.etag !== item.etag; // our own writes come back with the ETag we stored
    })
    .map((c) => c.href);
  const deleted = new Set(changes.deleted);
  if (changes.complete) {
    const listed = new Set(changes.changed.map((c) => c.href));
    for (const href of sqlite.prepare(`SELECT href FROM sync_items WHERE account_id = ? AND kind = ?`).pluck().all(collection.accountId, KIND) as string[]) if (!listed.has(href)) deleted.add(href);
  }
  changes.changed.length = 0; // a first sync's listing is 10,000 entries: not kept while the cards are read

  const localHashOf = (id: string) => {
    const fresh = readLocalContacts(sqlite, [id]).get(id);
    return fresh ? contentHash(fresh.fields) : '';
  };
  /** contacts whose introducer was not in Kith when their card came in: linked once it has come in too (a first sync) */
  const lateIntroducers = new Map<string, string>();

  /** an edit in Kith since `mine` was read (the pass awaits the server between reading and writing): not overwritten, the next pass merges it */
  const editedSince = (mine: LocalContact | undefined, id: string) => (mine ? changeSeq(sqlite, id) !== mine.seq : false);

  /**
   * The server's card becomes Kith's contact (made when `create`); with its status row, in one
   * transaction. Queued, and written with the others of its stretch of the batch in one transaction
   * (each its own savepoint, in order) before the pass next awaits: a first sync of 10,000 cards
   * commits a few hundred times, not 10,000, and a kill still leaves each card either whole or not there.
   */
  const queued: { id: string; write: () => void }[] = [];
  const pull = (id: string, card: RemoteCard, parsed: ParsedCard, create: boolean, mine?: LocalContact): void => {
    queued.push({
      id,
      write: () => {
        const introducer = parsed.fields.introducedBy;
        if (introducer && !inKith(introducer)) lateIntroducers.set(id, introducer);
        const written = sqlite.transaction(() => {
          if (editedSince(mine, id)) return { retry: true as const };
          const result = writeLocalContact(sqlite, id, parsed.fields, env.now(), create, tags);
          if ('error' in result) return result;
          rows.save({ itemId: id, href: card.href, etag: card.etag, localHash: localHashOf(id), remoteHash: contentHash(parsed.fields, parsed.unknown), base: card.text, localSeq: changeSeq(sqlite, id) });
          clearProblem(card.href);
          return result;
        })();
        if ('retry' in written) report.retry++;
        else if ('error' in written) {
          tags.clear();
          problem(card.href, written.error);
        } else report.pulled++;
      },
    });
  };
  /** the queued pulls, written now */
  const flush = () => {
    if (!queued.length) return;
    const writes = queued.splice(0);
    sqlite.transaction(() => {
      for (const q of writes) q.write();
    })();
  };

  /**
   * Both sides changed (or both made the same contact): merge against the base. No conflict: the
   * merged contact goes to both sides (the server only if it differs from what it has). A conflict:
   * recorded, both sides left as they are.
   */
  const reconcile = async (mine: LocalContact, card: RemoteCard, parsed: ParsedCard, base: ParsedCard | null): Promise<void> => {
    const { merged, conflicts } = mergeFields(base?.fields ?? null, mine.fields, parsed.fields);
    if (conflicts.length) {
      rows.conflict(mine.id, card, conflicts);
      report.conflicts++;
      return;
    }
    const sameAsServer = contentHash(merged) === contentHash(parsed.fields);
    let etag = card.etag;
    let text = card.text;
    if (!sameAsServer) {
      text = writeCard(mine.id, merged, [...parsed.unknown, ...carriedRelations(card.text, merged)], collection.vcardVersion, env.now(), uidProperty(card.text));
      try {
        etag = card.etag ? await putCard(client, card.href, text, { ifMatch: card.etag }) : await putCard(client, card.href, text, { create: true });
      } catch (err) {
        if (isPassing(err)) return void report.retry++;
        if (isRefused(err)) return void problem(card.href, `the server refused Kith's merged card: ${(err as Error).message}`);
        throw err;
      }
    }
    const written = sqlite.transaction(() => {
      // edited in Kith while the merged card was on its way: the server has the merge, Kith keeps the
      // edit, and the item stays "changed in Kith" (its base is the merged card), so the next pass sends it
      const since = editedSince(mine, mine.id);
      const result = since || contentHash(merged) === contentHash(mine.fields) ? { ok: true as const } : writeLocalContact(sqlite, mine.id, merged, env.now(), false, tags);
      if ('error' in result) return result;
      const remoteHash = sameAsServer ? contentHash(parsed.fields, parsed.unknown) : remoteHashOfText(text);
      rows.save({ itemId: mine.id, href: card.href, etag: sameAsServer ? card.etag : etag, localHash: since ? contentHash(merged) : localHashOf(mine.id), remoteHash, base: text, localSeq: since ? mine.seq : changeSeq(sqlite, mine.id) });
      return result;
    })();
    if ('error' in written) problem(card.href, written.error);
    else report.merged++;
  };

  // 1. what the server changed, one multiget batch at a time: read, parsed, applied, then let go
  env.onProgress?.({ phase: 'reading', done: 0, total: toFetch.length });
  let done = 0;
  // many cards to read after a full listing (a first sync): all of them in one streamed query, else multigets of 100
  const bulk = changes.complete && toFetch.length > BULK_READ;
  let received = 0;
  for await (const batch of bulk ? readAllCards(client, collection.url, new Set(toFetch)) : readCardBatches(client, collection.url, toFetch)) {
    received += batch.cards.length;
    const parsedCards = batch.cards.map((card) => ({ card, parsed: parseCard(card.text) }));
    // a photo larger than Kith keeps is scaled down once here, the same way every pass (so it reads as unchanged)
    for (const { parsed } of parsedCards) {
      if ('error' in parsed || !parsed.fields.photo) continue;
      const fitted = await fitPhotoUrl(parsed.fields.photo);
      if ('url' in fitted) parsed.fields.photo = fitted.url;
    }
    // Kith's side of this batch: the contacts its cards are about (by status row, or by UID)
    const local = readLocalContacts(sqlite, [...itemsToRead([], parsedCards, [], itemAt)]);
    for (const { card, parsed } of parsedCards) {
      env.onProgress?.({ phase: 'applying', done: done++, total: toFetch.length });
      if (done % PULL_STRETCH === 0) {
        flush();
        await yieldToOthers(); // a first sync of thousands of cards must not hold the process
      }
      if ('error' in parsed) {
        problem(card.href, parsed.error);
        continue;
      }
      const item = itemAt(card.href);
      if (item) {
        const remoteHash = contentHash(parsed.fields, parsed.unknown);
        if (remoteHash === item.remote_hash) {
          // the same content under a new ETag (the server rewrote PRODID or folding): only the ETag is new;
          // a change in Kith still goes out below, with If-Match on this ETag
          prepared(sqlite, `UPDATE sync_items SET etag = ? WHERE account_id = ? AND kind = ? AND item_id = ?`).run(card.etag, collection.accountId, KIND, item.item_id);
          continue;
        }
        touched.add(item.item_id);
        const mine = local.get(item.item_id);
        if (!mine) {
          // deleted in Kith, edited on the server: the edit wins, the contact comes back
          pull(item.item_id, card, parsed, true);
          continue;
        }
        const localChanged = contentHash(mine.fields) !== item.local_hash;
        if (!localChanged) {
          pull(item.item_id, card, parsed, false, mine);
        } else {
          const base = parseCard(baseOf(item.item_id));
          flush();
          await reconcile(mine, card, parsed, 'error' in base ? null : base);
        }
        continue;
      }
      // a card Kith has no status for: the same contact made on both sides (its UID is a Kith id), or new
      const uid = parsed.uid;
      const twin = uid ? local.get(uid) : undefined;
      if (twin && !itemOf(twin.id)) {
        touched.add(twin.id);
        flush();
        await reconcile(twin, card, parsed, null);
        continue;
      }
      const id = uid && !local.has(uid) && !itemOf(uid) && !queued.some((q) => q.id === uid) && /^[A-Za-z0-9._:@-]{1,100}$/.test(uid) ? uid : randomUUID();
      touched.add(id);
      pull(id, card, parsed, true);
    }
    flush(); // before the next batch is awaited (and its contacts read)
  }
  if (received < toFetch.length) report.retry += toFetch.length - received; // gone between listing and reading: next pass

  for (const [id, introducer] of lateIntroducers) {
    if (!inKith(introducer) || !sqlite.prepare(`SELECT 1 FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).get(collection.accountId, KIND, id)) continue;
    sqlite.transaction(() => {
      sqlite.prepare(`UPDATE contacts SET introduced_by_id = ? WHERE id = ? AND introduced_by_id IS NULL`).run(introducer, id);
      sqlite.prepare(`UPDATE sync_items SET local_hash = ?, local_seq = ? WHERE account_id = ? AND kind = ? AND item_id = ?`).run(localHashOf(id), changeSeq(sqlite, id), collection.accountId, KIND, id);
    })();
  }

  // 2. what the server deleted: archived in Kith (undo restores it), unless Kith changed it since, then it goes back up
  const reupload = new Set<string>();
  for (const href of deleted) {
    const item = itemAt(href);
    if (!item || touched.has(item.item_id)) continue;
    touched.add(item.item_id);
    const mine = readLocalContacts(sqlite, [item.item_id]).get(item.item_id); // read again: the pass has awaited the server since
    const changedHere = mine && contentHash(mine.fields) !== item.local_hash && !openConflicts.has(item.item_id);
    sqlite.transaction(() => {
      rows.forget(item.item_id);
      if (mine && !changedHere && mine.archivedAt === null) {
        const now = env.now();
        sqlite.prepare(`UPDATE contacts SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL`).run(now, now, item.item_id);
        report.archived++;
      }
    })();
    if (changedHere) {
      touched.delete(item.item_id); // uploaded again below, as a new card
      reupload.add(item.item_id);
    }
  }

  // 3. what Kith changed (found by change numbers), read a batch of contacts at a time: a first sync sends every contact
  const pendingIds = [...new Set([...changedContactIds(sqlite, collection.accountId), ...reupload])].filter((id) => !touched.has(id) && !openConflicts.has(id));
  // status rows whose contact is gone from Kith (deleted, or merged into another): removed from the server once the user confirms
  const gone = (sqlite.prepare(`SELECT item_id FROM sync_items i WHERE account_id = ? AND kind = ? AND (deletion IS NULL OR deletion = 'confirmed') AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = i.item_id)`).pluck().all(collection.accountId, KIND) as string[])
    .filter((id) => !touched.has(id) && !openConflicts.has(id))
    .map((id) => itemOf(id))
    .filter((i): i is ItemRow => !!i);
  const total = pendingIds.length + gone.length;
  const unchanged: { id: string; seq: number }[] = [];
  done = 0;
  for (let i = 0; i < pendingIds.length; i += SEND_BATCH) {
    const local = readLocalContacts(sqlite, pendingIds.slice(i, i + SEND_BATCH));
    const toSend: { mine: LocalContact; item: ItemRow | undefined; localHash: string }[] = [];
    for (const mine of local.values()) {
      const item = itemOf(mine.id);
      if (!item && mine.archivedAt !== null) continue; // archived before it was ever synced: stays in Kith only
      const localHash = contentHash(mine.fields);
      if (item && mine.archivedAt !== null) {
        await removeFromServer(item, mine);
        continue;
      }
      if (item?.deletion) prepared(sqlite, `UPDATE sync_items SET deletion = NULL, merged_into = NULL WHERE account_id = ? AND kind = ? AND item_id = ?`).run(collection.accountId, KIND, mine.id); // restored (or its merge undone)
      if (item && localHash === item.local_hash) {
        unchanged.push({ id: mine.id, seq: mine.seq }); // written without a change sync carries: no longer "waiting to send"
        continue;
      }
      toSend.push({ mine, item, localHash });
    }
    // the chunk's PUTs, SEND_CONCURRENCY at a time (each conditional as always); the status rows of
    // those the server took are written in one transaction when the chunk is done. A kill before it
    // leaves those cards on the server without rows: the next pass's create meets 412 and merges them
    // with what it reads (an update's old If-Match meets 412 too, and the full pass merges), as for one
    const accepted: AgreedItem[] = [];
    try {
      await inPool(toSend, SEND_CONCURRENCY, async ({ mine, item, localHash }) => {
        env.onProgress?.({ phase: 'sending', done: done++, total });
        const base = item ? baseOf(item.item_id) : '';
        const text = writeCard(mine.id, mine.fields, item ? [...unknownProperties(base), ...carriedRelations(base, mine.fields)] : [], collection.vcardVersion, env.now(), item ? uidProperty(base) : null);
        const href = item?.href ?? new URL(`${encodeURIComponent(mine.id)}.vcf`, collection.url).href;
        try {
          const etag = item?.etag ? await putCard(client, href, text, { ifMatch: item.etag }) : await putCard(client, href, text, { create: true });
          accepted.push({ itemId: mine.id, href, etag, localHash, remoteHash: remoteHashOfText(text), base: text, localSeq: mine.seq });
        } catch (err) {
          if (err instanceof DavError && err.kind === 'precondition' && !item) {
            // a card is already there (a pass killed after its PUT, or the other Kith made it): read it and merge
            const [card] = await fetchCards(client, collection.url, [href]).catch(() => []);
            const parsed = card ? parseCard(card.text) : null;
            if (card && parsed && !('error' in parsed)) await reconcile(mine, card, parsed, null);
            else report.retry++;
          } else if (isPassing(err)) {
            if (isStale(err)) report.stale++; // 412 on an update: the server changed it; a full pass merges
            report.retry++;
          } else if (isRefused(err)) problem(href, `the server refused the card: ${(err as Error).message}`);
          else throw err;
        }
      });
    } finally {
      if (accepted.length) {
        sqlite.transaction(() => {
          for (const agreed of accepted) rows.save(agreed);
        })();
        report.pushed += accepted.length;
      }
    }
  }
  for (const item of gone) await removeFromServer(item);
  const settle = sqlite.prepare(`UPDATE sync_items SET local_seq = ? WHERE account_id = ? AND kind = ? AND item_id = ? AND local_seq < ?`);
  sqlite.transaction(() => {
    for (const mine of unchanged) settle.run(mine.seq, collection.accountId, KIND, mine.id, mine.seq);
  })();

  /** `mine`: the archived contact (none when it is gone from Kith) */
  async function removeFromServer(item: ItemRow, mine?: LocalContact): Promise<void> {
    if (item.deletion === 'confirmed') {
      try {
        await deleteCard(client, item.href, item.etag ?? '*');
        sqlite.prepare(`DELETE FROM sync_items WHERE account_id = ? AND kind = ? AND item_id = ?`).run(collection.accountId, KIND, item.item_id);
        report.deleted++;
      } catch (err) {
        if (isStale(err)) report.stale++;
        if (isPassing(err)) report.retry++; // changed on the server since: the next full pass brings the change in
        else throw err;
      }
      return;
    }
    // asked once; looked at again when the user confirms, or restores the contact (its change number moves)
    if (item.deletion === null) sqlite.prepare(`UPDATE sync_items SET deletion = 'asked', local_seq = max(local_seq, ?) WHERE account_id = ? AND kind = ? AND item_id = ?`).run(mine?.seq ?? 0, collection.accountId, KIND, item.item_id);
  }

  if (report.retry === 0 && changes.syncToken) {
    sqlite.prepare(`UPDATE sync_collections SET sync_token = ? WHERE account_id = ? AND kind = ?`).run(changes.syncToken, collection.accountId, KIND);
    // the CTag read before the listing: the server has changed nothing since if it still says it (Kith's own writes move it)
    if (ctag !== null) rememberCtag(sqlite, collection, changes.syncToken, ctag);
  } else if (report.retry > 0 && changes.complete) {
    // nothing to keep: a full listing is made again next time
  }
  report.conflicts = openConflicts.size;
  report.awaitingDeletion = sqlite.prepare(`SELECT count(*) FROM sync_items WHERE account_id = ? AND kind = ? AND deletion = 'asked'`).pluck().get(collection.accountId, KIND) as number;
  return report;
}

/** `work` on each of `items`, at most `limit` at a time; every started one is awaited before the first failure is thrown */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failed: unknown[] = [];
  const worker = async () => {
    while (next < items.length && !failed.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (err) {
        failed.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed.length) throw failed[0];
}

/**
 * The CTag (calendarserver.org getctag) each collection had when a pass that saved its sync token
 * began, per database: kept in memory, so the first pass after a start always asks for the change list.
 */
const ctags = new WeakMap<Database.Database, Map<string, { token: string; ctag: string }>>();
const ctagKey = (c: ContactCollection) => `${c.accountId} ${c.url}`;

function sameCtag(sqlite: Database.Database, collection: ContactCollection, ctag: string): boolean {
  const known = ctags.get(sqlite)?.get(ctagKey(collection));
  return !!known && known.token === collection.syncToken && known.ctag === ctag;
}

function rememberCtag(sqlite: Database.Database, collection: ContactCollection, token: string, ctag: string): void {
  let known = ctags.get(sqlite);
  if (!known) ctags.set(sqlite, (known = new Map()));
  known.set(ctagKey(collection), { token, ctag });
}

/**
 * The collection's CTag, or null when the server has none or does not answer: the pass then asks for
 * its change list as always (which reports a real failure). Given a listing's time: radicale walks
 * every card for it, if faster than for a change list.
 */
async function collectionCtag(client: DavClient, url: string): Promise<string | null> {
  try {
    const res = await client.request('PROPFIND', url, {
      slow: true,
      headers: { depth: '0' },
      body: `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/></d:prop></d:propfind>`,
      expect: [207],
    });
    const [entry] = parseMultistatus(res.body, url);
    return propText(entry?.props.getctag) || null;
  } catch (err) {
    if (err instanceof DavError) return null;
    throw err;
  }
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

function remoteHashOfText(text: string): string {
  const parsed = parseCard(text);
  return 'error' in parsed ? '' : contentHash(parsed.fields, parsed.unknown);
}

export type { CardFields };
