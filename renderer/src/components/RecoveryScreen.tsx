// A data file that could not be opened at all (app.status: damage with opened false) leaves nothing
// to show: both hosts answer only app.status and the restore (electron/api/recovery-dispatch.ts).
// This screen takes the window's place until the user restores the newest good backup; a file found
// damaged while open is the banner's (StatusBanner.tsx), since it can still be read.
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../lib/api';
import { dataChanged } from '../lib/refresh';
import { formatDateTime } from '../lib/format';
import type { AppStatus } from '../../../shared/api/methods/app';

export function RecoveryGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AppStatus | null | undefined>(undefined);
  useEffect(() => {
    api.call('app.status', {}).then(setStatus, () => setStatus(null));
  }, []);
  if (status === undefined) return null; // one small call: the app starts once it has answered
  if (!status?.damage || status.damage.opened) return <>{children}</>;
  return <RecoveryScreen damage={status.damage} onRestored={setStatus} />;
}

function RecoveryScreen({ damage, onRestored }: { damage: NonNullable<AppStatus['damage']>; onRestored: (status: AppStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const backup = damage.newestGoodBackup;
  async function restore() {
    setBusy(true);
    setError(null);
    try {
      onRestored(await api.call('app.resolveDamage', { choice: 'restore' }));
      dataChanged(); // what loaded before (and was refused) loads again from the restored file
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }
  return (
    <main className="recovery-screen" id="main">
      <section className="status-banner danger" role="alert" aria-labelledby="recovery-title">
        <h1 id="recovery-title">Kith cannot open your data file</h1>
        <p>
          It is damaged: {damage.problem}. Nothing has been written to it.
        </p>
        {backup ? (
          <>
            <p>
              The newest good backup is from {formatDateTime(backup.takenAt)} with {backup.contacts} contacts and {backup.interactions} interactions. Restoring puts it in
              place and keeps the damaged file beside it.
            </p>
            <div className="status-banner-actions">
              <button type="button" className="button primary" disabled={busy} autoFocus onClick={() => void restore()}>
                {busy ? 'Restoring…' : 'Restore this backup'}
              </button>
            </div>
          </>
        ) : (
          <p>No good backup was found beside it. Move the damaged file out of the way to start a new, empty Kith, or put a backup in its place by hand.</p>
        )}
        {error && (
          <p className="recovery-error" role="status">
            {error}
          </p>
        )}
      </section>
    </main>
  );
}
