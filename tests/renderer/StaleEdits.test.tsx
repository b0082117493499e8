// An edit made from an older copy (the record changed in another window or tab meanwhile) is not
// written over the newer one: the form says so, the page reloads, and the newer edit stays.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReminderForm } from '../../renderer/src/components/reminders/ReminderForm';
import { onDataChanged } from '../../renderer/src/lib/refresh';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => kith.dispose());

describe('stale edits', { timeout: 30_000 }, () => {
  it('a reminder edited in another tab meanwhile: the form says so, pages reload, and the other edit stays', async () => {
    const opened = await kith.call('reminders.create', { title: 'Call the bank', dueDate: '2030-03-10' });
    await kith.call('reminders.update', { id: opened.id, updatedAt: opened.updatedAt, title: 'Call the bank about the loan' }); // the other tab
    const reloads = vi.fn();
    const unregister = onDataChanged(reloads);
    const onSaved = vi.fn();
    render(<ReminderForm initial={opened} onClose={() => {}} onSaved={onSaved} />);
    const user = userEvent.setup();
    const title = screen.getByLabelText('Remind me to');
    await user.clear(title);
    await user.type(title, 'Call Mum');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/changed elsewhere.*not saved/)).toBeVisible();
    await waitFor(() => expect(reloads).toHaveBeenCalled());
    unregister();
    expect(onSaved).not.toHaveBeenCalled();
    expect((await kith.call('reminders.get', { id: opened.id })).title).toBe('Call the bank about the loan');
  });
});
