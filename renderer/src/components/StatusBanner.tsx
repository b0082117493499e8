// The back end's standing, above every page: a file opened read-only (and why), damage found in
// the file with the offer to restore the newest good backup (writes wait for the user's answer),
// and background tasks whose last run failed, such as the automatic backup on a full disk.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../lib/api';
import { dataChanged, onDataChanged, onStatusMayHaveChanged } from '../lib/refresh';
import { formatDateTime } from '../lib/format';
import type { AppStatus } from '../../../shared/api/methods/app';

/** how often the banner looks again for background problems (a backup runs hourly) */
const POLL_MS = 30_000;
/** while the search index catches up: soon enough that the note leaves when it is done */
const INDEXING_POLL_MS = 3_000;

export function StatusBanner() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api.call('app.status', {}).then(setStatus, () => {}), []);

  useEffect(() => {
    void load();
    const unregister = onDataChanged(load);
    const unwatch = onStatusMayHaveChanged(load);
    return () => {
      unregister();
      unwatch();
    };
  }, [load]);

  const indexing = status?.searchIndexing ?? false;
  useEffect(() => {
    const timer = setInterval(() => void load(), indexing ? INDEXING_POLL_MS : POLL_MS);
    return () => clearInterval(timer);
  }, [indexing, load]);

  async function resolve(choice: 'restore' | 'continue') {
    setBusy(true);
    try {
      setStatus(await api.call('app.resolveDamage', { choice }));
      if (choice === 'restore') toast.success('The backup is restored; the damaged file is kept beside it.');
      dataChanged();
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (!status) return null;
  const { damage, readOnlyReason, problems, searchIndexing } = status;
  if (!damage && !readOnlyReason && problems.length === 0 && !searchIndexing) return null;
  const backup = damage?.newestGoodBackup ?? null;
  return (
    <div className="status-banners">
      {damage && (
        <section className="status-banner danger" role="alert" aria-label="Your data file is damaged">
          <p>
            <strong>Your Kith file is damaged</strong> ({damage.problem}).{' '}
            {damage.writesStopped ? 'Nothing is written until you choose.' : 'You chose to go on: changes are written to the damaged file.'}
          </p>
          {backup && (
            <p>
              The newest good backup is from {formatDateTime(backup.takenAt)} with {backup.contacts} contacts and {backup.interactions} interactions.
            </p>
          )}
          {damage.writesStopped && (
            <div className="status-banner-actions">
              {backup && (
                <button type="button" className="button primary" disabled={busy} onClick={() => void resolve('restore')}>
                  Restore this backup
                </button>
              )}
              <button type="button" className="button" disabled={busy} onClick={() => void resolve('continue')}>
                Go on with the damaged file
              </button>
            </div>
          )}
        </section>
      )}
      {readOnlyReason && (
        <section className="status-banner warn" role="status" aria-label="Read-only">
          <p>
            <strong>Read-only.</strong> {readOnlyReason}
          </p>
        </section>
      )}
      {problems.map((p) => (
        <section key={p.task} className="status-banner warn" role="alert" aria-label="A background task failed">
          <p>
            <strong>{p.message}</strong> <span className="muted">({formatDateTime(p.at)}; Kith tries again by itself.)</span>
          </p>
        </section>
      ))}
      {searchIndexing && (
        <section className="status-banner info" role="status" aria-label="Search is catching up">
          <p>
            <strong>Search is catching up with many changes.</strong>{' '}
            <span className="muted">Until it is done a search may miss some people; everything is kept, and this note goes away by itself.</span>
          </p>
        </section>
      )}
    </div>
  );
}
