// Sync's screens over a real back end and SQLite file: the add-account dialog names what is wrong
// and adds nothing until a test passed; the sidebar's sync line appears with an account and says
// when a pass failed and how many conflicts wait.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncAccountDialog } from '../../renderer/src/components/settings/SyncAccountDialog';
import { SidebarSyncStatus } from '../../renderer/src/components/sync/SidebarSyncStatus';
import { useSync } from '../../renderer/src/stores/sync';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { installBridge } from '../helpers/bridge';
import { freePort } from '../helpers/davServers';

let kith: TestBackend;
beforeEach(async () => {
  kith = await startTestBackend({ host: 'web' });
  installBridge(kith);
  useSync.setState({ status: null, syncing: false });
});
afterEach(async () => kith.dispose());

const accounts = () => kith.sqlite.prepare('SELECT count(*) FROM sync_accounts').pluck().get();

describe('adding a sync account', { timeout: 30_000 }, () => {
  it('says the server cannot be reached, and adds nothing', async () => {
    const user = userEvent.setup();
    render(<SyncAccountDialog onClose={() => {}} />);
    const port = await freePort();
    await user.type(screen.getByLabelText('Server address or email'), `http://127.0.0.1:${port}/`);
    await user.type(screen.getByLabelText('User name'), 'ann');
    await user.type(screen.getByLabelText('Password'), 'secret');
    expect(screen.getByRole('button', { name: 'Add and sync' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server. Check the address and your connection.');
    expect(screen.getByRole('button', { name: 'Add and sync' })).toBeDisabled();
    expect(accounts()).toBe(0);
  });

  it('names the empty field', async () => {
    const user = userEvent.setup();
    render(<SyncAccountDialog onClose={() => {}} />);
    await user.type(screen.getByLabelText('User name'), 'ann');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Enter the server address')).toBeVisible();
    expect(screen.getByLabelText('Server address or email')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('the sidebar sync line', { timeout: 30_000 }, () => {
  it('is absent without an account; with one it shows a failed pass and the conflicts waiting', async () => {
    const { container } = render(<SidebarSyncStatus />);
    await waitFor(() => expect(useSync.getState().status).not.toBeNull());
    expect(container).toBeEmptyDOMElement();

    kith.sqlite.prepare(`INSERT INTO sync_accounts (id, name, server_url, username, last_sync_at, last_error, created_at) VALUES ('acc', 'ann on dav', 'https://dav.example', 'ann', 1, 'Cannot reach the server. Check the address and your connection.', 1)`).run();
    kith.sqlite.prepare(`INSERT INTO sync_collections (account_id, kind, url, name, vcard_version, sync_token) VALUES ('acc', 'contacts', 'https://dav.example/ann/contacts/', 'Contacts', '4.0', NULL)`).run();
    const id = (await kith.call('contacts.create', { displayName: 'Ann Lee' })).id;
    kith.sqlite.prepare(`INSERT INTO sync_conflicts (id, account_id, kind, item_id, href, remote_etag, remote_card, fields, created_at) VALUES ('c1', 'acc', 'contacts', ?, 'https://dav.example/ann/contacts/x.vcf', '"1"', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n', '[]', 1)`).run(id);
    await useSync.getState().load();
    const line = await screen.findByRole('group', { name: 'Sync status' });
    expect(line).toHaveTextContent('Sync failed');
    expect(screen.getByRole('link', { name: '1 conflict to resolve' })).toHaveAttribute('href', '#/sync/conflicts');
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  });
});
