// Contact sync against real servers: two Kith back ends and a phone (raw HTTP, hand-written vCards)
// create, edit and delete on one address book; after syncing, all three agree. Run on radicale
// (vCard 4.0) and xandikos (which stores only vCard 3.0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DavServer, DavServerKind } from '../../helpers/davServers';
import { type Phone, type SyncPeers, type SyncedKith, expectAgreement, kithView, phoneVCard, startSyncPeers } from '../../helpers/syncPeers';

describe.each<DavServerKind>(['radicale', 'xandikos'])('contacts sync on %s', (kind) => {
  let peers: SyncPeers;
  let server: DavServer, a: SyncedKith, b: SyncedKith, phone: Phone;

  beforeAll(async () => void ({ server, a, b, phone } = peers = await startSyncPeers(kind)), 30_000);
  afterAll(() => peers?.stop());

  it('a first sync sends every contact; another Kith receives them whole', async () => {
    const friends = (await a.call('circles.list', {})).find((c) => c.name === 'Friends')!;
    await a.call('contacts.create', {
      displayName: 'Ann Lee', givenName: 'Ann', familyName: 'Lee', company: 'Acme', title: 'Engineer', circleId: friends.id, importance: 'inner',
      birthday: { month: 4, day: 12, year: null }, notes: 'Met at the climbing gym.\nLikes tea.', cadenceDays: 21, howMet: 'climbing',
      methods: [{ kind: 'email', label: 'Work', value: 'ann@acme.example', isPrimary: true }, { kind: 'phone', label: 'Mobile', value: '+44 20 7946 0018' }],
      tags: ['climbing', 'tea'],
    });
    await a.call('contacts.create', { displayName: 'Bob Stone', givenName: 'Bob', familyName: 'Stone', methods: [{ kind: 'email', label: null, value: 'bob@example.org' }] });
    expect((await a.call('sync.accounts.list', {}))[0]!.pending).toBe(2);
    const [first] = await a.sync();
    expect(first).toMatchObject({ ok: true, pushed: 2, pulled: 0, conflicts: 0 });
    expect((await a.call('sync.accounts.list', {}))[0]).toMatchObject({ pending: 0, lastError: null });
    expect((await phone.list()).length).toBe(2);

    const [received] = await b.sync();
    expect(received).toMatchObject({ ok: true, pulled: 2, pushed: 0 });
    expect((await b.call('sync.accounts.list', {}))[0]!.pending).toBe(0); // what came from the server is not "to send"
    const ann = kithView(b).get('Ann Lee')!;
    expect(ann).toMatchObject({ company: 'Acme', title: 'Engineer', circle: 'Friends', importance: 'inner', cadenceDays: 21, howMet: 'climbing', birthday: { month: 4, day: 12, year: null }, tags: ['climbing', 'tea'] });
    expect(ann.methods.map((m) => m.value)).toEqual(['ann@acme.example', '+44 20 7946 0018']);
    await expectAgreement(phone, a, b);
    // nothing changed: a second pass sends and takes nothing
    expect((await a.sync())[0]).toMatchObject({ pulled: 0, pushed: 0 });
  });

  it("a phone's new card and its edit of a Kith card reach both Kith; the phone's own properties survive Kith's edits", async () => {
    const carol = phoneVCard('phone-carol-1', 'Carol Diaz', ['TEL;TYPE=CELL:+1 555 0100', 'X-PHONETIC-FIRST-NAME:Ka-rol', 'item1.X-CUSTOM:kept', 'item1.X-ABLabel:Custom']);
    expect(await phone.put(new URL('phone-carol-1.vcf', server.addressBookUrl).href, carol)).toBeLessThan(300);
    const bob = await phone.find('Bob Stone');
    const edited = bob.text.replace(/^FN:Bob Stone\r?$/m, 'FN:Bob Stone\r\nTITLE:Carpenter');
    expect(await phone.put(bob.href, edited, bob.etag)).toBeLessThan(300);

    for (const kith of [a, b]) expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 2, conflicts: 0 });
    expect(kithView(a).get('Bob Stone')!.title).toBe('Carpenter');
    expect(kithView(b).get('Carol Diaz')!.methods).toEqual([{ kind: 'phone', label: 'Mobile', value: '+1 555 0100', isPrimary: true }]);

    // Kith edits Carol: the card on the server keeps the phone's properties Kith does not model
    const carolId = (await a.call('contacts.list', {})).items.find((c) => c.displayName === 'Carol Diaz')!.id;
    await a.call('contacts.update', { id: carolId, company: 'Diaz & Co' });
    expect((await a.sync())[0]).toMatchObject({ pushed: 1 });
    const onServer = await phone.find('Carol Diaz');
    expect(onServer.text).toMatch(/X-PHONETIC-FIRST-NAME:Ka-rol/);
    expect(onServer.text).toMatch(/X-CUSTOM:kept/i);
    expect(onServer.text).toMatch(/Diaz & Co/);
    expect(onServer.text).toMatch(kind === 'xandikos' ? /VERSION:3\.0/ : /VERSION:4\.0/);
    await b.sync();
    await expectAgreement(phone, a, b);
  });

  it('edits of different fields on both Kith merge; the same field edited two ways is a conflict kept on both sides until resolved', async () => {
    const idOf = async (kith: SyncedKith, name: string) => (await kith.call('contacts.list', {})).items.find((c) => c.displayName === name)!.id;
    const annA = await idOf(a, 'Ann Lee');
    const annB = await idOf(b, 'Ann Lee');
    expect(annB).toBe(annA); // one id on every install
    await a.call('contacts.update', { id: annA, notes: 'Met at the climbing gym.\nLikes green tea.', tags: ['climbing', 'tea', 'london'] });
    await b.call('contacts.update', { id: annA, company: 'Acme Ltd', tags: ['climbing'] });
    await a.sync();
    expect((await b.sync())[0]).toMatchObject({ merged: 1, conflicts: 0 });
    await a.sync();
    const merged = kithView(a).get('Ann Lee')!;
    expect(merged.notes).toBe('Met at the climbing gym.\nLikes green tea.');
    expect(merged.company).toBe('Acme Ltd');
    expect(merged.tags).toEqual(['climbing', 'london']); // b removed "tea", a added "london"
    await expectAgreement(phone, a, b);

    // the same field, two ways
    await a.call('contacts.update', { id: annA, title: 'Lead engineer' });
    await b.call('contacts.update', { id: annA, title: 'Engineering manager' });
    await a.sync();
    const [withConflict] = await b.sync();
    expect(withConflict).toMatchObject({ ok: true, conflicts: 1 });
    // nothing was decided: each side keeps its own edit
    expect(kithView(b).get('Ann Lee')!.title).toBe('Engineering manager');
    expect((await phone.find('Ann Lee')).text).toMatch(/TITLE:Lead engineer/);
    await b.sync(); // another pass changes nothing while the conflict is open
    expect((await phone.find('Ann Lee')).text).toMatch(/TITLE:Lead engineer/);
    const [conflict] = await b.call('sync.conflicts.list', {});
    expect(conflict).toMatchObject({ contactId: annA, displayName: 'Ann Lee', fields: [{ field: 'title', label: 'Title', local: 'Engineering manager', remote: 'Lead engineer' }] });
    expect((await b.call('sync.accounts.list', {}))[0]!.conflicts).toBe(1);

    await b.call('sync.conflicts.resolve', { id: conflict!.id, choices: { title: 'local' } });
    expect(await b.call('sync.conflicts.list', {})).toEqual([]);
    expect((await b.sync())[0]).toMatchObject({ pushed: 1, conflicts: 0 });
    await a.sync();
    expect(kithView(a).get('Ann Lee')!.title).toBe('Engineering manager');
    await expectAgreement(phone, a, b);
  });

  it("a phone's deletion archives the contact in Kith; a contact archived in Kith leaves the server only after the user confirms", async () => {
    const carol = await phone.find('Carol Diaz');
    expect(await phone.delete(carol.href, carol.etag)).toBeLessThan(300);
    expect((await a.sync())[0]).toMatchObject({ archived: 1 });
    const archived = await a.call('contacts.list', { archived: true });
    expect(archived.items.map((c) => c.displayName)).toContain('Carol Diaz');
    await b.sync();
    await expectAgreement(phone, a, b);

    const bobId = (await a.call('contacts.list', {})).items.find((c) => c.displayName === 'Bob Stone')!.id;
    await a.call('contacts.archive', { id: bobId });
    expect((await a.sync())[0]).toMatchObject({ awaitingDeletion: 1, deleted: 0 });
    expect((await phone.list()).map((c) => c.text).join()).toMatch(/FN:Bob Stone/); // still on the server
    expect(await a.call('sync.deletions.list', {})).toEqual([{ accountId: a.accountId, contactId: bobId, displayName: 'Bob Stone', mergedInto: null }]);
    await a.call('sync.deletions.confirm', { accountId: a.accountId, contactIds: [bobId] });
    expect((await a.sync())[0]).toMatchObject({ deleted: 1, awaitingDeletion: 0 });
    expect((await phone.list()).map((c) => c.text).join()).not.toMatch(/FN:Bob Stone/);
    expect((await b.sync())[0]).toMatchObject({ archived: 1 });
    await expectAgreement(phone, a, b);
  });

  it('a server that forgets sync tokens gets a full listing, and nothing is lost or doubled', async () => {
    a.sqlite.prepare(`UPDATE sync_collections SET sync_token = 'http://radicale.org/ns/sync/forgotten-token'`).run();
    const dave = phoneVCard('phone-dave-1', 'Dave Kim');
    await phone.put(new URL('phone-dave-1.vcf', server.addressBookUrl).href, dave);
    expect((await a.sync())[0]).toMatchObject({ ok: true, pulled: 1, pushed: 0 });
    await b.sync();
    await expectAgreement(phone, a, b);
  });

  it('a server that rewrites the card (its own PRODID, other folding) causes no update loop', async () => {
    const ann = await phone.find('Ann Lee');
    // what some servers do to a stored card: their PRODID, lines folded at another width
    const rewritten = ann.text.replace(/^PRODID:.*\r?\n/m, '').replace(/^VERSION:(.*)$/m, 'VERSION:$1\r\nPRODID:-//Some Server//EN').replace(/^(NOTE:.{10})/m, '$1\r\n ');
    expect(await phone.put(ann.href, rewritten, ann.etag)).toBeLessThan(300);
    const passes = [(await a.sync())[0]!, (await a.sync())[0]!, (await b.sync())[0]!, (await b.sync())[0]!];
    for (const pass of passes) expect(pass).toMatchObject({ pulled: 0, pushed: 0, merged: 0 });
    expect((await phone.find('Ann Lee')).etag).toBe((await phone.find('Ann Lee')).etag);
    await expectAgreement(phone, a, b);
  });
});
