// Client value through the real back end on a real SQLite file: outstanding per client, currencies
// kept apart, archived clients keeping their income, the dashboard's top ten with "others", the
// full sortable list, editing an entry and the default currency setting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { ApiError } from '../../shared/api/errors';

describe('client value', () => {
  let kith: TestBackend;
  const clock = fixedClock('2026-06-15T10:00:00Z');
  beforeEach(async () => {
    clock.set('2026-06-15T10:00:00Z');
    kith = await startTestBackend({ clock });
  });
  afterEach(async () => kith.dispose());

  const client = (displayName: string) => kith.call('contacts.create', { displayName, circleId: 'circle-clients' });
  const entry = (contactId: string, amountMinor: number, currency = 'EUR', kind: 'invoiced' | 'paid' = 'paid', occurredOn = '2026-05-01') =>
    kith.call('value.create', { contactId, occurredOn, amountMinor, currency, kind });

  it('counts outstanding per client (every unpaid invoice, however old) and never sums across currencies', async () => {
    const acme = await client('Acme');
    const beta = await client('Beta');
    await entry(acme.id, 500000, 'EUR', 'paid');
    await entry(acme.id, 120000, 'EUR', 'invoiced');
    await entry(acme.id, 30000, 'EUR', 'invoiced', '2024-01-10'); // older than a year, still unpaid
    await entry(beta.id, 200000, 'USD', 'invoiced');
    await entry(beta.id, 100000, 'EUR', 'paid');
    const { currencies } = (await kith.call('health.portfolio', {})).clients;
    expect(currencies.map((c) => [c.currency, c.totalMinor, c.outstandingMinor])).toEqual([
      ['EUR', 720000, 150000],
      ['USD', 200000, 200000],
    ]);
    expect(currencies[0]!.clients.map((c) => [c.displayName, c.amountMinor, c.outstandingMinor])).toEqual([
      ['Acme', 620000, 150000],
      ['Beta', 100000, 0],
    ]);
    expect(currencies[1]!.clients.map((c) => [c.displayName, c.share])).toEqual([['Beta', 1]]);
  });

  it('keeps an archived client’s income in the totals and the concentration of when it was earned', async () => {
    const acme = await client('Acme');
    const beta = await client('Beta');
    await entry(acme.id, 750000);
    await entry(beta.id, 250000);
    const before = (await kith.call('health.portfolio', {})).clients.currencies[0]!;
    await kith.call('contacts.archive', { id: acme.id });
    const after = (await kith.call('health.portfolio', {})).clients.currencies[0]!;
    expect(after.totalMinor).toBe(before.totalMinor);
    expect(after.clients.map((c) => [c.displayName, c.share, c.archived])).toEqual([
      ['Acme', 0.75, true],
      ['Beta', 0.25, false],
    ]);
    expect(after.overReliance).toMatchObject({ displayName: 'Acme' });
  });

  it('names the top ten on the dashboard and sums the rest as "others"; the full list sorts and pages', async () => {
    for (let i = 1; i <= 13; i++) {
      const c = await client(`Client ${String(i).padStart(2, '0')}`);
      await entry(c.id, i * 10000, 'EUR', i % 2 ? 'invoiced' : 'paid');
    }
    const eur = (await kith.call('health.portfolio', {})).clients.currencies[0]!;
    expect(eur.clientCount).toBe(13);
    expect(eur.clients.map((c) => c.displayName)).toEqual(Array.from({ length: 10 }, (_, i) => `Client ${String(13 - i).padStart(2, '0')}`));
    expect(eur.others).toMatchObject({ count: 3, amountMinor: 60000, outstandingMinor: 40000 });
    expect(eur.others!.share).toBeCloseTo(60000 / 910000);

    const byName = await kith.call('value.clients', { sort: 'name', limit: 5 });
    expect(byName).toMatchObject({ currencies: ['EUR'], currency: 'EUR', total: 13 });
    expect(byName.items.map((c) => c.displayName)).toEqual(['Client 01', 'Client 02', 'Client 03', 'Client 04', 'Client 05']);
    const page3 = await kith.call('value.clients', { sort: 'name', limit: 5, offset: 10 });
    expect(page3.items.map((c) => c.displayName)).toEqual(['Client 11', 'Client 12', 'Client 13']);
    const byOutstanding = await kith.call('value.clients', { sort: 'outstanding', limit: 2 });
    expect(byOutstanding.items.map((c) => [c.displayName, c.outstandingMinor])).toEqual([
      ['Client 13', 130000],
      ['Client 11', 110000],
    ]);
    const smallestFirst = await kith.call('value.clients', { sort: 'amount', descending: false, limit: 1 });
    expect(smallestFirst.items[0]!.displayName).toBe('Client 01');
  });

  it('edits an entry: amount, currency, status and note', async () => {
    const acme = await client('Acme');
    const e = await entry(acme.id, 450, 'EUR', 'invoiced');
    const edited = await kith.call('value.update', { id: e.id, amountMinor: 450000, currency: 'usd', kind: 'paid', note: 'fixed typo' });
    expect(edited).toMatchObject({ amountMinor: 450000, currency: 'USD', kind: 'paid', note: 'fixed typo' });
    const list = await kith.call('value.listForContact', { contactId: acme.id });
    expect(list.totals).toEqual([{ currency: 'USD', totalMinor: 450000, paidMinor: 450000, outstandingMinor: 0, lastYearMinor: 450000 }]);
  });

  it('keeps a default currency setting, refusing unknown codes', async () => {
    expect((await kith.call('settings.get', {})).defaultCurrency).toBe('EUR');
    expect((await kith.call('settings.update', { defaultCurrency: 'chf' })).defaultCurrency).toBe('CHF');
    const err = await kith.call('settings.update', { defaultCurrency: 'XYZ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('Not a known currency code');
    expect((await kith.call('settings.get', {})).defaultCurrency).toBe('CHF');
  });
});
