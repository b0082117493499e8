// Personal facts against a real file: typed values, the user's order, suggested and own labels,
// search, and nothing written on bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
let ada: string;
beforeEach(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin') });
  ada = (await kith.call('contacts.create', { displayName: 'Ada Lovelace' })).id;
});
afterEach(async () => kith.dispose());

const count = () => kith.sqlite.prepare('SELECT count(*) FROM contact_facts').pluck().get();

describe('personal facts', () => {
  it('keeps typed facts in the order they were added, and in the order the user sets', async () => {
    const kids = await kith.call('facts.create', { contactId: ada, label: 'Kids', value: 'Luis (7), Ana (4)' });
    const allergy = await kith.call('facts.create', { contactId: ada, label: 'Allergies', value: 'Nuts' });
    const since = await kith.call('facts.create', { contactId: ada, label: 'Started working there', type: 'date', value: '2024-09-01' });
    expect(kids).toMatchObject({ label: 'Kids', type: 'text', value: 'Luis (7), Ana (4)', sortOrder: 0 });
    expect((await kith.call('facts.listForContact', { contactId: ada })).map((f) => f.label)).toEqual(['Kids', 'Allergies', 'Started working there']);

    const reordered = await kith.call('facts.reorder', { contactId: ada, ids: [allergy.id, since.id, kids.id] });
    expect(reordered.map((f) => f.label)).toEqual(['Allergies', 'Started working there', 'Kids']);
    expect((await kith.call('facts.listForContact', { contactId: ada })).map((f) => f.id)).toEqual([allergy.id, since.id, kids.id]);
  });

  it('refuses a value that does not fit its type, naming the field, and writes nothing', async () => {
    const bad = await kith.call('facts.create', { contactId: ada, label: 'Shoe size', type: 'number', value: 'forty' }).catch((e) => e);
    expect([bad.code, bad.field, bad.message]).toEqual(['invalid_input', 'value', 'value: A number fact holds digits, such as 42 or 8.5']);
    const date = await kith.call('facts.create', { contactId: ada, label: 'Since', type: 'date', value: '2025-02-30' }).catch((e) => e);
    expect(date.message).toBe('value: A date fact holds a real date as YYYY-MM-DD');
    const link = await kith.call('facts.create', { contactId: ada, label: 'Wishlist', type: 'link', value: 'javascript:alert(1)' }).catch((e) => e);
    expect(link.field).toBe('value');
    const empty = await kith.call('facts.create', { contactId: ada, label: '  ', value: 'x' }).catch((e) => e);
    expect([empty.field, empty.message]).toEqual(['label', 'label: Label must not be empty']);
    expect(count()).toBe(0);

    // changing only the type re-checks the stored value
    const fact = await kith.call('facts.create', { contactId: ada, label: 'Favourite wine', value: 'Rioja' });
    const retyped = await kith.call('facts.update', { id: fact.id, type: 'number' }).catch((e) => e);
    expect([retyped.code, retyped.field]).toEqual(['invalid_input', 'value']);
    expect((await kith.call('facts.listForContact', { contactId: ada }))[0]).toMatchObject({ type: 'text', value: 'Rioja' });
  });

  it('refuses an order that leaves out or invents a fact', async () => {
    const a = await kith.call('facts.create', { contactId: ada, label: 'A', value: '1' });
    await kith.call('facts.create', { contactId: ada, label: 'B', value: '2' });
    const err = await kith.call('facts.reorder', { contactId: ada, ids: [a.id] }).catch((e) => e);
    expect([err.code, err.field, err.message]).toEqual(['invalid_input', 'ids', "The new order must list each of this contact's 2 facts once"]);
    const unknown = await kith.call('facts.create', { contactId: 'nobody', label: 'A', value: '1' }).catch((e) => e);
    expect([unknown.code, unknown.field]).toEqual(['not_found', 'contactId']);
  });

  it('offers the suggested labels and then the ones the user made up, each once', async () => {
    await kith.call('facts.create', { contactId: ada, label: 'Favourite wine', value: 'Rioja' });
    await kith.call('facts.create', { contactId: ada, label: 'kids', value: 'Luis' });
    const labels = await kith.call('facts.labels', {});
    expect(labels.filter((l) => !l.suggested)).toEqual([{ label: 'Favourite wine', type: 'text', suggested: false }]);
    expect(labels.filter((l) => l.label.toLowerCase() === 'kids')).toHaveLength(1);
    expect(labels[0]).toEqual({ label: 'Partner', type: 'text', suggested: true });
  });

  it('is found by search, shown as the fact, and leaves the index when edited or deleted', async () => {
    await kith.call('contacts.create', { displayName: 'Someone Else', notes: 'Likes hiking' });
    const fact = await kith.call('facts.create', { contactId: ada, label: 'Favourite wine', value: 'Rioja Reserva' });
    const [hit] = await kith.call('contacts.search', { query: 'rioja' });
    expect(hit).toMatchObject({ displayName: 'Ada Lovelace', matchedIn: 'facts', excerpt: 'Favourite wine: \u0002Rioja\u0003 Reserva' });
    expect((await kith.call('contacts.search', { query: 'favourite wine' })).map((h) => h.displayName)).toEqual(['Ada Lovelace']);

    await kith.call('facts.update', { id: fact.id, value: 'Albariño' });
    expect(await kith.call('contacts.search', { query: 'rioja' })).toEqual([]);
    expect((await kith.call('contacts.search', { query: 'albarino' }))[0]?.matchedIn).toBe('facts');
    await kith.call('facts.delete', { id: fact.id });
    expect(await kith.call('contacts.search', { query: 'albarino' })).toEqual([]);
    // notes still match as notes
    expect((await kith.call('contacts.search', { query: 'hiking' }))[0]?.matchedIn).toBe('notes');
  });

  it('goes with its contact when the contact is deleted for good', async () => {
    await kith.call('facts.create', { contactId: ada, label: 'Pets', value: 'A cat called Babbage' });
    kith.sqlite.prepare('DELETE FROM contacts WHERE id = ?').run(ada);
    expect(count()).toBe(0);
  });
});
