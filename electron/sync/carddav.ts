// CardDAV (RFC 6352) over the DAV client: finding the address books (RFC 6764: .well-known, then
// current-user-principal and addressbook-home-set), listing what changed (RFC 6578 sync-collection,
// or every ETag when the server has no sync or forgot the token), reading cards in batches
// (addressbook-multiget) and conditional writes.
import { DavClient, DavError, multistatusSyncToken, parseMultistatus, propHrefs, propText, type MultistatusEntry } from './dav-client';

export interface AddressBookInfo {
  url: string;
  name: string;
  /** the newest vCard version the server says it stores; '3.0' when it names only 3.0 */
  vcardVersion: '3.0' | '4.0';
  supportsSyncCollection: boolean;
}

export interface RemoteChanges {
  /** hrefs created or changed, with their new ETag */
  changed: { href: string; etag: string | null }[];
  deleted: string[];
  /** the token to ask with next time (null: the server has none) */
  syncToken: string | null;
  /** true when the answer is every item (a full listing), so what is missing from it was deleted */
  complete: boolean;
}

export interface RemoteCard {
  href: string;
  etag: string | null;
  text: string;
}

const BATCH = 100;

/** every address book the account can see, starting from a server URL (or its origin) */
export async function discoverAddressBooks(client: DavClient, serverUrl: string): Promise<AddressBookInfo[]> {
  const start = new URL(serverUrl);
  // the URL may already be an address book
  const direct = await describeCollections(client, start.href, '0').catch((err: unknown) => (err instanceof DavError && (err.kind === 'not_found' || err.kind === 'protocol') ? [] : Promise.reject(err)));
  if (direct.length) return direct;
  const principal = await findPrincipal(client, start);
  const home = await client.propfind(principal, '<card:addressbook-home-set/>', '0');
  const homes = home.flatMap((e) => propHrefs(e.props['addressbook-home-set'], principal));
  if (!homes.length) return [];
  const books: AddressBookInfo[] = [];
  for (const url of homes) books.push(...(await describeCollections(client, url, '1')));
  return books;
}

async function findPrincipal(client: DavClient, start: URL): Promise<string> {
  const candidates = [start.href, new URL('/.well-known/carddav', start).href, new URL('/', start).href];
  let lastError: unknown = null;
  for (const url of candidates) {
    try {
      const entries = await client.propfind(url, '<d:current-user-principal/>', '0');
      const principal = entries.flatMap((e) => propHrefs(e.props['current-user-principal'], url))[0];
      if (principal) return principal;
    } catch (err) {
      if (err instanceof DavError && (err.kind === 'auth' || err.kind === 'offline' || err.kind === 'tls' || err.kind === 'timeout')) throw err;
      lastError = err;
    }
  }
  throw lastError instanceof DavError ? lastError : new DavError('protocol', 'The server does not say where your address books are (no current-user-principal)');
}

async function describeCollections(client: DavClient, url: string, depth: '0' | '1'): Promise<AddressBookInfo[]> {
  const entries = await client.propfind(url, '<d:resourcetype/><d:displayname/><card:supported-address-data/><d:supported-report-set/>', depth);
  return entries.filter((e) => isAddressBook(e)).map((e) => describe(e));
}

function isAddressBook(e: MultistatusEntry): boolean {
  const type = e.props.resourcetype;
  return !!type && typeof type === 'object' && 'addressbook' in type;
}

function describe(e: MultistatusEntry): AddressBookInfo {
  const data = e.props['supported-address-data'] as { 'content-type'?: { '@version'?: string }[] } | undefined;
  const versions = (data?.['content-type'] ?? []).map((c) => c['@version']).filter(Boolean);
  const reports = e.props['supported-report-set'] as { 'supported-report'?: { report?: Record<string, unknown> }[] } | undefined;
  const supportsSync = JSON.stringify(reports ?? {}).includes('sync-collection');
  const name = propText(e.props.displayname) || decodeURIComponent(new URL(e.href).pathname.split('/').filter(Boolean).pop() ?? 'Contacts');
  return {
    url: e.href.endsWith('/') ? e.href : e.href + '/',
    name,
    vcardVersion: versions.length && !versions.includes('4.0') ? '3.0' : '4.0',
    supportsSyncCollection: supportsSync,
  };
}

/** changes since `token`; without a token (or when the server forgot it) every item with its ETag */
export async function listChanges(client: DavClient, collectionUrl: string, token: string | null): Promise<RemoteChanges> {
  if (token) {
    try {
      return await syncCollection(client, collectionUrl, token);
    } catch (err) {
      if (!(err instanceof DavError) || (err.kind !== 'token_expired' && err.kind !== 'protocol' && err.kind !== 'server')) throw err;
      // an expired token (RFC 6578 says 403 valid-sync-token; xandikos fails with 500), or a server that
      // does not do RFC 6578 after all: a full listing is always right, only slower
    }
  }
  // an initial sync-collection gives the first token and every item at once; a server without it gets PROPFIND
  try {
    const all = await syncCollection(client, collectionUrl, '');
    return { ...all, deleted: [], complete: true };
  } catch (err) {
    if (!(err instanceof DavError) || err.kind === 'auth' || err.kind === 'offline' || err.kind === 'timeout' || err.kind === 'tls' || err.kind === 'server') throw err;
  }
  const entries = await client.propfind(collectionUrl, '<d:getetag/><d:resourcetype/>', '1');
  const changed = entries.filter((e) => e.href !== collectionUrl && !isCollection(e)).map((e) => ({ href: e.href, etag: propText(e.props.getetag) }));
  return { changed, deleted: [], syncToken: null, complete: true };
}

async function syncCollection(client: DavClient, collectionUrl: string, token: string): Promise<RemoteChanges> {
  const body = `<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>${escapeXml(token)}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
  const res = await client.request('REPORT', collectionUrl, { slow: true, headers: { depth: '1' }, body, expect: [207] });
  const entries = parseMultistatus(res.body, collectionUrl).filter((e) => e.href !== collectionUrl && e.href.replace(/\/$/, '') !== collectionUrl.replace(/\/$/, ''));
  const changed: RemoteChanges['changed'] = [];
  const deleted: string[] = [];
  for (const e of entries) {
    if (e.status === 404 || e.status === 410) deleted.push(e.href);
    else if (!isCollection(e)) changed.push({ href: e.href, etag: propText(e.props.getetag) });
  }
  return { changed, deleted, syncToken: multistatusSyncToken(res.body), complete: false };
}

function isCollection(e: MultistatusEntry): boolean {
  const type = e.props.resourcetype;
  return !!type && typeof type === 'object' && 'collection' in type;
}

/** the cards at `hrefs`, read in batches; an href the server no longer has is left out */
export async function fetchCards(client: DavClient, collectionUrl: string, hrefs: string[], kind: 'card' | 'calendar' = 'card'): Promise<RemoteCard[]> {
  const cards: RemoteCard[] = [];
  for await (const batch of readCardBatches(client, collectionUrl, hrefs, kind)) cards.push(...batch.cards);
  return cards;
}

/**
 * The cards at `hrefs`, one multiget of BATCH at a time, for a caller that applies each batch before
 * taking the next: a first sync of 10,000 cards (photos included) never holds more than two batches.
 * The next batch is asked for while the caller applies this one, so Kith's work and the server's
 * overlap. `asked`: how many hrefs the batch named (the server leaves out those it no longer has).
 */
export async function* readCardBatches(client: DavClient, collectionUrl: string, hrefs: string[], kind: 'card' | 'calendar' = 'card'): AsyncGenerator<{ asked: number; cards: RemoteCard[] }> {
  const read = async (batch: string[]) => {
    const hrefXml = batch.map((h) => `<d:href>${escapeXml(new URL(h).pathname)}</d:href>`).join('');
    const body =
      kind === 'card'
        ? `<?xml version="1.0" encoding="utf-8"?><card:addressbook-multiget xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><card:address-data/></d:prop>${hrefXml}</card:addressbook-multiget>`
        : `<?xml version="1.0" encoding="utf-8"?><cal:calendar-multiget xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><cal:calendar-data/></d:prop>${hrefXml}</cal:calendar-multiget>`;
    const entries = await client.report(collectionUrl, body, '1');
    const cards: RemoteCard[] = [];
    for (const e of entries) {
      const text = propText(e.props[kind === 'card' ? 'address-data' : 'calendar-data']);
      if (text) cards.push({ href: e.href, etag: propText(e.props.getetag), text });
    }
    return { asked: batch.length, cards };
  };
  const ahead = (i: number) => {
    if (i >= hrefs.length) return null;
    const p = read(hrefs.slice(i, i + BATCH));
    p.catch(() => {}); // awaited below; a caller that stops early must not leave it unhandled
    return p;
  };
  let next = ahead(0);
  for (let i = 0; next; i += BATCH) {
    const batch = await next;
    next = ahead(i + BATCH);
    yield batch;
  }
}

/**
 * Every card of the address book with its ETag, in one addressbook-query without a filter (RFC 6352
 * §8.6), read as the answer streams in and handed over BATCH at a time; only the cards whose href
 * is in `wanted`. For a first sync: both radicale and xandikos answer it in one walk of the
 * collection, where a multiget costs xandikos a walk per href (its get_member iterates every item).
 */
export async function* readAllCards(client: DavClient, collectionUrl: string, wanted: Set<string>): AsyncGenerator<{ asked: number; cards: RemoteCard[] }> {
  const body = `<?xml version="1.0" encoding="utf-8"?><card:addressbook-query xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><card:address-data/></d:prop><card:filter/></card:addressbook-query>`;
  let cards: RemoteCard[] = [];
  for await (const entries of client.reportStream(collectionUrl, body, '1')) {
    for (const e of entries) {
      const text = wanted.has(e.href) ? propText(e.props['address-data']) : null;
      if (text) cards.push({ href: e.href, etag: propText(e.props.getetag), text });
      if (cards.length >= BATCH) {
        yield { asked: cards.length, cards };
        cards = [];
      }
    }
  }
  if (cards.length) yield { asked: cards.length, cards };
}

/** writes a card: `ifMatch` for an update, `create` for a new one (If-None-Match: *); returns its new ETag when the server says it */
export async function putCard(client: DavClient, href: string, text: string, condition: { ifMatch: string } | { create: true }, contentType = 'text/vcard; charset=utf-8'): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if ('ifMatch' in condition) headers['if-match'] = condition.ifMatch;
  else headers['if-none-match'] = '*';
  const res = await client.request('PUT', href, { headers, body: text, expect: [200, 201, 204] });
  return res.headers.get('etag');
}

/** removes a card only if it is still the version Kith knows (If-Match) */
export async function deleteCard(client: DavClient, href: string, etag: string): Promise<void> {
  await client.request('DELETE', href, { headers: { 'if-match': etag }, expect: [200, 204, 404] });
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
