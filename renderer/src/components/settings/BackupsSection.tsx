// Settings → Backups: the automatic daily backups, "Back up now", and restoring one after seeing
// what it holds.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Modal } from '../Modal';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { formatDateTime } from '../../lib/format';
import type { BackupDetails, BackupInfo } from '../../../../shared/api/methods/transfer';

const KIND_LABELS: Record<BackupInfo['kind'], string> = {
  daily: 'Automatic',
  manual: 'Backed up by you',
  'before-migration': 'Before an update',
  'before-restore': 'Before a restore',
  other: 'Backup',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function BackupsSection() {
  const [list, setList] = useState<{ folder: string; backups: BackupInfo[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);

  const load = useCallback(() => api.call('transfer.backupsList', {}).then(setList, () => setList(null)), []);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  async function backUpNow() {
    setBusy(true);
    try {
      const info = await api.call('transfer.backupNow', {});
      toast.success(`Backed up at ${formatDateTime(info.takenAt)}`);
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const newest = list?.backups[0];
  return (
    <section className="card" aria-labelledby="backups-title">
      <div className="section-heading">
        <div>
          <h2 id="backups-title">Backups</h2>
          <p className="subtle">Kith backs up your data file every day while it runs and before every update, keeping 7 daily, 4 weekly and 12 monthly copies.</p>
        </div>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => setRestoring(true)} disabled={!list?.backups.length}>
            Restore from backup…
          </button>
          <button type="button" className="button primary" onClick={backUpNow} disabled={busy}>
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Last backup</dt>
          <dd>{newest ? `${formatDateTime(newest.takenAt)} · ${KIND_LABELS[newest.kind]}` : 'None yet'}</dd>
        </div>
        <div>
          <dt>Backups kept</dt>
          <dd>{list ? list.backups.length : '…'}</dd>
        </div>
        <div>
          <dt>Folder</dt>
          <dd className="mono">{list?.folder ?? '…'}</dd>
        </div>
      </dl>
      {restoring && list && <RestoreDialog backups={list.backups} onClose={() => setRestoring(false)} />}
    </section>
  );
}

function RestoreDialog({ backups, onClose }: { backups: BackupInfo[]; onClose(): void }) {
  const [chosen, setChosen] = useState(backups[0]?.fileName ?? '');
  const [details, setDetails] = useState<BackupDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDetails(null);
    if (!chosen) return;
    api.call('transfer.backupInspect', { fileName: chosen }).then(setDetails, (err) => setError((err as Error).message));
  }, [chosen]);

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('transfer.backupRestore', { fileName: chosen });
      toast.success(`Restored the backup from ${formatDateTime(result.restored.takenAt)}. Your data from before is kept as a backup.`);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title="Restore from backup" onClose={onClose} wide>
      <fieldset className="backup-choices">
        <legend>Choose a backup</legend>
        <ul>
          {backups.map((b) => (
            <li key={b.fileName}>
              <label>
                <input type="radio" name="backup" value={b.fileName} checked={chosen === b.fileName} onChange={() => setChosen(b.fileName)} />
                <span className="backup-date">{formatDateTime(b.takenAt)}</span>
                <span className="subtle">
                  {KIND_LABELS[b.kind]} · {formatSize(b.sizeBytes)}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="restore-details" aria-live="polite">
        {!details ? (
          <p className="subtle">Reading the backup…</p>
        ) : details.ok ? (
          <p>
            The backup from <strong>{formatDateTime(details.takenAt)}</strong> holds <strong>{plural(details.contacts, 'contact', 'contacts')}</strong> and{' '}
            <strong>{plural(details.interactions, 'interaction', 'interactions')}</strong>. Restoring replaces
            everything in Kith with it; your current data is backed up first, so this can be undone.
          </p>
        ) : (
          <p className="form-error">This backup is damaged ({details.problem}) and cannot be restored.</p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={restore} disabled={busy || !details?.ok}>
          {busy ? 'Restoring…' : 'Restore this backup'}
        </button>
      </div>
    </Modal>
  );
}
