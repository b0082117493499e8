// An address in the contact form and on the contact page (issue 17.6): its parts typed and picked
// with the keyboard are saved as parts; the page shows it as its country writes it, with a map link.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContactForm } from '../../renderer/src/components/ContactForm';
import { ContactDetails } from '../../renderer/src/components/contact/ContactDetails';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => kith.dispose());

describe('an address', { timeout: 30_000 }, () => {
  it('is typed part by part, the country picked by keyboard, and saved as parts', async () => {
    const circles = await kith.call('circles.list', {});
    const onSaved = vi.fn();
    render(<ContactForm circles={circles} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Anna Schmidt');
    await user.click(screen.getByRole('button', { name: '+ Address' }));
    const fields = within(screen.getByRole('group', { name: 'Address' }));
    await user.type(fields.getByLabelText('Street'), 'Invalidenstraße 117{Enter}Hinterhaus');
    await user.tab();
    await user.keyboard('10115');
    await user.tab();
    await user.keyboard('Berlin');
    await user.selectOptions(fields.getByLabelText('Country'), 'DE');
    await user.type(screen.getByLabelText('Address: label'), 'Home');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    const row = kith.sqlite.prepare(`SELECT label, value, address_parts FROM contact_methods WHERE kind = 'address'`).get() as { label: string; value: string; address_parts: string };
    expect({ ...row, address_parts: JSON.parse(row.address_parts) }).toEqual({
      label: 'Home',
      value: 'Invalidenstraße 117, Hinterhaus, Berlin, 10115, Germany',
      address_parts: { street: 'Invalidenstraße 117\nHinterhaus', city: 'Berlin', region: '', postcode: '10115', countryCode: 'DE', country: '' },
    });
  });

  it('is shown as its country writes it, with a link to OpenStreetMap that opens outside Kith', async () => {
    const made = await kith.call('contacts.create', {
      displayName: 'Homer Simpson',
      methods: [{ kind: 'address', label: 'Home', value: '', address: { street: '742 Evergreen Terrace', city: 'Springfield', region: 'IL', postcode: '62704', countryCode: 'US', country: '' } }],
    });
    render(<ContactDetails contact={await kith.call('contacts.get', { id: made.id })} />);
    const shown = screen.getByText('Address · Home', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect([...shown.querySelectorAll('address > span')].map((s) => s.textContent)).toEqual(['742 Evergreen Terrace', 'Springfield, IL 62704', 'United States']);
    const link = within(shown).getByRole('link', { name: /Show on map/ });
    expect(link).toHaveAttribute('href', 'https://www.openstreetmap.org/search?query=742%20Evergreen%20Terrace%2C%2062704%2C%20Springfield%2C%20IL%2C%20United%20States');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });
});
