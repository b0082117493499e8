// Circles: rename, recolour, set the default check-in cadence, add, delete (never the last one;
// its people move to the circle you choose, or to none). Tags: rename, a check-in rhythm of their
// own ("every 14 days, at worst 21": the shortest of a contact's tags and circle applies), delete.
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { useContacts } from '../../stores/contacts';
import type { Circle, Tag } from '../../../../shared/domain/contact';
import { Modal } from '../Modal';
import { Field } from '../Field';

const PALETTE = ['#e5484d', '#30a46c', '#0090ff', '#f76b15', '#8e4ec6', '#d6409f', '#12a594', '#978365'];

async function attempt(fn: () => Promise<unknown>, done?: string) {
  try {
    await fn();
    if (done) toast.success(done);
    return true;
  } catch (err) {
    toast.error((err as Error).message);
    return false;
  }
}

function CircleRow({ circle, onDelete }: { circle: Circle; onDelete(): void }) {
  const [name, setName] = useState(circle.name);
  const [cadence, setCadence] = useState(String(circle.defaultCadenceDays));
  return (
    <li className="settings-row">
      <input
        type="color"
        aria-label={`${circle.name}: colour`}
        value={circle.color}
        onChange={(e) => void attempt(() => api.call('circles.update', { id: circle.id, color: e.target.value }))}
      />
      <input
        aria-label={`${circle.name}: name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => name.trim() !== circle.name && void attempt(() => api.call('circles.update', { id: circle.id, name }), 'Circle renamed').then((ok) => ok || setName(circle.name))}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <label className="inline-field">
        every
        <input
          type="number"
          min={0}
          className="narrow"
          aria-label={`${circle.name}: default check-in days`}
          value={cadence}
          onChange={(e) => setCadence(e.target.value)}
          onBlur={() =>
            Number(cadence) !== circle.defaultCadenceDays &&
            void attempt(() => api.call('circles.update', { id: circle.id, defaultCadenceDays: Number(cadence) }), 'Cadence changed').then((ok) => ok || setCadence(String(circle.defaultCadenceDays)))
          }
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        days {Number(cadence) === 0 && <span className="subtle">(never)</span>}
      </label>
      {circle.defaultCadenceDays > 0 && (
        <LatestInput
          label={`${circle.name}: latest check-in days`}
          value={circle.defaultCadenceLatestDays ?? null}
          onCommit={(latest) => attempt(() => api.call('circles.update', { id: circle.id, defaultCadenceLatestDays: latest }), 'Latest check-in changed')}
        />
      )}
      <span className="subtle count">{circle.contactCount === 1 ? '1 person' : `${circle.contactCount.toLocaleString()} people`}</span>
      <button className="button small danger" onClick={onDelete} aria-label={`Delete circle ${circle.name}`}>
        Delete…
      </button>
    </li>
  );
}

export function CirclesSection() {
  const circles = useContacts((s) => s.circles);
  const tags = useContacts((s) => s.tags);
  const [deleting, setDeleting] = useState<Circle | null>(null);
  const [moveTo, setMoveTo] = useState('');
  const [newName, setNewName] = useState('');

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!newName.trim()) return;
    const ok = await attempt(() => api.call('circles.create', { name: newName.trim(), color: PALETTE[circles.length % PALETTE.length]!, defaultCadenceDays: 30 }), 'Circle added');
    if (ok) setNewName('');
  }

  return (
    <>
      <section className="card" aria-labelledby="circles-title">
        <h2 id="circles-title">Circles</h2>
        <p className="subtle">Each circle has a colour and how often you want to be in touch with its people. A contact can set its own rhythm instead.</p>
        <ul className="settings-list">
          {circles.map((c) => (
            <CircleRow
              key={`${c.id}-${c.name}-${c.defaultCadenceDays}-${c.defaultCadenceLatestDays}`}
              circle={c}
              onDelete={() => {
                if (circles.length === 1) return void toast.error('Kith needs at least one circle: rename this one instead.');
                setMoveTo(circles.find((x) => x.id !== c.id)?.id ?? '');
                setDeleting(c);
              }}
            />
          ))}
        </ul>
        <form className="inline-form" onSubmit={create}>
          <input aria-label="New circle name" placeholder="New circle, e.g. Climbing club" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button className="button" type="submit" disabled={!newName.trim()}>
            Add circle
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="tags-title">
        <h2 id="tags-title">Tags</h2>
        {tags.length === 0 ? (
          <p className="subtle">Tags appear here when you add them to a contact (e.g. “book club”, “investor”). Filter the contacts list by them.</p>
        ) : (
          <ul className="settings-list">
            {tags.map((t) => (
              <TagRow key={`${t.id}-${t.name}-${t.cadenceDays}-${t.cadenceLatestDays}`} tag={t} />
            ))}
          </ul>
        )}
      </section>

      {deleting && (
        <Modal title={`Delete the circle ${deleting.name}?`} onClose={() => setDeleting(null)}>
          <p>
            {deleting.contactCount === 0
              ? 'No one is in this circle.'
              : `${deleting.contactCount === 1 ? '1 person is' : `${deleting.contactCount} people are`} in ${deleting.name}. Where should they go?`}
          </p>
          <Field label="Move its people to">
            <select value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              {circles
                .filter((c) => c.id !== deleting.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              <option value="">No circle</option>
            </select>
          </Field>
          <div className="form-actions">
            <button className="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button
              className="button danger-solid"
              onClick={() =>
                void attempt(() => api.call('circles.delete', { id: deleting.id, moveToId: moveTo || null }), `${deleting.name} deleted`).then((ok) => ok && setDeleting(null))
              }
            >
              Delete circle
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}

/** no question asked: the toast offers Undo, which puts the tag back on everyone who had it */
async function deleteTag(tag: { id: string; name: string; contactCount: number }) {
  try {
    const { deleted } = await api.call('tags.delete', { id: tag.id });
    const who = deleted.contactIds.length === 1 ? '1 person' : `${deleted.contactIds.length.toLocaleString()} people`;
    toast.success(`Tag ${tag.name} removed from ${who}`, {
      action: { label: 'Undo', onClick: () => void attempt(() => api.call('tags.restore', deleted), `Tag ${tag.name} restored`) },
    });
  } catch (err) {
    toast.error((err as Error).message);
  }
}

/** "at worst [M] days": empty = the cadence itself; committed on blur or Enter, put back when refused */
function LatestInput({ label, value, disabled, onCommit }: { label: string; value: number | null; disabled?: boolean; onCommit(latest: number | null): Promise<boolean> }) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const parsed = draft.trim() === '' ? null : Number(draft);
  return (
    <label className="inline-field">
      at worst
      <input
        type="number"
        min={1}
        className="narrow"
        aria-label={label}
        placeholder="—"
        disabled={disabled}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => parsed !== value && void onCommit(parsed).then((ok) => ok || setDraft(value === null ? '' : String(value)))}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      days
    </label>
  );
}

/** a tag's own check-in rhythm: empty = none (the circle's or the contact's applies) */
function TagRhythm({ tag }: { tag: Tag }) {
  const [days, setDays] = useState(tag.cadenceDays === null ? '' : String(tag.cadenceDays));
  const parsed = days.trim() === '' ? null : Number(days);
  const save = (cadenceDays: number | null, cadenceLatestDays: number | null) =>
    attempt(() => api.call('tags.setCadence', { id: tag.id, cadenceDays, cadenceLatestDays }), cadenceDays === null ? `${tag.name} has no rhythm of its own now` : 'Rhythm changed');
  return (
    <>
      <label className="inline-field">
        check in every
        <input
          type="number"
          min={0}
          className="narrow"
          aria-label={`Tag ${tag.name}: check-in days`}
          placeholder="—"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          onBlur={() =>
            parsed !== tag.cadenceDays &&
            // a new cadence starts without a latest interval unless it still fits
            void save(parsed, parsed && tag.cadenceLatestDays && tag.cadenceLatestDays >= parsed ? tag.cadenceLatestDays : null).then((ok) => ok || setDays(tag.cadenceDays === null ? '' : String(tag.cadenceDays)))
          }
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        days {parsed === 0 && <span className="subtle">(never)</span>}
      </label>
      <LatestInput key={`${tag.cadenceDays}`} label={`Tag ${tag.name}: latest check-in days`} value={tag.cadenceLatestDays} disabled={!tag.cadenceDays} onCommit={(latest) => save(tag.cadenceDays, latest)} />
    </>
  );
}

function TagRow({ tag }: { tag: Tag }) {
  const [name, setName] = useState(tag.name);
  return (
    <li className="settings-row">
      <span className="tag">#</span>
      <input
        aria-label={`Tag ${tag.name}: name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => name.trim() !== tag.name && void attempt(() => api.call('tags.rename', { id: tag.id, name }), 'Tag renamed').then((ok) => ok || setName(tag.name))}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <TagRhythm tag={tag} />
      <span className="subtle count">{tag.contactCount === 1 ? '1 person' : `${tag.contactCount.toLocaleString()} people`}</span>
      <button className="button small danger" aria-label={`Delete tag ${tag.name}`} onClick={() => void deleteTag(tag)}>
        Delete
      </button>
    </li>
  );
}
