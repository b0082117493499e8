// What Kith changed is found by change numbers the triggers of migration 0020 keep, not by hashing
// every contact: every way a card's content changes in Kith must still reach the server (a tag or
// circle renamed, a photo, a method, a contact restored), a write that changes nothing sync carries
// sends nothing, and a send-only pass (what the scheduler runs after a write) sends without asking
// the server what changed. Against a real radicale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DavServer } from '../../helpers/davServers';
import { type Phone, type SyncPeers, type SyncedKith, expectAgreement, kithView, phoneVCard, startSyncPeers } from '../../helpers/syncPeers';

describe('changes in Kith reach the server', () => {
  let peers: SyncPeers;
  let server: DavServer, a: SyncedKith, b: SyncedKith, phone: Phone;
  const idOf = async (kith: SyncedKith, name: string) => (await kith.call('contacts.list', { archived: false })).items.find((c) => c.displayName === name)!.id;

  beforeAll(async () => {
    ({ server, a, b, phone } = peers = await startSyncPeers('radicale'));
    const friends = (await a.call('circles.list', {})).find((c) => c.name === 'Friends')!;
    await a.call('contacts.create', { displayName: 'Ann Lee', circleId: friends.id, tags: ['climbing'], methods: [{ kind: 'email', label: null, value: 'ann@example.org' }] });
    await a.call('contacts.create', { displayName: 'Bob Stone', tags: ['climbing', 'work'] });
    await a.call('contacts.create', { displayName: 'Carol Diaz' });
    await a.sync();
    await b.sync();
  }, 30_000);
  afterAll(() => peers?.stop());

  it('a renamed tag and a renamed circle change every card that names them', async () => {
    const climbing = (await a.call('tags.list', {})).find((t) => t.name === 'climbing')!;
    await a.call('tags.rename', { id: climbing.id, name: 'bouldering' });
    const friends = (await a.call('circles.list', {})).find((c) => c.name === 'Friends')!;
    await a.call('circles.update', { id: friends.id, name: 'Close friends' });
    expect((await a.call('sync.accounts.list', {}))[0]!.pending).toBe(2); // Ann (tag and circle) and Bob (tag)
    expect((await a.sync())[0]).toMatchObject({ pushed: 2 });
    expect((await phone.find('Bob Stone')).text).toMatch(/CATEGORIES:bouldering,work/);
    expect((await phone.find('Ann Lee')).text).toMatch(/X-KITH-CIRCLE:Close friends/);
    await b.sync();
    expect(kithView(b).get('Ann Lee')).toMatchObject({ tags: ['bouldering'], circle: 'Close friends' });
    await expectAgreement(phone, a, b);
  });

  it('a method and a photo added, and a restored contact, go out; a write that changes nothing sync carries does not', async () => {
    const carol = await idOf(a, 'Carol Diaz');
    await a.call('contacts.update', { id: carol, methods: [{ kind: 'phone', label: 'Mobile', value: '+44 20 7946 0100' }] });
    expect((await a.sync())[0]).toMatchObject({ pushed: 1 });
    expect((await phone.find('Carol Diaz')).text).toMatch(/TEL.*:\+44 20 7946 0100/);

    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await a.call('contacts.setPhoto', { id: carol, photo: `data:image/png;base64,${png}` });
    expect((await a.sync())[0]).toMatchObject({ pushed: 1 });
    // kept whole on the server (radicale mangles a 4.0 data: URI photo), and in the other Kith
    await b.sync();
    expect(kithView(b).get('Carol Diaz')!.photo).toBe(`data:image/png;base64,${png}`);

    // the same notes written again: the contact's row is written, the card would be the same
    const bob = await idOf(a, 'Bob Stone');
    const notes = (await a.call('contacts.get', { id: bob })).notes;
    await a.call('contacts.update', { id: bob, notes });
    const etag = (await phone.find('Bob Stone')).etag;
    expect((await a.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    expect((await phone.find('Bob Stone')).etag).toBe(etag);

    await a.call('contacts.archive', { id: bob });
    expect((await a.sync())[0]).toMatchObject({ awaitingDeletion: 1 });
    expect((await a.sync())[0]).toMatchObject({ awaitingDeletion: 1, pushed: 0 }); // still waiting, asked once
    await a.call('contacts.restore', { id: bob });
    expect((await a.sync())[0]).toMatchObject({ awaitingDeletion: 0 });
    expect(await a.call('sync.deletions.list', {})).toEqual([]);
    await b.sync();
    await expectAgreement(phone, a, b);
  });

  it('a send-only pass sends Kith’s change without taking the server’s; a 412 on its write falls back to the full pass, which merges', async () => {
    const ann = await idOf(a, 'Ann Lee');
    const card = await phone.find('Ann Lee');
    expect(await phone.put(card.href, card.text.replace(/^FN:Ann Lee\r?$/m, 'FN:Ann Lee\r\nTITLE:Climber'), card.etag)).toBeLessThan(300);
    await a.call('contacts.update', { id: ann, company: 'Acme' });
    const [sent] = await a.call('sync.now', { accountId: a.accountId, sendOnly: true });
    // the card changed on the server since: the conditional write is refused (nothing is overwritten), and the
    // full pass that follows at once reads the server's card and merges both edits
    expect(sent).toMatchObject({ ok: true, merged: 1, conflicts: 0 });
    expect((await phone.find('Ann Lee')).text).toMatch(/TITLE:Climber/);
    expect((await phone.find('Ann Lee')).text).toMatch(/ORG:Acme/);
    expect((await a.call('sync.accounts.list', {}))[0]!.pending).toBe(0);
    expect(kithView(a).get('Ann Lee')).toMatchObject({ title: 'Climber', company: 'Acme' });

    // a change on a card nobody else touched goes out at once
    const newcomer = phoneVCard('phone-dave-1', 'Dave Kim');
    await phone.put(new URL('phone-dave-1.vcf', server.addressBookUrl).href, newcomer);
    await a.call('contacts.update', { id: ann, title: 'Lead climber' });
    expect((await a.call('sync.now', { accountId: a.accountId, sendOnly: true }))[0]).toMatchObject({ pushed: 1, pulled: 0 });
    expect(kithView(a).has('Dave Kim')).toBe(false); // the server's new card waits for a full pass
    expect((await a.sync())[0]).toMatchObject({ pulled: 1, pushed: 0 });
    await b.sync();
    await expectAgreement(phone, a, b);
  });
});
