// A first sync of an address book with many cards reads them in one streamed addressbook-query,
// applied 100 at a time (memory stays bounded at 10,000 cards; xandikos answers a multiget with a
// walk of the whole collection per href), and every card arrives whole; later passes with a few
// changes read them by multiget. Against real radicale and xandikos.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fillAddressBook, startDavServer, type DavServer, type DavServerKind } from '../../helpers/davServers';
import { kithOn, kithView, phoneOn, phoneVCard, type Phone, type SyncedKith } from '../../helpers/syncPeers';

const COUNT = 250;

describe.each<DavServerKind>(['radicale', 'xandikos'])(`a first sync of ${COUNT} cards on %s`, (kind) => {
  let server: DavServer;
  let kith: SyncedKith;
  let phone: Phone;
  const requests: { method: string; body: string }[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    server = await startDavServer(kind);
    const n = fillAddressBook(
      server,
      Array.from({ length: COUNT }, (_, i) => ({ id: `phone-${i}`, text: phoneVCard(`phone-${i}`, `Person${i} Bulk`, [`EMAIL;TYPE=WORK:person${i}@example.org`, `NOTE:card ${i}`]) })),
    );
    expect(n).toBe(COUNT);
    phone = phoneOn(server);
    kith = await kithOn(server);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      requests.push({ method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : '' });
      return realFetch(input, init);
    });
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await kith?.dispose();
    await server?.stop();
  });

  it('reads every card in one addressbook-query, not a multiget per 100, and receives them whole', async () => {
    requests.length = 0;
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: COUNT, pushed: 0, problems: 0 });
    const reports = requests.filter((r) => r.method === 'REPORT').map((r) => /<\w+:(sync-collection|addressbook-query|addressbook-multiget)/.exec(r.body)?.[1]);
    expect(reports).toEqual(['sync-collection', 'addressbook-query']);
    const view = kithView(kith);
    expect(view.size).toBe(COUNT);
    for (const i of [0, 99, 100, 101, 199, COUNT - 1]) {
      expect(view.get(`Person${i} Bulk`)).toMatchObject({ notes: `card ${i}`, methods: [{ kind: 'email', value: `person${i}@example.org` }] });
    }
    expect((await kith.call('sync.accounts.list', {}))[0]!.pending).toBe(0);
  }, 120_000);

  it('a later pass with one change on each side reads the one card by multiget; both sides have both changes', async () => {
    const href = (i: number) => new URL(`phone-${i}.vcf`, server.addressBookUrl).href;
    const card = await phone.get(href(7));
    expect(await phone.put(href(7), card.text.replace(/^NOTE:.*$/m, 'NOTE:changed on the phone\r'), card.etag)).toBeLessThan(300);
    const id = kith.sqlite.prepare(`SELECT item_id FROM sync_items WHERE href = ?`).pluck().get(href(8)) as string;
    await kith.call('contacts.update', { id, company: 'Acme' });
    requests.length = 0;
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 1, pushed: 1, conflicts: 0 });
    const reports = requests.filter((r) => r.method === 'REPORT').map((r) => /<\w+:(sync-collection|addressbook-query|addressbook-multiget)/.exec(r.body)?.[1]);
    expect(reports).toEqual(['sync-collection', 'addressbook-multiget']);
    expect(kithView(kith).get('Person7 Bulk')!.notes).toBe('changed on the phone');
    expect((await phone.get(href(8))).text).toMatch(/^ORG:Acme/m);
  }, 120_000);
});
