// Sync conflicts: a contact changed in Kith and elsewhere in the same field since they last agreed.
// Nothing was overwritten; here the user picks, field by field, which version to keep, and the next
// pass sends the result to the server.
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import { formatDateTime } from '../lib/format';
import { useRouter } from '../stores/router';
import { useSync } from '../stores/sync';
import type { SyncConflict, SyncConflictField } from '../../../shared/domain/sync';

export function SyncConflictsPage() {
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  useEffect(() => {
    const load = () => void api.call('sync.conflicts.list', {}).then(setConflicts, () => setConflicts([]));
    load();
    return onDataChanged(load);
  }, []);
  const navigate = useRouter((s) => s.navigate);

  return (
    <section className="page sync-conflicts-page" aria-labelledby="conflicts-title">
      <header className="page-header">
        <h1 id="conflicts-title">Sync conflicts</h1>
      </header>
      <p className="subtle">These contacts were changed in Kith and on another device in the same field. Kith kept both versions; choose the one to keep for each field. Fields changed on one side only were merged already.</p>
      {conflicts && conflicts.length === 0 && (
        <div className="empty-state">
          <h2>No conflicts</h2>
          <p>Every synced contact agrees with the server.</p>
          <button type="button" className="button" onClick={() => navigate({ page: 'settings' })}>
            Back to Settings
          </button>
        </div>
      )}
      {conflicts?.map((c) => (
        <ConflictCard key={c.id} conflict={c} onResolved={() => setConflicts((list) => list?.filter((x) => x.id !== c.id) ?? null)} />
      ))}
    </section>
  );
}

function ConflictCard({ conflict, onResolved }: { conflict: SyncConflict; onResolved(): void }) {
  const navigate = useRouter((s) => s.navigate);
  const [choices, setChoices] = useState<Partial<Record<SyncConflictField, 'local' | 'remote'>>>(() => Object.fromEntries(conflict.fields.map((f) => [f.field, 'local'])));
  const [busy, setBusy] = useState(false);

  async function keep() {
    setBusy(true);
    try {
      await api.call('sync.conflicts.resolve', { id: conflict.id, choices });
      onResolved();
      toast.success(`Kept your choices for ${conflict.displayName}`);
      await useSync.getState().syncNow(conflict.accountId);
    } catch (err) {
      toast.error((err as Error).message);
      setBusy(false);
    }
  }

  const titleId = `conflict-${conflict.id}`;
  return (
    <article className="card sync-conflict" aria-labelledby={titleId}>
      <div className="card-header">
        <h2 id={titleId}>
          {conflict.kind === 'contacts' ? (
            <a
              href={`#/contacts/${encodeURIComponent(conflict.contactId)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contact', id: conflict.contactId });
              }}
            >
              {conflict.displayName}
            </a>
          ) : (
            conflict.displayName
          )}
        </h2>
        <span className="subtle">Found {formatDateTime(conflict.createdAt)}</span>
      </div>
      <table className="sync-conflict-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">In Kith</th>
            <th scope="col">On the server</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{f.label}</th>
              {(['local', 'remote'] as const).map((side) => (
                <td key={side}>
                  <label className={choices[f.field] === side ? 'sync-choice chosen' : 'sync-choice'}>
                    <input
                      type="radio"
                      name={`${conflict.id}-${f.field}`}
                      checked={choices[f.field] === side}
                      onChange={() => setChoices((c) => ({ ...c, [f.field]: side }))}
                      aria-label={`${f.label}: keep ${side === 'local' ? 'the version in Kith' : 'the version on the server'}`}
                    />
                    <span className="sync-choice-value">{side === 'local' ? f.local : f.remote}</span>
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setChoices(Object.fromEntries(conflict.fields.map((f) => [f.field, 'remote'])))}>
          Use the server’s version
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void keep()}>
          {busy ? 'Saving…' : 'Keep these'}
        </button>
      </div>
    </article>
  );
}
