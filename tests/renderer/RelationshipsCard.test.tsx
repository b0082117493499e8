// The Relationships card on a real back end: "introduced" reads as a sentence; every link, the
// "Introduced by" field too, has a remove button with Undo; linking a friend as partner asks first.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster, toast } from 'sonner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelationshipsCard } from '../../renderer/src/components/contact/RelationshipsCard';
import { ContactDetails } from '../../renderer/src/components/contact/ContactDetails';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => {
  act(() => void toast.dismiss());
  await kith.dispose();
});
const count = (kind: string) => kith.sqlite.prepare('SELECT count(*) FROM relationships WHERE kind = ?').pluck().get(kind);

describe('Relationships card', { timeout: 30_000 }, () => {
  it('writes "introduced" as a sentence and removes the field link with Undo', async () => {
    const ana = await kith.call('contacts.create', { displayName: 'Ana' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben', introducedById: ana.id });
    const user = userEvent.setup();
    render(
      <>
        <RelationshipsCard contactId={ben.id} name="Ben" />
        <Toaster />
      </>,
    );
    const item = (await screen.findByText(/introduced you to Ben/)).closest('li')!;
    expect(item).toHaveTextContent('Ana introduced you to Ben');
    await user.click(within(item).getByRole('button', { name: /Unlink Ana/ }));
    await waitFor(() => expect(kith.sqlite.prepare('SELECT introduced_by_id FROM contacts WHERE id = ?').pluck().get(ben.id)).toBeNull());
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(kith.sqlite.prepare('SELECT introduced_by_id FROM contacts WHERE id = ?').pluck().get(ben.id)).toBe(ana.id));
  });

  it('removes a stored link with Undo, and asks before making a friend a partner too', async () => {
    const ana = await kith.call('contacts.create', { displayName: 'Ana' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben' });
    await kith.call('relationships.add', { contactId: ana.id, otherId: ben.id, role: 'friend' });
    const user = userEvent.setup();
    render(
      <>
        <RelationshipsCard contactId={ana.id} name="Ana" />
        <Toaster />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: 'Unlink Ben (Friend)' }));
    await waitFor(() => expect(count('friend')).toBe(0));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(count('friend')).toBe(1));

    await user.click(screen.getByRole('button', { name: 'Link someone' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Relationship' }), 'partner');
    await user.type(screen.getByRole('combobox', { name: 'Linked person' }), 'Ben');
    await user.click(await screen.findByRole('option', { name: /Ben/ }));
    const question = await screen.findByRole('group', { name: /already linked as friends/ });
    expect(count('partner')).toBe(0);
    await user.click(within(question).getByRole('button', { name: 'Yes, both' }));
    await waitFor(() => expect(count('partner')).toBe(1));
  });
});

describe('Details card', { timeout: 30_000 }, () => {
  it('shows the age and the next birthday for a known birth year', async () => {
    const now = new Date();
    const c = await kith.call('contacts.create', { displayName: 'Dora', birthday: { month: 1, day: 1, year: now.getFullYear() - 30 } });
    render(<ContactDetails contact={c} />);
    const isNewYear = now.getMonth() === 0 && now.getDate() === 1;
    expect(screen.getByText(isNewYear ? '· 30 · turns 30 today' : `· 30 · turns 31 on 1 Jan ${now.getFullYear() + 1}`, { exact: false })).toBeVisible();
  });

  it('lets a long email break after @ and dots', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Eve', methods: [{ kind: 'email', value: 'eve.very.long@example.org', label: null, isPrimary: true }] });
    const { container } = render(<ContactDetails contact={c} />);
    const link = container.querySelector('a[href^="mailto:"]')!;
    expect(link.textContent).toBe('eve.very.long@example.org');
    expect(link.querySelectorAll('wbr').length).toBe(4);
  });
});
