// Gifts and personal loans against a real file: ideas with a link and a price, gifts given by
// occasion, and money owed per currency, never summed across currencies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
let ada: string;
let bob: string;
beforeEach(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin') });
  ada = (await kith.call('contacts.create', { displayName: 'Ada Lovelace' })).id;
  bob = (await kith.call('contacts.create', { displayName: 'Bob' })).id;
});
afterEach(async () => kith.dispose());

describe('gifts', () => {
  it('keeps ideas with a link and a price, then the gifts given and received, latest first', async () => {
    await kith.call('gifts.create', { contactId: ada, status: 'given', title: 'Scarf', occasion: 'Christmas', onDate: '2025-12-24' });
    const book = await kith.call('gifts.create', { contactId: ada, title: 'A book on Bernoulli numbers', url: 'https://example.org/book', priceMinor: 2450, currency: 'eur' });
    await kith.call('gifts.create', { contactId: ada, status: 'received', title: 'Notes on the engine', occasion: 'Birthday', onDate: '2026-01-10' });
    await kith.call('gifts.create', { contactId: bob, title: 'Dog toy' });
    expect(book).toMatchObject({ status: 'idea', priceMinor: 2450, currency: 'EUR', url: 'https://example.org/book' });
    expect((await kith.call('gifts.listForContact', { contactId: ada })).map((g) => [g.status, g.title])).toEqual([
      ['idea', 'A book on Bernoulli numbers'],
      ['received', 'Notes on the engine'],
      ['given', 'Scarf'],
    ]);
    expect((await kith.call('gifts.ideasFor', { contactIds: [ada, bob] })).map((g) => g.title).sort()).toEqual(['A book on Bernoulli numbers', 'Dog toy']);

    // the idea is given on her birthday
    const given = await kith.call('gifts.update', { id: book.id, status: 'given', occasion: 'Birthday', onDate: '2026-12-10' });
    expect(given).toMatchObject({ status: 'given', occasion: 'Birthday', priceMinor: 2450 });
    expect((await kith.call('gifts.ideasFor', { contactIds: [ada] })).length).toBe(0);
  });

  it('refuses a price without currency, a link that is not one, and an empty title, naming the field', async () => {
    const errs = [
      await kith.call('gifts.create', { contactId: ada, title: 'Wine', priceMinor: 1500 }).catch((e) => e),
      await kith.call('gifts.create', { contactId: ada, title: 'Wine', url: 'javascript:alert(1)' }).catch((e) => e),
      await kith.call('gifts.create', { contactId: ada, title: ' ' }).catch((e) => e),
      await kith.call('gifts.create', { contactId: ada, title: 'Wine', priceMinor: 1500, currency: 'XYZ' }).catch((e) => e),
    ];
    expect(errs.map((e) => [e.code, e.field])).toEqual([
      ['invalid_input', 'currency'],
      ['invalid_input', 'url'],
      ['invalid_input', 'title'],
      ['invalid_input', 'currency'],
    ]);
    const g = await kith.call('gifts.create', { contactId: ada, title: 'Wine', priceMinor: 1500, currency: 'EUR' });
    const removed = await kith.call('gifts.update', { id: g.id, currency: null }).catch((e) => e);
    expect([removed.code, removed.field]).toEqual(['invalid_input', 'currency']);
    expect(kith.sqlite.prepare('SELECT count(*) FROM gifts').pluck().get()).toBe(1);
  });
});

describe('money lent and borrowed', () => {
  it('says who owes whom per currency, open loans only, never summed across currencies', async () => {
    const lunch = await kith.call('loans.create', { contactId: ada, direction: 'lent', amountMinor: 2000, currency: 'EUR', occurredOn: '2026-02-01', note: 'Lunch' });
    await kith.call('loans.create', { contactId: ada, direction: 'lent', amountMinor: 5000, currency: 'EUR', occurredOn: '2026-02-10' });
    await kith.call('loans.create', { contactId: ada, direction: 'borrowed', amountMinor: 1500, currency: 'GBP', occurredOn: '2026-02-12' });
    await kith.call('loans.create', { contactId: bob, direction: 'borrowed', amountMinor: 3000, currency: 'EUR', occurredOn: '2026-02-15' });
    await kith.call('loans.create', { contactId: bob, direction: 'lent', amountMinor: 500, currency: 'JPY', occurredOn: '2026-02-16' });

    const mine = await kith.call('loans.listForContact', { contactId: ada });
    expect(mine.loans.map((l) => l.occurredOn)).toEqual(['2026-02-12', '2026-02-10', '2026-02-01']);
    expect(mine.balances).toEqual([
      { currency: 'EUR', owedToMeMinor: 7000, iOweMinor: 0 },
      { currency: 'GBP', owedToMeMinor: 0, iOweMinor: 1500 },
    ]);

    await kith.call('loans.update', { id: lunch.id, settledOn: '2026-02-20' });
    const summary = await kith.call('loans.summary', {});
    expect(summary.balances).toEqual([
      { currency: 'EUR', owedToMeMinor: 5000, iOweMinor: 3000 },
      { currency: 'GBP', owedToMeMinor: 0, iOweMinor: 1500 },
      { currency: 'JPY', owedToMeMinor: 500, iOweMinor: 0 },
    ]);
    expect(summary.people.map((p) => [p.displayName, p.currency, p.netMinor])).toEqual([
      ['Ada Lovelace', 'EUR', 5000],
      ['Bob', 'EUR', -3000],
      ['Ada Lovelace', 'GBP', -1500],
      ['Bob', 'JPY', 500],
    ]);
    // opened again
    await kith.call('loans.update', { id: lunch.id, settledOn: null });
    expect((await kith.call('loans.listForContact', { contactId: ada })).balances[0]).toEqual({ currency: 'EUR', owedToMeMinor: 7000, iOweMinor: 0 });
  });

  it('refuses bad amounts, currencies and a settlement before the loan, naming the field', async () => {
    const loan = await kith.call('loans.create', { contactId: ada, direction: 'lent', amountMinor: 100, currency: 'EUR', occurredOn: '2026-02-01' });
    const errs = [
      await kith.call('loans.create', { contactId: ada, direction: 'lent', amountMinor: 0, currency: 'EUR', occurredOn: '2026-02-01' }).catch((e) => e),
      await kith.call('loans.create', { contactId: ada, direction: 'lent', amountMinor: 10.5, currency: 'EUR', occurredOn: '2026-02-01' }).catch((e) => e),
      await kith.call('loans.create', { contactId: ada, direction: 'gave' as never, amountMinor: 10, currency: 'EUR', occurredOn: '2026-02-01' }).catch((e) => e),
      await kith.call('loans.create', { contactId: ada, direction: 'lent', amountMinor: 10, currency: 'EURO', occurredOn: '2026-02-01' }).catch((e) => e),
      await kith.call('loans.update', { id: loan.id, settledOn: '2026-01-01' }).catch((e) => e),
      await kith.call('loans.create', { contactId: 'nobody', direction: 'lent', amountMinor: 10, currency: 'EUR', occurredOn: '2026-02-01' }).catch((e) => e),
    ];
    expect(errs.map((e) => [e.code, e.field])).toEqual([
      ['invalid_input', 'amountMinor'],
      ['invalid_input', 'amountMinor'],
      ['invalid_input', 'direction'],
      ['invalid_input', 'currency'],
      ['invalid_input', 'settledOn'],
      ['not_found', 'contactId'],
    ]);
    expect(kith.sqlite.prepare('SELECT count(*) FROM money_loans WHERE settled_on IS NULL').pluck().get()).toBe(1);
  });
});
