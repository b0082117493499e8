// Relationships read from both sides; circles and tags managed with their rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

const view = async (contactId: string) => (await kith.call('relationships.listForContact', { contactId })).map((r) => `${r.label}: ${r.other.displayName}`);

describe('relationships', () => {
  it('shows each link on both pages, with the inverse label for parent and child', async () => {
    const mum = await kith.call('contacts.create', { displayName: 'Mum' });
    const kid = await kith.call('contacts.create', { displayName: 'Kid' });
    const dad = await kith.call('contacts.create', { displayName: 'Dad' });
    await kith.call('relationships.add', { contactId: kid.id, otherId: mum.id, role: 'parent' });
    await kith.call('relationships.add', { contactId: dad.id, otherId: kid.id, role: 'child' });
    await kith.call('relationships.add', { contactId: mum.id, otherId: dad.id, role: 'partner' });
    expect(await view(kid.id)).toEqual(['Parent: Dad', 'Parent: Mum']);
    expect(await view(mum.id)).toEqual(['Partner: Dad', 'Child: Kid']);
    expect(await view(dad.id)).toEqual(['Partner: Mum', 'Child: Kid']);
    // stored once: a parent seen from the child is the same row as the child seen from the parent
    expect(kith.sqlite.prepare(`SELECT count(*) FROM relationships WHERE kind = 'parent'`).pluck().get()).toBe(2);
  });

  it('refuses the same symmetric link from the other side, a link to oneself and an unknown contact', async () => {
    const a = await kith.call('contacts.create', { displayName: 'A' });
    const b = await kith.call('contacts.create', { displayName: 'B' });
    await kith.call('relationships.add', { contactId: a.id, otherId: b.id, role: 'sibling' });
    await expect(kith.call('relationships.add', { contactId: b.id, otherId: a.id, role: 'sibling' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(kith.call('relationships.add', { contactId: a.id, otherId: a.id, role: 'friend' })).rejects.toMatchObject({ field: 'otherId' });
    await expect(kith.call('relationships.add', { contactId: a.id, otherId: 'ghost', role: 'friend' })).rejects.toMatchObject({ field: 'otherId' });
    expect(kith.sqlite.prepare('SELECT count(*) FROM relationships').pluck().get()).toBe(1);
  });

  it('shows "introduced by" on both sides, and removing a link removes it from both', async () => {
    const host = await kith.call('contacts.create', { displayName: 'Host' });
    const guest = await kith.call('contacts.create', { displayName: 'Guest', introducedById: host.id });
    expect(await view(guest.id)).toEqual(['Introduced by: Host']);
    expect(await view(host.id)).toEqual(['Introduced: Guest']);
    const link = await kith.call('relationships.add', { contactId: host.id, otherId: guest.id, role: 'colleague' });
    expect(link).toMatchObject({ label: 'Colleague', other: { id: guest.id } });
    await kith.call('relationships.remove', { id: link.id! });
    expect(await view(guest.id)).toEqual(['Introduced by: Host']);
  });
});

describe('circles', () => {
  it('creates, renames, recolours and changes the default cadence', async () => {
    const made = await kith.call('circles.create', { name: 'Climbing', color: '#AA00ff', defaultCadenceDays: 10 });
    expect(made).toMatchObject({ name: 'Climbing', color: '#aa00ff', defaultCadenceDays: 10, contactCount: 0 });
    const changed = await kith.call('circles.update', { id: made.id, name: 'Bouldering', color: '#112233', defaultCadenceDays: 0 });
    expect(changed).toMatchObject({ name: 'Bouldering', color: '#112233', defaultCadenceDays: 0 });
    expect((await kith.call('circles.list', {})).map((c) => c.name)).toEqual(['Family', 'Friends', 'Colleagues', 'Clients', 'Bouldering']);
  });

  it('refuses a duplicate name (any case), a bad colour and a negative cadence', async () => {
    await expect(kith.call('circles.create', { name: 'friends', color: '#000000', defaultCadenceDays: 1 })).rejects.toMatchObject({ code: 'conflict', field: 'name' });
    await expect(kith.call('circles.create', { name: 'X', color: 'red', defaultCadenceDays: 1 })).rejects.toMatchObject({ field: 'color' });
    await expect(kith.call('circles.update', { id: 'circle-family', defaultCadenceDays: -3 })).rejects.toMatchObject({ field: 'defaultCadenceDays' });
    expect((await kith.call('circles.list', {})).length).toBe(4);
  });

  it('moves the contacts of a deleted circle to the chosen circle or to none', async () => {
    const a = await kith.call('contacts.create', { displayName: 'A', circleId: 'circle-clients' });
    const b = await kith.call('contacts.create', { displayName: 'B', circleId: 'circle-colleagues' });
    expect(await kith.call('circles.delete', { id: 'circle-clients', moveToId: 'circle-friends' })).toEqual({ id: 'circle-clients', moved: 1 });
    expect((await kith.call('contacts.get', { id: a.id })).circleId).toBe('circle-friends');
    await kith.call('circles.delete', { id: 'circle-colleagues', moveToId: null });
    expect((await kith.call('contacts.get', { id: b.id })).circleId).toBeNull();
    await expect(kith.call('circles.delete', { id: 'circle-family', moveToId: 'circle-family' })).rejects.toMatchObject({ field: 'moveToId' });
    await expect(kith.call('circles.delete', { id: 'circle-family', moveToId: 'gone' })).rejects.toMatchObject({ field: 'moveToId' });
  });

  it('never leaves the app without a circle', async () => {
    await kith.call('circles.delete', { id: 'circle-clients', moveToId: null });
    await kith.call('circles.delete', { id: 'circle-colleagues', moveToId: null });
    await kith.call('circles.delete', { id: 'circle-friends', moveToId: null });
    await expect(kith.call('circles.delete', { id: 'circle-family', moveToId: null })).rejects.toMatchObject({ code: 'conflict' });
    expect((await kith.call('circles.list', {})).map((c) => c.id)).toEqual(['circle-family']);
  });
});

describe('tags', () => {
  it('lists with counts, renames (refusing a clash) and deletes from every contact', async () => {
    const a = await kith.call('contacts.create', { displayName: 'A', tags: ['chess', 'golf'] });
    await kith.call('contacts.create', { displayName: 'B', tags: ['Chess'] });
    const tags = await kith.call('tags.list', {});
    expect(tags.map((t) => [t.name, t.contactCount])).toEqual([
      ['chess', 2],
      ['golf', 1],
    ]);
    await expect(kith.call('tags.rename', { id: tags[0]!.id, name: 'GOLF' })).rejects.toMatchObject({ code: 'conflict' });
    await kith.call('tags.rename', { id: tags[0]!.id, name: 'Chess club' });
    expect((await kith.call('contacts.list', { tag: 'chess club' })).total).toBe(2);
    await kith.call('tags.delete', { id: tags[1]!.id });
    expect((await kith.call('contacts.get', { id: a.id })).tags).toEqual(['Chess club']);
  });
});
