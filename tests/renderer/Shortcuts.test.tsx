// "?" opens the list of every keyboard shortcut; typing "?" in a field does not.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlobalDialogs } from '../../renderer/src/components/GlobalDialogs';
import { useUi } from '../../renderer/src/stores/ui';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterEach(async () => {
  act(() => useUi.setState({ shortcutsOpen: false, quickLog: null, paletteOpen: false, newContactOpen: false }));
  await kith.dispose();
});

describe('the shortcuts list', { timeout: 30_000 }, () => {
  it('opens on "?", lists the shortcuts of every part of the app, and closes with Escape', async () => {
    render(<GlobalDialogs />);
    const user = userEvent.setup();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const group of ['Anywhere', 'Contacts list', 'Reminders', 'Logging and editing']) expect(within(dialog).getByRole('heading', { name: group })).toBeVisible();
    for (const does of ['Open the command palette', 'Log an interaction', 'Search', 'Move through the list', 'Mark done (also X)', 'Snooze', 'Save from any field'])
      expect(within(dialog).getByText(does)).toBeVisible();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does not open while typing in a field', async () => {
    render(
      <>
        <input aria-label="Notes" />
        <GlobalDialogs />
      </>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Notes'), 'why?');
    expect(screen.getByLabelText('Notes')).toHaveValue('why?');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
