// The contact page's details list shows every dated row (an imported anniversary among them).
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactDetails } from '../../renderer/src/components/contact/ContactDetails';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => kith.dispose());

describe('contact details', () => {
  it('shows the anniversary and other dates next to the birthday', async () => {
    const made = await kith.call('contacts.create', { displayName: 'Wed Person', birthday: { month: 3, day: 4, year: null }, anniversary: { month: 6, day: 9, year: 2001 } });
    render(<ContactDetails contact={await kith.call('contacts.get', { id: made.id })} />);
    const term = screen.getByText('Anniversary', { selector: 'dt' });
    expect(term.nextElementSibling).toHaveTextContent(/June 9(th)?, 2001|9 June 2001/);
    expect(screen.getByText('Birthday', { selector: 'dt' })).toBeVisible();
  });
});
