// The banner shows what the back end reports: a failed automatic backup (a full disk), a file
// opened read-only, and damage found in the background with the offer to restore the newest good
// backup; writes are refused until the user answers, and "Restore this backup" brings it back.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusBanner } from '../../renderer/src/components/StatusBanner';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';
import { newestGoodBackup, backupFolder } from '../../electron/transfer/backups';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend({ host: 'web' });
  installBridge(kith);
});
afterEach(async () => kith.dispose());

describe('the status banner', { timeout: 30_000 }, () => {
  it('shows nothing when all is well', async () => {
    const { container } = render(<StatusBanner />);
    await new Promise((r) => setTimeout(r, 200));
    expect(container.textContent).toBe('');
  });

  it('shows a failed automatic backup on a full disk', async () => {
    kith.status.report('backup', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    render(<StatusBanner />);
    expect(await screen.findByRole('alert', { name: 'A background task failed' })).toHaveTextContent('The automatic backup failed: The disk holding your Kith file is full — free some space; nothing was lost.');
  });

  it('offers the newest good backup for damage; writes wait, and Restore brings the backup back', async () => {
    await kith.call('contacts.create', { displayName: 'In the backup' });
    await kith.call('transfer.backupNow', {});
    await kith.call('contacts.create', { displayName: 'After the backup' });
    kith.status.setDamage('*** in database main *** Page 7: btreeInitPage() returns error code 11', 'Kith’s data file is damaged.', newestGoodBackup(backupFolder(kith.ctx.databasePath)));
    const refused = await kith.dispatch('contacts.create', { displayName: 'Written while damaged' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'damaged' } });
    render(<StatusBanner />);
    const banner = await screen.findByRole('alert', { name: 'Your data file is damaged' });
    expect(banner).toHaveTextContent(/Nothing is written until you choose.*newest good backup.*1 contacts/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Restore this backup' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Your data file is damaged' })).toBeNull());
    expect(kith.sqlite.prepare('SELECT display_name FROM contacts').pluck().all()).toEqual(['In the backup']);
    expect((await kith.dispatch('contacts.create', { displayName: 'Written after restore' })).ok).toBe(true);
  });

  it('says a file is read-only and why', async () => {
    kith.status.readOnlyReason = 'Kith opened your file read-only: it is on a read-only disk or file system.';
    render(<StatusBanner />);
    expect(await screen.findByRole('status', { name: 'Read-only' })).toHaveTextContent('Read-only. Kith opened your file read-only');
  });

  it('says while search is catching up in the background, and the note goes by itself when it is done', async () => {
    kith.status.searchIndexing = true;
    render(<StatusBanner />);
    expect(await screen.findByRole('status', { name: 'Search is catching up' })).toHaveTextContent('a search may miss some people');
    kith.status.searchIndexing = false;
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Search is catching up' })).toBeNull(), { timeout: 5_000 });
  });
});
