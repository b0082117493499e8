import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContactForm } from '../../renderer/src/components/ContactForm';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => kith.dispose());

const contactsInFile = () => kith.sqlite.prepare('SELECT display_name FROM contacts').pluck().all();

async function renderForm() {
  const circles = await kith.call('circles.list', {});
  const onSaved = vi.fn();
  render(<ContactForm circles={circles} onSaved={onSaved} onCancel={() => {}} />);
  return { onSaved, user: userEvent.setup() };
}

describe('the contact form', () => {
  it('refuses an empty name and a malformed email without saving anything', async () => {
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByText('Enter a name')).toBeVisible();
    expect(screen.getByText('This is not a valid email address')).toBeVisible();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
    expect(contactsInFile()).toEqual([]);
  });

  it('saves name, circle and email into the SQLite file', async () => {
    const { onSaved, user } = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Grace Hopper');
    await user.selectOptions(screen.getByLabelText('Circle'), 'Colleagues');
    await user.type(screen.getByLabelText('Email'), 'grace@navy.mil');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ displayName: 'Grace Hopper', circleId: 'circle-colleagues' });
    expect(kith.sqlite.prepare(`SELECT c.display_name, m.value FROM contacts c JOIN contact_methods m ON m.contact_id = c.id`).get()).toEqual({
      display_name: 'Grace Hopper',
      value: 'grace@navy.mil',
    });
  });
});
