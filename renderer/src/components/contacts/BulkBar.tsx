// What can be done to the selected contacts at once: circle, tags, cadence (never remind included),
// importance, archive or restore. Each applies in one step and offers Undo.
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { dataChanged } from '../../lib/refresh';
import type { Circle, Tag } from '../../../../shared/domain/contact';
import type { InputOf } from '../../../../shared/api/contract';
import type { ListSelection } from './useSelection';
import { formatNumber } from '../../lib/format';

type Change = InputOf<'contacts.bulkUpdate'>['change'];

const CADENCES: Array<[string, string]> = [
  ['default', 'Circle’s default'],
  ['7', 'Every week'],
  ['14', 'Every 2 weeks'],
  ['30', 'Every month'],
  ['90', 'Every 3 months'],
  ['180', 'Every 6 months'],
  ['365', 'Every year'],
  ['0', 'Never remind'],
];

export function BulkBar({ selection, circles, tags, archived }: { selection: ListSelection; circles: Circle[]; tags: Tag[]; archived: boolean }) {
  const [busy, setBusy] = useState(false);
  const [newTag, setNewTag] = useState('');

  async function apply(change: Change) {
    const target = selection.toSelection();
    if (!target) return;
    setBusy(true);
    try {
      const result = await api.call('contacts.bulkUpdate', { selection: target, change });
      // archived or restored people leave this list
      if (change.archived !== undefined) selection.clear();
      dataChanged();
      toast.success(result.summary, {
        action: {
          label: 'Undo',
          onClick: () =>
            void api.call('contacts.bulkUndo', { undoId: result.undoId }).then(
              (r) => {
                dataChanged();
                toast.success(r.summary);
              },
              (e: Error) => toast.error(e.message),
            ),
        },
      });
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function addTag(e: FormEvent) {
    e.preventDefault();
    const name = newTag.trim();
    if (!name) return;
    void apply({ addTags: [name] });
    setNewTag('');
  }

  const n = selection.count;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={`Change ${n} selected`}>
      <strong className="bulk-count" aria-live="polite">
        {formatNumber(n)} selected
      </strong>
      <select aria-label="Move to circle" value="" disabled={busy} onChange={(e) => void apply({ circleId: e.target.value === 'none' ? null : e.target.value })}>
        <option value="" disabled>
          Circle…
        </option>
        {circles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        <option value="none">No circle</option>
      </select>
      <form className="bulk-tag" onSubmit={addTag}>
        <input aria-label="Tag to add" placeholder="Add tag" value={newTag} list="bulk-tag-names" disabled={busy} onChange={(e) => setNewTag(e.target.value)} />
        <datalist id="bulk-tag-names">
          {tags.map((t) => (
            <option key={t.id} value={t.name} />
          ))}
        </datalist>
        <button type="submit" className="button small" disabled={busy || !newTag.trim()}>
          Add
        </button>
      </form>
      {tags.length > 0 && (
        <select aria-label="Remove tag" value="" disabled={busy} onChange={(e) => void apply({ removeTags: [e.target.value] })}>
          <option value="" disabled>
            Remove tag…
          </option>
          {tags.map((t) => (
            <option key={t.id} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Check-in cadence" value="" disabled={busy} onChange={(e) => void apply({ cadenceDays: e.target.value === 'default' ? null : Number(e.target.value) })}>
        <option value="" disabled>
          Cadence…
        </option>
        {CADENCES.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Importance" value="" disabled={busy} onChange={(e) => void apply({ importance: e.target.value as 'inner' | 'regular' | 'outer' })}>
        <option value="" disabled>
          Importance…
        </option>
        <option value="inner">Inner</option>
        <option value="regular">Regular</option>
        <option value="outer">Outer</option>
      </select>
      <button type="button" className="button small" disabled={busy} onClick={() => void apply({ archived: !archived })}>
        {archived ? 'Restore' : 'Archive'}
      </button>
      <button type="button" className="button small ghost" onClick={selection.clear}>
        Clear selection
      </button>
    </div>
  );
}
