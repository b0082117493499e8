// Contacts → Duplicates: groups of contacts that may be one person, surest first, each with why;
// merge them (with Undo) or say they are different people (remembered).
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import { usePhoneRegion } from '../lib/phoneRegion';
import { useRouter } from '../stores/router';
import { Icon } from '../components/Icon';
import { DuplicateGroupCard } from '../components/duplicates/DuplicateGroupCard';
import { MergeDialog } from '../components/duplicates/MergeDialog';
import type { DuplicateGroup, MergeResult } from '../../../shared/api/methods/duplicates';
import { formatNumber } from '../lib/format';

const PAGE = 50;

export function DuplicatesPage() {
  const navigate = useRouter((s) => s.navigate);
  const region = usePhoneRegion();
  const [groups, setGroups] = useState<DuplicateGroup[] | null>(null);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.call('duplicates.list', { limit }).then(
        (r) => {
          setGroups(r.groups);
          setTotal(r.total);
          setError(null);
        },
        (err: Error) => setError(err.message),
      ),
    [limit],
  );
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  async function dismiss(group: DuplicateGroup) {
    setBusyKey(group.key);
    try {
      await api.call('duplicates.dismiss', { contactIds: group.contacts.map((c) => c.id) });
      toast.success(`Kept apart: ${group.contacts.map((c) => c.displayName).join(' and ')}`, { description: 'They will not be proposed as duplicates again.' });
      await load();
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusyKey(null);
    }
  }

  function merged(result: MergeResult, names: string[]) {
    setMerging(null);
    void load();
    const undo = () =>
      api.call('duplicates.undoMerge', { undoId: result.undoId }).then(
        () => {
          toast.success(`Merge undone: ${names.join(' and ')} are back as they were`);
          void load();
        },
        (err: Error) => toast.error(err.message),
      );
    toast.success(`Merged ${names.length} contacts into ${result.contact.displayName}`, {
      duration: 12_000,
      action: { label: 'Undo', onClick: () => void undo() },
      cancel: { label: 'Open', onClick: () => navigate({ page: 'contact', id: result.contact.id }) },
    });
  }

  const now = Date.now();
  return (
    <section className="page duplicates-page" aria-labelledby="duplicates-title">
      <header className="page-header">
        <div>
          <h1 id="duplicates-title">Possible duplicates</h1>
          <p className="subtle">
            {groups === null ? '…' : total === 0 ? 'Nobody to merge' : total === 1 ? '1 group of contacts that may be one person' : `${formatNumber(total)} groups of contacts that may be one person`}
          </p>
        </div>
        <a
          className="button"
          href="#/contacts"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'contacts' });
          }}
        >
          <Icon name="people" size={16} /> All contacts
        </a>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {groups !== null && groups.length === 0 && !error && (
        <div className="empty-state">
          <h2>No possible duplicates</h2>
          <p>Kith looks for people who share an email address or a phone number (in any format), or whose names are the same once accents, case, punctuation and word order are set aside.</p>
        </div>
      )}
      {groups && groups.length > 0 && (
        <ul className="duplicate-groups" aria-label="Possible duplicates" aria-busy={busyKey !== null}>
          {groups.map((g) => (
            <DuplicateGroupCard key={g.key} group={g} region={region} now={now} busy={busyKey === g.key} onMerge={() => setMerging(g)} onDismiss={() => void dismiss(g)} />
          ))}
        </ul>
      )}
      {groups && total > groups.length && (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
            Show more ({formatNumber(total - groups.length)} left)
          </button>
        </div>
      )}
      {merging && <MergeDialog contactIds={merging.contacts.map((c) => c.id)} region={region} onClose={() => setMerging(null)} onMerged={merged} />}
    </section>
  );
}
