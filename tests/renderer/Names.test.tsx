// Names in the contact form against a real back end: the name fills given and family name and the
// reverse, in the locale's order; the avatar's initials follow that order.
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
afterEach(async () => {
  vi.restoreAllMocks();
  await kith.dispose();
});

async function renderForm() {
  const circles = await kith.call('circles.list', {});
  render(<ContactForm circles={circles} onSaved={() => {}} onCancel={() => {}} />);
  return userEvent.setup();
}

describe('names in the contact form', { timeout: 30_000 }, () => {
  it('typing "Helen Carter" fills given and family name, and saves all three', async () => {
    const user = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Helen Carter');
    expect(screen.getByLabelText('Given name')).toHaveValue('Helen');
    expect(screen.getByLabelText('Family name')).toHaveValue('Carter');
    expect(document.querySelector('.photo-picker .avatar')).toHaveTextContent('HC');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(kith.sqlite.prepare('SELECT display_name, given_name, family_name FROM contacts').get()).toEqual({ display_name: 'Helen Carter', given_name: 'Helen', family_name: 'Carter' }));
  });

  it('typing the parts writes the name; a name made different is then left alone', async () => {
    const user = await renderForm();
    await user.type(screen.getByLabelText('Given name'), 'Ada');
    await user.type(screen.getByLabelText('Family name'), 'Lovelace');
    expect(screen.getByLabelText('Name')).toHaveValue('Ada Lovelace');
    await user.clear(screen.getByLabelText('Family name'));
    await user.type(screen.getByLabelText('Family name'), 'King');
    expect(screen.getByLabelText('Name')).toHaveValue('Ada King');
    // a nickname as the name: the parts stop following it, and it stops following them
    await user.clear(screen.getByLabelText('Given name'));
    await user.type(screen.getByLabelText('Given name'), 'Augusta');
    expect(screen.getByLabelText('Name')).toHaveValue('Augusta King');
    await user.type(screen.getByLabelText('Name'), ' (Ada)');
    expect(screen.getByLabelText('Given name')).toHaveValue('Augusta');
    expect(screen.getByLabelText('Family name')).toHaveValue('King');
    await user.clear(screen.getByLabelText('Family name'));
    await user.type(screen.getByLabelText('Family name'), 'Byron');
    expect(screen.getByLabelText('Name')).toHaveValue('Augusta King (Ada)');
  });

  it('writes Hungarian names family first and makes initials in that order', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('hu-HU');
    const user = await renderForm();
    await user.type(screen.getByLabelText('Name'), 'Kovács János');
    expect(screen.getByLabelText('Given name')).toHaveValue('János');
    expect(screen.getByLabelText('Family name')).toHaveValue('Kovács');
    expect(document.querySelector('.photo-picker .avatar')).toHaveTextContent('KJ');
    await user.clear(screen.getByLabelText('Name'));
    await user.clear(screen.getByLabelText('Given name'));
    await user.clear(screen.getByLabelText('Family name'));
    await user.type(screen.getByLabelText('Family name'), 'Nagy');
    await user.type(screen.getByLabelText('Given name'), 'Anna');
    expect(screen.getByLabelText('Name')).toHaveValue('Nagy Anna');
  });
});
