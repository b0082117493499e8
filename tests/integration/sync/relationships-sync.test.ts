// Relationships travel as RELATED;TYPE=…:urn:uuid:<peer UID> (X-KITH-INTRODUCED[-BY] for Kith's own
// kinds) on both people's cards, through the server into a second Kith; a RELATED whose peer Kith
// does not have (another client's, or by name) stays on the card unchanged when Kith writes it; a
// relationship removed in one Kith is removed in the other. On radicale (4.0) and xandikos (3.0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DavServer, DavServerKind } from '../../helpers/davServers';
import { type Phone, type SyncPeers, type SyncedKith, expectAgreement, kithView, phoneVCard, serverView, startSyncPeers } from '../../helpers/syncPeers';

describe.each<DavServerKind>(['radicale', 'xandikos'])('relationships sync on %s', (kind) => {
  let peers: SyncPeers;
  let server: DavServer, a: SyncedKith, b: SyncedKith, phone: Phone;
  const links = async (kith: SyncedKith, contactId: string) =>
    (await kith.call('relationships.listForContact', { contactId })).map((r) => `${r.role} ${r.other.displayName}`).sort();

  beforeAll(async () => void ({ server, a, b, phone } = peers = await startSyncPeers(kind)), 30_000);
  afterAll(() => peers?.stop());

  it('reach the other Kith; an unknown peer is kept; a removal travels', async () => {
    const ann = await a.call('contacts.create', { displayName: 'Ann Lee' });
    const bob = await a.call('contacts.create', { displayName: 'Bob Stone' });
    const carol = await a.call('contacts.create', { displayName: 'Carol Lee' });
    const partner = await a.call('relationships.add', { contactId: ann.id, otherId: bob.id, role: 'partner' });
    await a.call('relationships.add', { contactId: ann.id, otherId: carol.id, role: 'child' });
    await a.call('relationships.add', { contactId: bob.id, otherId: carol.id, role: 'introducedBy' });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 3 });
    const annCard = (await phone.find('Ann Lee')).text;
    expect(annCard).toContain(`RELATED;TYPE=spouse:urn:uuid:${bob.id}`);
    expect(annCard).toContain(`RELATED;TYPE=child:urn:uuid:${carol.id}`);
    expect((await phone.find('Carol Lee')).text).toContain(`RELATED;TYPE=parent:urn:uuid:${ann.id}`);
    expect((await phone.find('Bob Stone')).text).toMatch(new RegExp(`X-KITH-INTRODUCED-BY:urn:uuid:${carol.id}`, 'i'));

    expect((await b.sync())[0]).toMatchObject({ ok: true, pulled: 3 });
    expect(await links(b, ann.id)).toEqual(['child Carol Lee', 'partner Bob Stone']);
    expect(await links(b, carol.id)).toEqual(['introduced Bob Stone', 'parent Ann Lee']);
    expect(await links(b, bob.id)).toEqual(['introducedBy Carol Lee', 'partner Ann Lee']);
    // the second Kith's relationships are the same rows, not doubled from both cards
    expect(b.sqlite.prepare(`SELECT count(*) FROM relationships`).pluck().get()).toBe(3);
    await a.sync();
    await b.sync();
    expect((await a.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    expect((await b.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    await expectAgreement(phone, a, b);

    // a phone adds a relation to someone Kith does not have, and one by name: Kith keeps both on the card
    const card = await phone.find('Ann Lee');
    const extra = 'RELATED;TYPE=friend:urn:uuid:0b6c2c55-0000-4000-8000-phone0000001\r\nRELATED;TYPE=friend;VALUE=text:Dave Kim\r\n';
    expect(await phone.put(card.href, card.text.replace(/END:VCARD/, `${extra}END:VCARD`), card.etag)).toBeLessThan(300);
    await b.sync();
    expect(await links(b, ann.id)).toEqual(['child Carol Lee', 'partner Bob Stone']);
    await b.call('contacts.update', { id: ann.id, company: 'Acme' });
    expect((await b.sync())[0]).toMatchObject({ pushed: 1 });
    const kept = (await phone.find('Ann Lee')).text;
    expect(kept).toContain('Acme');
    expect(kept).toMatch(/RELATED;TYPE=friend:urn:uuid:0b6c2c55-0000-4000-8000-phone0000001/i);
    expect(kept).toMatch(/RELATED;.*Dave Kim/i);

    // removed in Kith a: gone from both cards and from Kith b
    await a.sync();
    await a.call('relationships.remove', { id: partner.id! });
    expect((await a.sync())[0]).toMatchObject({ pushed: 2 });
    expect((await phone.find('Ann Lee')).text).not.toContain(`urn:uuid:${bob.id}`);
    expect((await phone.find('Bob Stone')).text).not.toContain(`urn:uuid:${ann.id}`);
    await b.sync();
    expect(await links(b, ann.id)).toEqual(['child Carol Lee']);
    expect(await links(a, ann.id)).toEqual(['child Carol Lee']);
    expect(await links(b, bob.id)).toEqual(['introducedBy Carol Lee']);
  });

  it("carry a user's role with its inverse; the other Kith makes the same pair, and a rename travels", async () => {
    const dee = await a.call('contacts.create', { displayName: 'Dee Mentor' });
    const eli = await a.call('contacts.create', { displayName: 'Eli Mentee' });
    const role = await a.call('relationshipRoles.create', { name: 'Mentor', inverseName: 'Mentee' });
    // on Eli's page: Dee is his mentor
    await a.call('relationships.add', { contactId: eli.id, otherId: dee.id, role: `custom:${role.id}` });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 2 });
    const unfold = (t: string) => t.replace(/\r\n[ \t]/g, '');
    // the parameters in whatever order the card's writer put them
    const related = (card: string, peer: string) => unfold(card).split('\r\n').find((l) => /^RELATED/i.test(l) && l.endsWith(`urn:uuid:${peer}`)) ?? '';
    const eliLine = related((await phone.find('Eli Mentee')).text, dee.id);
    expect(eliLine).toMatch(/X-KITH-ROLE=Mentor(;|:)/i);
    expect(eliLine).toMatch(/X-KITH-INVERSE=Mentee(;|:)/i);
    const deeLine = related((await phone.find('Dee Mentor')).text, eli.id);
    expect(deeLine).toMatch(/X-KITH-ROLE=Mentee(;|:)/i);
    expect(deeLine).toMatch(/X-KITH-INVERSE=Mentor(;|:)/i);
    await b.sync();
    const labels = async (kith: SyncedKith, contactId: string) => (await kith.call('relationships.listForContact', { contactId })).map((r) => `${r.label} ${r.other.displayName}`);
    expect(await labels(b, eli.id)).toEqual(['Mentor Dee Mentor']);
    expect(await labels(b, dee.id)).toEqual(['Mentee Eli Mentee']);
    expect(b.sqlite.prepare(`SELECT count(*) FROM relationships WHERE kind = 'custom'`).pluck().get()).toBe(1);
    // the first card pulled named a peer not yet in Kith b: one more round and both agree
    await b.sync();
    await a.sync();
    expect((await b.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    expect((await a.sync())[0]).toMatchObject({ pushed: 0, pulled: 0 });
    // renamed in Kith a: both cards change, and Kith b reads the new words
    await a.call('relationshipRoles.update', { id: role.id, name: 'Coach', inverseName: 'Trainee' });
    expect((await a.sync())[0]).toMatchObject({ pushed: 2 });
    await b.sync();
    expect(await labels(b, eli.id)).toEqual(['Coach Dee Mentor']);
    expect(await labels(b, dee.id)).toEqual(['Trainee Eli Mentee']);
  });

  it('the "Introduced by" field travels both ways; one naming a contact Kith lacks stays on the card', async () => {
    const introducedBy = async (kith: SyncedKith, id: string) => (await kith.call('contacts.get', { id })).introducedById;
    const dave = await a.call('contacts.create', { displayName: 'Dave Kim' });
    const erin = await a.call('contacts.create', { displayName: 'Erin Novak', introducedById: dave.id });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 2 });
    expect((await phone.find('Erin Novak')).text).toMatch(new RegExp(`^X-KITH-INTRODUCER:urn:uuid:${dave.id}\r?$`, 'mi'));
    expect((await b.sync())[0]).toMatchObject({ ok: true, pulled: 2 });
    expect(await introducedBy(b, erin.id)).toBe(dave.id);

    await b.call('contacts.update', { id: erin.id, introducedById: null });
    expect((await b.sync())[0]).toMatchObject({ ok: true, pushed: 1 });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pulled: 1 });
    expect(await introducedBy(a, erin.id)).toBeNull();
    expect((await phone.find('Erin Novak')).text).not.toMatch(/X-KITH-INTRODUCER/i);
    const onServer = await serverView(phone);
    for (const name of ['Dave Kim', 'Erin Novak']) for (const kith of [a, b]) expect(kithView(kith).get(name)).toEqual(onServer.get(name));

    // a phone-made pair in one pass, whichever card comes first; and an introducer no Kith has
    const put = (uid: string, name: string, introducer: string) => phone.put(new URL(`${uid}.vcf`, server.addressBookUrl).href, phoneVCard(uid, name, [`X-KITH-INTRODUCER:urn:uuid:${introducer}`]));
    expect(await put('phone-gina', 'Gina Silva', 'phone-hugo')).toBeLessThan(300);
    expect(await phone.put(new URL('phone-hugo.vcf', server.addressBookUrl).href, phoneVCard('phone-hugo', 'Hugo Weber'))).toBeLessThan(300);
    expect(await put('phone-ines', 'Ines Young', 'nobody-in-kith')).toBeLessThan(300);
    for (const kith of [a, b]) {
      expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 3 });
      expect(await introducedBy(kith, 'phone-gina')).toBe('phone-hugo');
      expect(await introducedBy(kith, 'phone-ines')).toBeNull();
      expect((await kith.sync())[0]).toMatchObject({ ok: true, pulled: 0, pushed: 0 }); // settled: the late link is agreed, not a change
    }
    await a.call('contacts.update', { id: 'phone-ines', notes: 'Met at the climbing wall' });
    expect((await a.sync())[0]).toMatchObject({ ok: true, pushed: 1 });
    const ines = (await phone.find('Ines Young')).text;
    expect(ines).toContain('Met at the climbing wall');
    expect(ines).toMatch(/^X-KITH-INTRODUCER:urn:uuid:nobody-in-kith\r?$/im);
  });
});
