// The dashboard and the value panel against a real back end: what a new user sees, and the value
// entry form's errors and totals.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardPage } from '../../renderer/src/pages/DashboardPage';
import { ValuePanel } from '../../renderer/src/components/contact/ValuePanel';
import { dataChanged } from '../../renderer/src/lib/refresh';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

// one back end for the file: the renderer's API client binds to the first bridge it sees
let kith: TestBackend;
beforeAll(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-06-15T10:00:00Z') });
  installBridge(kith);
});
afterAll(async () => kith.dispose());

describe('the dashboard for a new user', () => {
  it('welcomes someone with no contacts, then shows calm empty sections after the first one', async () => {
    render(<DashboardPage onAddContact={() => {}} />);
    expect(await screen.findByText('Welcome to Kith')).toBeVisible();
    await kith.call('contacts.create', { displayName: 'Ann' });
    dataChanged();
    expect(await screen.findByText('Nobody is waiting on you. Every check-in is up to date.')).toBeVisible();
    expect(screen.getByText('No warning signs: nothing cooling, one-sided or dormant.')).toBeVisible();
    expect(screen.getByText(/Freelancing\? Add value entries/)).toBeVisible();
    // added today: the first check-in is 30 days away, beyond the 14 days shown
    expect(screen.getByText('Nothing in the next two weeks. Add birthdays and reminders to see them here.')).toBeVisible();
  });
});

describe('the dashboard with a long backlog', () => {
  it('says how long overdue in words, and shows today’s share of the catch-up plan', async () => {
    const old = await kith.call('contacts.create', { displayName: 'Wilhelmina Long-Overdue', importance: 'inner', cadenceDays: 30 });
    kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2015-01-01T12:00:00Z'), old.id);
    for (let i = 0; i < 20; i++) {
      const c = await kith.call('contacts.create', { displayName: `Backlog ${i}`, cadenceDays: 30 });
      kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-01-01T12:00:00Z') + i * 86_400_000, c.id);
    }
    await kith.call('settings.update', { catchUpWeeklyBudget: 14 });
    render(<DashboardPage onAddContact={() => {}} />);
    const overdue = await screen.findByRole('list', { name: 'Overdue check-ins' });
    expect(within(overdue).getAllByText('11 years overdue').length).toBeGreaterThan(0);
    const today = await screen.findByRole('list', { name: 'Today’s check-ins' });
    // 14 a week: two today, the inner-circle one first
    expect(within(today).getAllByRole('listitem')).toHaveLength(2);
    expect(within(today).getAllByRole('listitem')[0]).toHaveTextContent('Wilhelmina Long-Overdue');
    expect(screen.getByText(/21 due, 14 a week · all caught up by/)).toBeVisible();
    // the last of them lands this year: no year needed; far off, the year is written
    expect(screen.getByText(/all caught up by/).textContent).not.toMatch(/20\d\d/);
  });

  it('takes a person off the overdue list as soon as the quick log is saved, before the dashboard is asked again', async () => {
    render(<DashboardPage onAddContact={() => {}} />);
    const overdue = await screen.findByRole('list', { name: 'Overdue check-ins' });
    const card = overdue.closest('section')!;
    const pill = () => Number(card.querySelector('.dash-card-header .count-pill')!.textContent!.replace(/,/g, ''));
    const before = pill();
    const first = within(overdue).getAllByRole('listitem')[0]!;
    const name = within(first).getByRole('link').textContent!;
    await userEvent.setup().click(within(first).getByRole('button', { name: `Log interaction with ${name}` }));
    // no data-changed event in this test: what changes is the list's own doing
    await waitFor(() => expect(within(overdue).queryByText(name)).toBeNull());
    expect(pill()).toBe(before - 1);
    const logged = kith.sqlite.prepare(`SELECT count(*) FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id WHERE c.display_name = ?`).pluck().get(name);
    expect(logged).toBe(1);
  });

  it('writes the count past the list’s fifty as every other number, with its thousands grouped', async () => {
    const insert = kith.sqlite.prepare(`INSERT INTO contacts (id, display_name, cadence_days, created_at, updated_at) VALUES (?, ?, 30, ?, ?)`);
    const longAgo = Date.parse('2025-01-01T12:00:00Z');
    kith.sqlite.transaction(() => {
      for (let i = 0; i < 1_100; i++) insert.run(`many-${i}`, `Many ${i}`, longAgo, longAgo);
    })();
    render(<DashboardPage onAddContact={() => {}} />);
    // 1,120 overdue (the 21 above, less the one logged, and these), 50 listed
    await waitFor(() => expect(screen.getAllByText('and 1,070 more').length).toBeGreaterThan(0));
    const card = screen.getAllByText('and 1,070 more').map((p) => p.closest('section')!);
    expect(card.some((c) => within(c).queryByRole('heading', { name: 'Overdue check-ins' }))).toBe(true);
    // at one a week that backlog takes decades: said in years, not as a date in the 2040s
    await kith.call('settings.update', { catchUpWeeklyBudget: 1 });
    dataChanged();
    await waitFor(() => expect(screen.getAllByText(/1,120 due, 1 a week · over 2\d years at this pace/).length).toBeGreaterThan(0));
  });
});

describe('the value panel', () => {
  it('is not offered for someone who is not a client and has no value recorded', async () => {
    const friend = await kith.call('contacts.create', { displayName: 'Just A Friend', circleId: 'circle-friends' });
    const { container } = render(<ValuePanel contact={friend} />);
    await waitFor(() => expect(kith.sqlite.prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(friend.id)).toBe(1));
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.queryByText('Track client value')).toBeNull();
    expect(container.querySelector('.value-panel')).toBeNull();
  });

  it('names the field in error, writes nothing, then adds an entry and shows totals', async () => {
    const acme = await kith.call('contacts.create', { displayName: 'Acme', circleId: 'circle-clients' });
    const user = userEvent.setup();
    render(<ValuePanel contact={acme} />);
    const form = await screen.findByRole('form', { name: 'Add a value entry' });
    await user.type(within(form).getByLabelText('Amount'), '12,50x');
    await user.click(within(form).getByRole('button', { name: 'Add entry' }));
    expect(await screen.findByText('“12,50x” is not an amount; type it like 1,200.50')).toBeVisible();
    await user.clear(within(form).getByLabelText('Amount'));
    await user.type(within(form).getByLabelText('Amount'), '100');
    await user.clear(within(form).getByLabelText('Currency'));
    await user.type(within(form).getByLabelText('Currency'), 'ZZZ');
    await user.click(within(form).getByRole('button', { name: 'Add entry' }));
    expect(await screen.findByText('Not a known currency code')).toBeVisible();
    expect(kith.sqlite.prepare('SELECT count(*) FROM value_entries').pluck().get()).toBe(0);

    await user.clear(within(form).getByLabelText('Currency'));
    await user.type(within(form).getByLabelText('Currency'), 'EUR');
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2026-06-01');
    await user.type(within(form).getByLabelText('Note'), 'June');
    await user.click(within(form).getByRole('button', { name: 'Add entry' }));
    await waitFor(() => expect(kith.sqlite.prepare('SELECT amount_minor, currency, kind, note FROM value_entries').get()).toEqual({ amount_minor: 10000, currency: 'EUR', kind: 'invoiced', note: 'June' }));
    dataChanged();
    const entries = await screen.findByRole('list', { name: 'Value entries' });
    expect(within(entries).getByText('June')).toBeVisible();
    await user.click(within(entries).getByRole('button', { name: /mark €100.00 as paid/ }));
    await waitFor(() => expect(kith.sqlite.prepare('SELECT kind FROM value_entries').pluck().get()).toBe('paid'));
  });
});
