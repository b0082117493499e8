// Settings → Sync: the CardDAV accounts Kith keeps its contacts in step with, each with its last
// pass, what waits to go out, what needs the user (conflicts, deletions to confirm, unreadable
// cards), "Sync now" and "Remove"; and adding an account (test, choose the address book, first sync).
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { formatAgo, formatDateTime } from '../../lib/format';
import { useRouter } from '../../stores/router';
import { useSync } from '../../stores/sync';
import { Modal } from '../Modal';
import { SyncAccountDialog } from './SyncAccountDialog';
import { SyncCalendars } from './SyncCalendars';
import { SyncProgressBar } from '../sync/SyncProgressBar';
import type { SyncAccount, SyncPendingDeletion } from '../../../../shared/domain/sync';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function SyncSection() {
  const status = useSync((s) => s.status);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    const load = () => void useSync.getState().load();
    load();
    return onDataChanged(load);
  }, []);

  const accounts = status?.accounts ?? [];
  return (
    <section className="card sync-section" aria-labelledby="sync-title">
      <div className="section-heading">
        <div>
          <h2 id="sync-title">Sync</h2>
          <p className="subtle">Keep your contacts in step with a CardDAV address book (iCloud, Fastmail, Nextcloud, Radicale…), and your reminders and interactions with its CalDAV calendars: your phone’s contacts and reminders apps see them, and Kith on another computer shares them. No Kith server is involved.</p>
        </div>
        <div className="toolbar">
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            Add account…
          </button>
        </div>
      </div>
      {status && accounts.length === 0 && <p className="subtle">No account yet. Kith works fully without one; sync is for using the same people on more than one device.</p>}
      {accounts.length > 0 && (
        <ul className="sync-accounts">
          {accounts.map((a) => (
            <SyncAccountRow key={a.id} account={a} />
          ))}
        </ul>
      )}
      {adding && <SyncAccountDialog onClose={() => setAdding(false)} />}
    </section>
  );
}

function SyncAccountRow({ account }: { account: SyncAccount }) {
  const running = useSync((s) => s.status?.running);
  const syncing = useSync((s) => s.syncing);
  const navigate = useRouter((s) => s.navigate);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [deletions, setDeletions] = useState<SyncPendingDeletion[] | null>(null);
  const mine = running?.accountId === account.id ? running : null;
  const now = Date.now();

  async function remove() {
    try {
      await api.call('sync.accounts.remove', { id: account.id });
      toast.success(`Removed ${account.name}. Your contacts stay in Kith and on the server.`);
      await useSync.getState().load();
    } catch (err) {
      toast.error((err as Error).message);
    }
  }

  return (
    <li className="sync-account">
      <div className="sync-account-head">
        <div>
          <h3>{account.name}</h3>
          <p className="subtle">
            {account.addressBook.name} · vCard {account.addressBook.vcardVersion} · <span className="mono">{account.serverUrl}</span>
          </p>
        </div>
        <div className="toolbar">
          <button type="button" className="button" disabled={syncing} onClick={() => void useSync.getState().syncNow(account.id)}>
            {mine ? 'Syncing…' : 'Sync now'}
          </button>
          <button type="button" className="button danger" onClick={() => setConfirmingRemove(true)}>
            Remove
          </button>
        </div>
      </div>
      {mine && <SyncProgressBar progress={mine} />}
      <dl className="facts">
        <div>
          <dt>Last sync</dt>
          <dd>{account.lastSyncAt ? <time dateTime={new Date(account.lastSyncAt).toISOString()} title={formatDateTime(account.lastSyncAt)}>{formatAgo(account.lastSyncAt, now)}</time> : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Waiting to send</dt>
          <dd>{account.pending === 0 ? 'Nothing' : plural(account.pending, 'change', 'changes')}</dd>
        </div>
        {account.lastError && (
          <div>
            <dt>Problem</dt>
            <dd className="sync-error" role="status">
              {account.lastError}
            </dd>
          </div>
        )}
      </dl>
      <SyncCalendars account={account} />
      {(account.conflicts > 0 || account.awaitingDeletion > 0 || account.problems.length > 0) && (
        <div className="sync-attention">
          {account.conflicts > 0 && (
            <div className="settings-note">
              <span>{plural(account.conflicts, 'item was', 'items were')} changed both here and elsewhere in the same field. Nothing was overwritten: choose which version to keep.</span>
              <button type="button" className="button" onClick={() => navigate({ page: 'sync-conflicts' })}>
                Resolve…
              </button>
            </div>
          )}
          {account.awaitingDeletion > 0 && (
            <div className="settings-note">
              <span>{plural(account.awaitingDeletion, 'contact you archived is', 'contacts you archived are')} still on the server. Kith removes them there only when you say so.</span>
              <button type="button" className="button" onClick={() => void api.call('sync.deletions.list', { accountId: account.id }).then(setDeletions)}>
                Review…
              </button>
            </div>
          )}
          {account.problems.length > 0 && (
            <details className="sync-problems">
              <summary>{plural(account.problems.length, 'card on the server could', 'cards on the server could')} not be read</summary>
              <ul>
                {account.problems.map((p) => (
                  <li key={p.href}>
                    <span className="mono">{decodeURIComponent(new URL(p.href).pathname.split('/').pop() ?? p.href)}</span>: {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {confirmingRemove && (
        <Modal title="Remove sync account" onClose={() => setConfirmingRemove(false)}>
          <p>Kith stops syncing with {account.name}. Your contacts stay in Kith, and the cards stay on the server.</p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setConfirmingRemove(false)}>
              Cancel
            </button>
            <button type="button" className="button danger-solid" onClick={() => void remove().then(() => setConfirmingRemove(false))}>
              Remove account
            </button>
          </div>
        </Modal>
      )}
      {deletions && <ConfirmDeletions account={account} deletions={deletions} onClose={() => setDeletions(null)} />}
    </li>
  );
}

function ConfirmDeletions({ account, deletions, onClose }: { account: SyncAccount; deletions: SyncPendingDeletion[]; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      await api.call('sync.deletions.confirm', { accountId: account.id, contactIds: deletions.map((d) => d.contactId) });
      onClose();
      await useSync.getState().syncNow(account.id);
    } catch (err) {
      toast.error((err as Error).message);
      setBusy(false);
    }
  }
  return (
    <Modal title="Remove from the server too?" onClose={onClose}>
      <p>These contacts are archived in Kith, or were merged into another contact. Removing them from {account.addressBook.name} also removes them from your phone and every other device on this account. They stay in Kith’s archive.</p>
      <ul className="sync-deletion-list">
        {deletions.map((d) => (
          <li key={d.contactId}>
            {d.displayName}
            {d.mergedInto ? <span className="subtle"> — merged into {d.mergedInto}</span> : null}
          </li>
        ))}
      </ul>
      <p className="subtle">To keep one on the server, restore it from the archive instead.</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Not now
        </button>
        <button type="button" className="button danger-solid" disabled={busy} onClick={() => void confirm()}>
          Remove {plural(deletions.length, 'contact', 'contacts')} from the server
        </button>
      </div>
    </Modal>
  );
}
