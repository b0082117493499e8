// A number typed in the notification settings is not put back by a reload that another field's
// save starts meanwhile (found by the reminders e2e under load: "5 days ahead" was saved as 3).
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationsSection } from '../../renderer/src/components/settings/NotificationsSection';
import { dataChanged } from '../../renderer/src/lib/refresh';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
beforeAll(async () => {
  kith = await startTestBackend();
  installBridge(kith);
});
afterAll(async () => kith.dispose());

describe('notification settings', () => {
  it('keeps a number being typed when the page reloads before it is saved', async () => {
    render(<NotificationsSection />);
    const lead = await screen.findByLabelText('Birthdays, days ahead');
    await waitFor(() => expect(lead).toHaveValue(3));
    await userEvent.clear(lead);
    await userEvent.type(lead, '5');
    // another field's save reloads the section while this one is still being typed
    await kith.call('settings.update', { digestTime: '08:15' });
    dataChanged();
    await waitFor(async () => expect((await kith.call('settings.get', {})).digestTime).toBe('08:15'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lead).toHaveValue(5);
    await userEvent.tab();
    await waitFor(async () => expect((await kith.call('settings.get', {})).birthdayLeadDays).toBe(5));
  }, 30_000);
});
