// The peers of a sync test: Kith back ends with an account on a test server, and "a phone": raw
// HTTP with hand-written vCards, as a third-party client writes them.
import { expect } from 'vitest';
import { parseCard, type CardFields } from '../../electron/sync/card-fields';
import { readLocalContacts } from '../../electron/sync/local-contacts';
import { startDavServer, type DavServer } from './davServers';
import type { Clock } from '../../electron/services/context';
import type { SyncPassReport } from '../../shared/domain/sync';
import { startTestBackend, type TestBackend } from './backend';

export interface SyncedKith extends TestBackend {
  accountId: string;
  sync(): Promise<SyncPassReport[]>;
}

/** a fresh Kith with an account on `server` (its address book, or `url` through a proxy) */
export async function kithOn(server: DavServer, url = server.addressBookUrl, options: { clock?: Clock; timeoutMs?: number; host?: 'electron' | 'web' } = {}): Promise<SyncedKith> {
  const kith = await startTestBackend({ clock: options.clock, host: options.host });
  const test = await kith.call('sync.accounts.test', { serverUrl: url, username: server.username, password: server.password });
  if (!test.ok) throw new Error(`connection test failed: ${test.message}`);
  const account = await kith.call('sync.accounts.add', { serverUrl: url, username: server.username, password: server.password, addressBookUrl: test.addressBooks[0]!.url });
  // the short timeout for the passes only: a loaded machine's first answer may take longer
  if (options.timeoutMs) kith.ctx.syncTimeoutMs = options.timeoutMs;
  return Object.assign(kith, { accountId: account.id, sync: () => kith.call('sync.now', { accountId: account.id }) });
}

export interface PhoneCard {
  href: string;
  etag: string;
  text: string;
}

/** a third-party client on the address book (or a calendar: `.ics` items), with nothing of Kith's code */
export function phoneOn(server: DavServer, bookUrl = server.addressBookUrl) {
  const headers = { authorization: server.authHeader };
  return {
    async list(): Promise<PhoneCard[]> {
      const res = await fetch(bookUrl, { method: 'PROPFIND', headers: { ...headers, depth: '1', 'content-type': 'application/xml' }, body: '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>' });
      const body = await res.text();
      const hrefs = [...body.matchAll(/<(?:\w+:)?href>([^<]+\.(?:vcf|ics))<\/(?:\w+:)?href>/g)].map((m) => new URL(m[1]!, bookUrl).href);
      return Promise.all(hrefs.map((href) => this.get(href)));
    },
    async get(href: string): Promise<PhoneCard> {
      const res = await fetch(href, { headers });
      expect(res.status, `GET ${href}`).toBe(200);
      return { href, etag: res.headers.get('etag') ?? '', text: await res.text() };
    },
    async put(href: string, text: string, etag?: string): Promise<number> {
      const res = await fetch(href, { method: 'PUT', headers: { ...headers, 'content-type': href.endsWith('.ics') ? 'text/calendar; charset=utf-8' : 'text/vcard; charset=utf-8', ...(etag ? { 'if-match': etag } : { 'if-none-match': '*' }) }, body: text });
      await res.arrayBuffer();
      return res.status;
    },
    async delete(href: string, etag: string): Promise<number> {
      const res = await fetch(href, { method: 'DELETE', headers: { ...headers, 'if-match': etag } });
      await res.arrayBuffer();
      return res.status;
    },
    /** the card whose FN is `name` */
    async find(name: string): Promise<PhoneCard> {
      const card = (await this.list()).find((c) => new RegExp(`^FN:${name}\\r?$`, 'm').test(c.text));
      if (!card) throw new Error(`no card named ${name} on the server`);
      return card;
    },
  };
}

/** a hand-written vCard 3.0, as a phone writes it (its own PRODID, folding and property order) */
export function phoneVCard(uid: string, name: string, extra: string[] = []): string {
  const [given, family] = name.split(' ');
  return ['BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Apple Inc.//iPhone OS 17.4//EN', `N:${family ?? ''};${given ?? ''};;;`, `FN:${name}`, ...extra, `UID:${uid}`, 'END:VCARD', ''].join('\r\n');
}

/** what each side holds, by name: live contacts' fields in Kith, the cards' fields on the server */
export function kithView(kith: TestBackend): Map<string, CardFields> {
  const view = new Map<string, CardFields>();
  for (const c of readLocalContacts(kith.sqlite).values()) if (c.archivedAt === null) view.set(c.fields.displayName, c.fields);
  return view;
}

export async function serverView(phone: ReturnType<typeof phoneOn>): Promise<Map<string, CardFields>> {
  const view = new Map<string, CardFields>();
  for (const card of await phone.list()) {
    const parsed = parseCard(card.text);
    if ('error' in parsed) throw new Error(`${card.href}: ${parsed.error}`);
    view.set(parsed.fields.displayName, parsed.fields);
  }
  return view;
}

const sorted = (view: Map<string, CardFields>) => [...view.entries()].sort(([a], [b]) => a.localeCompare(b));

/** the three sides hold the same people with the same fields */
export async function expectAgreement(phone: ReturnType<typeof phoneOn>, ...kiths: TestBackend[]): Promise<void> {
  const server = sorted(await serverView(phone));
  for (const kith of kiths) expect(sorted(kithView(kith))).toEqual(server);
}

export type Phone = ReturnType<typeof phoneOn>;

/** what most sync tests start with: a server, two Kith with an account on its address book, and a phone */
export interface SyncPeers {
  server: DavServer;
  a: SyncedKith;
  b: SyncedKith;
  phone: Phone;
  stop(): Promise<void>;
}

export async function startSyncPeers(kind: DavServer['kind']): Promise<SyncPeers> {
  const server = await startDavServer(kind);
  const a = await kithOn(server);
  const b = await kithOn(server);
  return {
    server, a, b, phone: phoneOn(server),
    async stop() {
      await a.dispose();
      await b.dispose();
      await server.stop();
    },
  };
}
