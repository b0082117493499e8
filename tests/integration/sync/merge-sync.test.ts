// Merging two synced contacts (electron/services/merge.ts): the survivor's card gets the merged
// fields; the merged-away card is removed from the server only after the user confirms, like an
// archived contact's, and the confirmation says where it went; another Kith then has the merged
// contact and the other one archived. An Undo before confirming keeps both cards. Against radicale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DavServer } from '../../helpers/davServers';
import { type Phone, type SyncPeers, type SyncedKith, expectAgreement, kithView, startSyncPeers } from '../../helpers/syncPeers';

describe('merging synced contacts', () => {
  let peers: SyncPeers;
  let server: DavServer, a: SyncedKith, b: SyncedKith, phone: Phone;
  const cardNames = async () => (await phone.list()).map((c) => /^FN:(.*)$/m.exec(c.text)![1]!.trim()).sort();

  beforeAll(async () => void ({ server, a, b, phone } = peers = await startSyncPeers('radicale')), 30_000);
  afterAll(() => peers?.stop());

  it('an undone merge keeps both cards; a confirmed one leaves the survivor with the merged fields', async () => {
    const ann = await a.call('contacts.create', { displayName: 'Ann Lee', company: 'Acme', methods: [{ kind: 'email', label: null, value: 'ann@acme.example' }] });
    const annie = await a.call('contacts.create', { displayName: 'Annie Lee', title: 'Engineer', methods: [{ kind: 'phone', label: 'Mobile', value: '+44 20 7946 0018' }] });
    await a.sync();
    await b.sync();
    expect(await cardNames()).toEqual(['Ann Lee', 'Annie Lee']);

    // merged, then undone before the next pass: nothing leaves the server
    const first = await a.call('duplicates.merge', { survivorId: ann.id, mergedIds: [annie.id], choices: { displayName: ann.id } });
    expect(await a.call('sync.deletions.list', {})).toEqual([{ accountId: a.accountId, contactId: annie.id, displayName: 'Annie Lee', mergedInto: 'Ann Lee' }]);
    await a.call('duplicates.undoMerge', { undoId: first.undoId });
    expect((await a.sync())[0]).toMatchObject({ ok: true, awaitingDeletion: 0, deleted: 0 });
    expect(await a.call('sync.deletions.list', {})).toEqual([]);
    expect(await cardNames()).toEqual(['Ann Lee', 'Annie Lee']);
    await b.sync();
    await expectAgreement(phone, a, b);

    // merged for good
    await a.call('duplicates.merge', { survivorId: ann.id, mergedIds: [annie.id], choices: { displayName: ann.id } });
    const [afterMerge] = await a.sync();
    expect(afterMerge).toMatchObject({ ok: true, pushed: 1, awaitingDeletion: 1, deleted: 0 });
    expect(await cardNames()).toEqual(['Ann Lee', 'Annie Lee']); // not before the user's word
    const survivorCard = (await phone.find('Ann Lee')).text;
    expect(survivorCard).toMatch(/EMAIL.*:ann@acme\.example/);
    expect(survivorCard).toMatch(/TEL.*:\+44 20 7946 0018/);
    expect(survivorCard).toMatch(/TITLE:Engineer/);
    expect(await a.call('sync.deletions.list', {})).toEqual([{ accountId: a.accountId, contactId: annie.id, displayName: 'Annie Lee', mergedInto: 'Ann Lee' }]);
    expect((await a.sync())[0]).toMatchObject({ pushed: 0, awaitingDeletion: 1 }); // asked once, not again and again

    await a.call('sync.deletions.confirm', { accountId: a.accountId, contactIds: [annie.id] });
    expect((await a.sync())[0]).toMatchObject({ ok: true, deleted: 1, awaitingDeletion: 0 });
    expect(await cardNames()).toEqual(['Ann Lee']);
    expect(a.sqlite.prepare(`SELECT count(*) FROM sync_items WHERE item_id = ?`).pluck().get(annie.id)).toBe(0); // no status row left behind

    // the other Kith: the merged contact, and the merged-away one archived (its own history is kept there)
    expect((await b.sync())[0]).toMatchObject({ ok: true, pulled: 1, archived: 1 });
    expect(kithView(b).get('Ann Lee')!.methods.map((m) => m.value)).toEqual(['ann@acme.example', '+44 20 7946 0018']);
    expect((await b.call('contacts.list', { archived: true })).items.map((c) => c.displayName)).toContain('Annie Lee');
    await expectAgreement(phone, a, b);
  });
});
