// What a contact pass asks the server, against real radicale and xandikos: a first sync sends its
// cards several at a time (bounded), each still conditional, one card per contact; a pass when the
// address book's CTag has not moved since the last one asks only for the CTag, not for the change
// list (radicale walks every card to answer that), while a change made on the phone is still found
// and a change made in Kith still goes out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDavServer, type DavServer, type DavServerKind } from '../../helpers/davServers';
import { expectAgreement, kithOn, phoneOn, type Phone, type SyncedKith } from '../../helpers/syncPeers';

const COUNT = 30;

describe.each<DavServerKind>(['radicale', 'xandikos'])('the requests of a contact pass on %s', (kind) => {
  let server: DavServer;
  let kith: SyncedKith;
  let phone: Phone;
  const requests: { method: string; body: string; headers: Record<string, string> }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    server = await startDavServer(kind);
    phone = phoneOn(server);
    kith = await kithOn(server);
    for (let i = 0; i < COUNT; i++) await kith.call('contacts.create', { displayName: `Person${i} Sent`, notes: `note ${i}` });
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      requests.push({ method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : '', headers: { ...(init?.headers as Record<string, string> | undefined) } });
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await realFetch(input, init);
      } finally {
        inFlight--;
      }
    });
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await kith?.dispose();
    await server?.stop();
  });

  const asked = () => requests.map((r) => (r.method === 'REPORT' ? /<\w+:(sync-collection|addressbook-query|addressbook-multiget)/.exec(r.body)?.[1] : r.method === 'PROPFIND' && r.body.includes('getctag') ? 'getctag' : r.method));

  it('sends a first sync several cards at a time, each conditional, one card per contact', async () => {
    requests.length = 0;
    mostInFlight = 0;
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pushed: COUNT, problems: 0 });
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(COUNT);
    expect(puts.every((r) => r.headers['if-none-match'] === '*')).toBe(true);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(8);
    expect(await phone.list()).toHaveLength(COUNT);
    expect(kith.sqlite.prepare(`SELECT count(*) FROM sync_items WHERE kind = 'contacts'`).pluck().get()).toBe(COUNT);
    expect((await kith.call('sync.accounts.list', {}))[0]!.pending).toBe(0);
    await expectAgreement(phone, kith);
  }, 120_000);

  it('asks only for the CTag when the address book has not changed since the last pass', async () => {
    // the first sync's own writes moved the CTag: this pass lists once (and gets its writes back as known)
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 0 });
    requests.length = 0;
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 0 });
    expect(asked()).toEqual(['getctag']);
  }, 60_000);

  it('still finds a change made on the phone, and still sends a change made in Kith', async () => {
    const card = await phone.find('Person7 Sent');
    expect(await phone.put(card.href, card.text.replace(/^NOTE:.*$/m, 'NOTE:changed on the phone\r'), card.etag)).toBeLessThan(300);
    requests.length = 0;
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 1, pushed: 0 });
    expect(asked()).toEqual(['getctag', 'sync-collection', 'addressbook-multiget']);
    const seven = kith.sqlite.prepare(`SELECT notes FROM contacts WHERE display_name = 'Person7 Sent'`).pluck().get();
    expect(seven).toBe('changed on the phone');

    // nothing new on the server since: the edit in Kith goes out without a change list, with If-Match
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 0 });
    const id = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Person8 Sent'`).pluck().get() as string;
    await kith.call('contacts.update', { id, company: 'Acme' });
    requests.length = 0;
    expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 1 });
    expect(asked()).toEqual(['getctag', 'PUT']);
    expect(requests.find((r) => r.method === 'PUT')!.headers['if-match']).toBeTruthy();
    expect((await phone.find('Person8 Sent')).text).toMatch(/^ORG:Acme/m);
    await expectAgreement(phone, kith);
  }, 120_000);
});
