// Deleting an interaction (its edit dialog) or a tag (Settings) asks nothing and offers Undo in
// the toast; Undo puts back exactly what went: the people, the tag on everyone who had it.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster, toast } from 'sonner';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuickLogDialog } from '../../renderer/src/components/QuickLogDialog';
import { CirclesSection } from '../../renderer/src/components/settings/CirclesSection';
import { useContacts } from '../../renderer/src/stores/contacts';
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

describe('delete with Undo', { timeout: 30_000 }, () => {
  it('an interaction comes back with every participant', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann Archer' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben Baker' });
    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [ann.id, ben.id], summary: 'Dinner', rating: 5 });
    const onClose = vi.fn();
    render(
      <>
        <QuickLogDialog people={[]} editing={dinner} onClose={onClose} />
        <Toaster />
      </>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(0);
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Interaction restored')).toBeVisible();
    expect(await kith.call('interactions.get', { id: dinner.id })).toEqual(dinner);
  });

  it('a tag comes back on everyone who had it', async () => {
    await kith.call('contacts.create', { displayName: 'Ann Archer', tags: ['climbing'] });
    await kith.call('contacts.create', { displayName: 'Ben Baker', tags: ['climbing', 'work'] });
    const links = () => kith.sqlite.prepare(`SELECT ct.contact_id, ct.tag_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = 'climbing' ORDER BY 1`).all();
    const before = links();
    // the app reloads the store after every write (App.tsx); here by hand
    const reload = () => act(() => useContacts.getState().load());
    await reload();
    render(
      <>
        <CirclesSection />
        <Toaster />
      </>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete tag climbing' }));
    expect(await screen.findByText('Tag climbing removed from 2 people')).toBeVisible();
    expect(links()).toEqual([]);
    await reload();
    expect(screen.queryByRole('button', { name: 'Delete tag climbing' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Tag climbing restored')).toBeVisible();
    expect(links()).toEqual(before);
    await reload();
    expect(await screen.findByRole('button', { name: 'Delete tag climbing' })).toBeVisible();
  });
});
