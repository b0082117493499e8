// The theme chosen in Settings: stored through the API, shown at once on <html data-theme>, and
// 'system' follows the OS's prefers-color-scheme.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppearanceSection } from '../../renderer/src/components/settings/AppearanceSection';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';

let kith: TestBackend;
let systemDark = true;
beforeEach(async () => {
  kith = await startTestBackend();
  installBridge(kith);
  window.matchMedia = ((q: string) => ({ matches: q.includes('dark') && systemDark, media: q, addEventListener() {}, removeEventListener() {} })) as never;
});
afterEach(async () => kith.dispose());

const stored = () => kith.sqlite.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get();

describe('the theme setting', { timeout: 30_000 }, () => {
  it('starts on the system’s, and a choice is stored and shown at once', async () => {
    render(<AppearanceSection />);
    const user = userEvent.setup();
    expect(await screen.findByRole('radio', { name: 'Same as the system' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light'); // though the system is dark
    await waitFor(() => expect(stored()).toBe('"light"'));
    expect((await kith.call('settings.get', {})).theme).toBe('light');
    systemDark = false;
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() => expect(stored()).toBe('"dark"'));
    await user.click(screen.getByRole('radio', { name: 'Same as the system' }));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('refuses a theme that is not one of the three', async () => {
    expect(await kith.dispatch('settings.update', { theme: 'purple' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'theme' } });
  });
});
