// The value panel against a real back end: amounts read by the locale and shown before saving,
// ambiguous amounts refused with how they were read, the status back to "Invoiced" after adding,
// the default currency from Settings, and editing an entry in place.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValuePanel } from '../../renderer/src/components/contact/ValuePanel';
import { dataChanged } from '../../renderer/src/lib/refresh';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeAll(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-06-15T10:00:00Z') });
  installBridge(kith);
});
afterAll(async () => kith.dispose());

const entries = () => kith.sqlite.prepare('SELECT amount_minor, currency, kind, note FROM value_entries ORDER BY created_at').all();

describe('the value panel (en-US)', () => {
  it('shows how an amount reads before saving, refuses "4.500", and resets the status after adding', async () => {
    expect(navigator.language).toBe('en-US');
    await kith.call('settings.update', { defaultCurrency: 'USD' });
    const acme = await kith.call('contacts.create', { displayName: 'Acme', circleId: 'circle-clients' });
    const user = userEvent.setup();
    render(<ValuePanel contact={acme} />);
    const form = await screen.findByRole('form', { name: 'Add a value entry' });
    // the default currency from Settings
    expect(within(form).getByLabelText('Currency')).toHaveValue('USD');
    const amount = within(form).getByLabelText('Amount');
    await user.type(amount, '4,500.00');
    expect(within(form).getByText('Reads as $4,500.00')).toBeVisible();
    await user.clear(amount);
    await user.type(amount, '4.500');
    await user.click(within(form).getByRole('button', { name: 'Add entry' }));
    expect(await within(form).findByText('“4.500” is ambiguous: in en-US it reads as $4.50, but it could mean $4,500.00. Type 4.50 or 4,500.00 to say which.')).toBeVisible();
    expect(entries()).toEqual([]);

    await user.clear(amount);
    await user.type(amount, '4.500,00');
    expect(within(form).getByText('Reads as $4,500.00')).toBeVisible();
    await user.selectOptions(within(form).getByLabelText('Status'), 'paid');
    // the back end's clock is in June 2026
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2026-06-01');
    await user.click(within(form).getByRole('button', { name: 'Add entry' }));
    await waitFor(() => expect(entries()).toEqual([{ amount_minor: 450000, currency: 'USD', kind: 'paid', note: '' }]));
    // ready for the next one: the status is back to Invoiced, the amount empty
    expect(within(form).getByLabelText('Status')).toHaveValue('invoiced');
    expect(amount).toHaveValue('');
  });

  it('edits an entry in place, showing its amount as the user writes it', async () => {
    const beta = await kith.call('contacts.create', { displayName: 'Beta', circleId: 'circle-clients' });
    await kith.call('value.create', { contactId: beta.id, occurredOn: '2026-06-01', amountMinor: 450, currency: 'EUR', kind: 'invoiced', note: 'typo' });
    const user = userEvent.setup();
    render(<ValuePanel contact={beta} />);
    const list = await screen.findByRole('list', { name: 'Value entries' });
    await user.click(within(list).getByRole('button', { name: 'Edit €4.50 entry of 2026-06-01' }));
    const form = within(list).getByRole('form', { name: 'Edit value entry' });
    const amount = within(form).getByLabelText('Amount');
    expect(amount).toHaveValue('4.50');
    await user.clear(amount);
    await user.type(amount, '4500');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(kith.sqlite.prepare('SELECT amount_minor FROM value_entries WHERE contact_id = ?').pluck().get(beta.id)).toBe(450000));
    dataChanged();
    expect(await screen.findByRole('button', { name: 'Edit €4,500.00 entry of 2026-06-01' })).toBeVisible();
    expect(screen.getByText('Outstanding').nextElementSibling).toHaveTextContent('€4,500.00');
  });
});
