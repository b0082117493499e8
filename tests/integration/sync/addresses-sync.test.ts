// Addresses as addresses through CardDAV (issue 17.6): Kith's parts travel as ADR's components and
// come back the same, a phone's ADR (PO box, extended address and all) arrives whole, and neither
// makes an update loop: the pass after a sync sends and takes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDavServer, type DavServer, type DavServerKind } from '../../helpers/davServers';
import { expectAgreement, kithOn, kithView, phoneOn, phoneVCard, type SyncedKith } from '../../helpers/syncPeers';

describe.each<DavServerKind>(['radicale', 'xandikos'])('addresses sync on %s', (kind) => {
  let server: DavServer;
  let a: SyncedKith;
  let b: SyncedKith;
  let phone: ReturnType<typeof phoneOn>;

  beforeAll(async () => {
    server = await startDavServer(kind);
    phone = phoneOn(server);
    a = await kithOn(server);
    b = await kithOn(server);
  }, 30_000);
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await server?.stop();
  });

  it("Kith's address parts reach the server as ADR components and another Kith whole, without a loop", async () => {
    const address = { street: '742 Evergreen Terrace\nApt 2', city: 'Springfield', region: 'IL', postcode: '62704', countryCode: 'US', country: '' };
    await a.call('contacts.create', { displayName: 'Homer Simpson', methods: [{ kind: 'address', label: 'Home', value: '', address }] });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 1 });
    const card = (await phone.find('Homer Simpson')).text.replace(/\r\n[ \t]/g, '');
    expect(card).toMatch(/ADR[^:]*:;;742 Evergreen Terrace\\nApt 2;Springfield;IL;62704;United States/);

    expect((await b.sync())[0]).toMatchObject({ ok: true, pulled: 1 });
    const id = (await b.call('contacts.list', {})).items.find((c) => c.displayName === 'Homer Simpson')!.id;
    const got = (await b.call('contacts.get', { id })).methods[0]!;
    expect(got).toMatchObject({ kind: 'address', label: 'Home', address });
    for (const kith of [a, b]) expect((await kith.sync())[0]).toMatchObject({ pulled: 0, pushed: 0 });
    await expectAgreement(phone, a, b);
  });

  it("a phone's ADR arrives with every component (PO box and extended address in the street lines); an edit elsewhere sends it back unchanged", async () => {
    const card = phoneVCard('phone-marge-1', 'Marge Bouvier', ['item1.ADR;TYPE=HOME:PO Box 12;Flat 3;1 Rue de Rivoli;Paris;;75001;France', 'item1.X-ABLabel:_$!<Home>!$_']);
    expect(await phone.put(new URL('phone-marge-1.vcf', server.addressBookUrl).href, card)).toBeLessThan(300);
    expect((await a.sync())[0]).toMatchObject({ ok: true, pulled: 1, conflicts: 0 });
    const marge = kithView(a).get('Marge Bouvier')!;
    expect(marge.methods).toEqual([
      { kind: 'address', label: 'Home', value: 'PO Box 12, Flat 3, 1 Rue de Rivoli, Paris, 75001, France', isPrimary: true, address: { street: 'PO Box 12\nFlat 3\n1 Rue de Rivoli', city: 'Paris', region: '', postcode: '75001', countryCode: 'FR', country: '' } },
    ]);
    const id = (await a.call('contacts.list', {})).items.find((c) => c.displayName === 'Marge Bouvier')!.id;
    await a.call('contacts.update', { id, company: 'Kwik-E-Mart' });
    expect((await a.sync())[0]).toMatchObject({ pushed: 1, pulled: 0 });
    expect((await a.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    expect((await b.sync())[0]).toMatchObject({ pulled: 1 });
    expect((await b.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    expect(kithView(b).get('Marge Bouvier')!.methods).toEqual(marge.methods);
    await expectAgreement(phone, a, b);
  });
});
