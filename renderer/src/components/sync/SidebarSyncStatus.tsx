// The sidebar's sync line: last sync (or the running pass), what waits to go out, what needs the
// user, and "Sync now". Shown once there is an account.
import { useEffect, useState } from 'react';
import { onDataChanged } from '../../lib/refresh';
import { formatAgo } from '../../lib/format';
import { useRouter } from '../../stores/router';
import { useSync } from '../../stores/sync';
import { Icon } from '../Icon';

export function SidebarSyncStatus() {
  const status = useSync((s) => s.status);
  const syncing = useSync((s) => s.syncing);
  const navigate = useRouter((s) => s.navigate);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const load = () => void useSync.getState().load();
    load();
    const tick = setInterval(() => setNow(Date.now()), 30_000); // "2 minutes ago" keeps moving
    const unregister = onDataChanged(load);
    return () => {
      clearInterval(tick);
      unregister();
    };
  }, []);
  if (!status?.accounts.length) return null;

  const accounts = status.accounts;
  const failed = accounts.find((a) => a.lastError);
  const last = Math.min(...accounts.map((a) => a.lastSyncAt ?? 0));
  const pending = accounts.reduce((n, a) => n + a.pending, 0);
  const conflicts = accounts.reduce((n, a) => n + a.conflicts, 0);
  const deletions = accounts.reduce((n, a) => n + a.awaitingDeletion, 0);
  const running = status.running || syncing;
  const headline = running ? 'Syncing…' : failed ? 'Sync failed' : last ? `Synced ${formatAgo(last, now)}` : 'Not synced yet';
  const details = [pending > 0 && `${pending} to send`, deletions > 0 && `${deletions} to confirm`].filter(Boolean).join(' · ');

  return (
    <div className={failed && !running ? 'sidebar-sync failed' : 'sidebar-sync'} aria-label="Sync status" role="group">
      <div className="sidebar-sync-text">
        <span className="sidebar-sync-headline" title={failed?.lastError ?? undefined}>
          <Icon name="sync" size={14} />
          {headline}
        </span>
        {details && <span className="subtle">{details}</span>}
        {conflicts > 0 && (
          <a
            href="#/sync/conflicts"
            className="sidebar-sync-conflicts"
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'sync-conflicts' });
            }}
          >
            {conflicts === 1 ? '1 conflict to resolve' : `${conflicts} conflicts to resolve`}
          </a>
        )}
      </div>
      <button type="button" className="button small" disabled={!!running} onClick={() => void useSync.getState().syncNow()}>
        Sync now
      </button>
    </div>
  );
}
