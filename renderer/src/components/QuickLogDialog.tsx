// Log (or edit) an interaction from anywhere: people picked by typing, Enter saves.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../lib/api';
import { ApiError } from '../../../shared/api/errors';
import { INTERACTION_KINDS, type Direction, type Interaction, type InteractionKind } from '../../../shared/domain/interaction';
import { toLocalInputValue } from '../lib/format';
import { isModKey, MOD_LABEL } from '../lib/keyboard';
import { Modal } from './Modal';
import { DIRECTION_LABELS, KIND_LABELS } from '../lib/labels';
import { Field } from './Field';
import { ContactPicker, type PickedContact } from './contact/ContactPicker';
import { FormFooter } from './FormFooter';
import { NextTopicsChecklist } from './NextTopicsChecklist';
import { ReminderForm } from './reminders/ReminderForm';

export function QuickLogDialog({ people: initialPeople, editing, onClose, now = () => Date.now() }: { people: PickedContact[]; editing?: Interaction; onClose(): void; now?: () => number }) {
  const [people, setPeople] = useState<PickedContact[]>(editing?.participants ?? initialPeople);
  const [kind, setKind] = useState<InteractionKind>(editing?.kind ?? 'call');
  const [direction, setDirection] = useState<Direction>(editing?.direction ?? 'mutual');
  const [when, setWhen] = useState(toLocalInputValue(editing?.occurredAt ?? now()));
  const [duration, setDuration] = useState(editing?.durationMinutes?.toString() ?? '');
  const [rating, setRating] = useState<number | null>(editing?.rating ?? null);
  const [summary, setSummary] = useState(editing?.summary ?? '');
  const [notes, setNotes] = useState(editing?.notes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reminderFor, setReminderFor] = useState<{ contactId: string | null; dueDate: string } | null>(null);
  // the date and the time are picked apart; one local 'yyyy-MM-ddTHH:mm' value underneath
  const [whenDate = '', whenTime = ''] = when.split('T');
  const localDateDaysAgo = (days: number) => toLocalInputValue(now() - days * 86_400_000).slice(0, 10);
  const inFuture = !Number.isNaN(new Date(when).getTime()) && new Date(when).getTime() > now() + 60_000;
  const [saving, setSaving] = useState(false);
  const [doneTopicIds, setDoneTopicIds] = useState<string[]>([]);

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (saving) return;
    const found: Record<string, string> = {};
    if (people.length === 0) found.people = 'Pick at least one person';
    const occurredAt = new Date(when).getTime();
    if (!when || Number.isNaN(occurredAt)) found.when = 'Enter a date and time';
    else if (occurredAt > now() + 60_000) found.when = 'That is in the future';
    const minutes = duration.trim() ? Number(duration) : null;
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 0)) found.duration = 'Minutes, as a whole number';
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    const fields = { kind, direction, occurredAt, durationMinutes: minutes, rating, summary: summary.trim(), notes, participantIds: people.map((p) => p.id) };
    try {
      // the version edited goes along: one changed elsewhere meanwhile is refused as `stale`
      if (editing) await api.call('interactions.update', { id: editing.id, updatedAt: editing.updatedAt, ...fields });
      else await api.call('interactions.log', { ...fields, doneTopicIds });
      const ticked = doneTopicIds.length ? `; ticked off ${doneTopicIds.length === 1 ? '1 topic' : `${doneTopicIds.length} topics`}` : '';
      toast.success(editing ? 'Interaction updated' : `Logged ${KIND_LABELS[kind].toLowerCase()} with ${people.map((p) => p.displayName).join(', ')}${ticked}`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale') {
        setErrors({ form: `${err.message} Your changes were not saved: close this and open it again to see the latest version.` });
      } else if (err instanceof ApiError) {
        const field = err.field?.startsWith('participantIds') ? 'people' : err.field === 'occurredAt' ? 'when' : err.field === 'durationMinutes' ? 'duration' : 'form';
        setErrors({ [field]: err.message });
      } else setErrors({ form: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!editing) return;
    const { deleted } = await api.call('interactions.delete', { id: editing.id });
    // like archiving: no question asked, the toast offers Undo (everything put back as it was)
    toast.success('Interaction deleted', {
      action: { label: 'Undo', onClick: () => void api.call('interactions.restore', deleted).then(() => toast.success('Interaction restored'), (e: Error) => toast.error(e.message)) },
    });
    onClose();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && isModKey(e)) {
      e.preventDefault();
      void save();
    }
  }

  return (
    <>
    <Modal title={editing ? 'Edit interaction' : 'Log an interaction'} onClose={onClose} wide>
      <form className="form quick-log" onSubmit={save} onKeyDown={onKeyDown} noValidate>
        <div className="field">
          <span className="field-label" id="ql-people-label">
            With
          </span>
          <div className={errors.people ? 'chips-input invalid' : 'chips-input'}>
            {people.map((p) => (
              <span className="person-chip" key={p.id}>
                {p.displayName}
                <button type="button" aria-label={`Remove ${p.displayName}`} onClick={() => setPeople(people.filter((x) => x.id !== p.id))}>
                  ×
                </button>
              </span>
            ))}
            <ContactPicker
              label="People"
              placeholder={people.length ? 'Add someone else…' : 'Type a name…'}
              exclude={people.map((p) => p.id)}
              autoFocus
              onPick={(c) => setPeople((ps) => [...ps, c])}
              onBackspaceEmpty={() => setPeople((ps) => ps.slice(0, -1))}
              onCreate={async (displayName) => {
                const c = await api.call('contacts.create', { displayName });
                toast.success(`${c.displayName} added to your contacts`);
                return { id: c.id, displayName: c.displayName };
              }}
            />
          </div>
          {errors.people && (
            <small className="field-error" role="alert">
              {errors.people}
            </small>
          )}
        </div>

        <fieldset className="segmented" aria-label="Kind">
          {INTERACTION_KINDS.map((k) => (
            <label key={k} className={kind === k ? 'segment active' : 'segment'}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>

        <div className="form-row">
          <Field label="When" error={errors.when}>
            <input type="date" value={whenDate} max={toLocalInputValue(now()).slice(0, 10)} onChange={(e) => setWhen(`${e.target.value}T${whenTime}`)} />
          </Field>
          <Field label="Time">
            <input type="time" value={whenTime} onChange={(e) => setWhen(`${whenDate}T${e.target.value}`)} />
          </Field>
          <div className="when-shortcuts" role="group" aria-label="Quick dates">
            <button type="button" className="button small" onClick={() => setWhen(`${localDateDaysAgo(1)}T${whenTime}`)}>
              Yesterday
            </button>
            <button type="button" className="button small" onClick={() => setWhen(`${localDateDaysAgo(7)}T${whenTime}`)}>
              Last week
            </button>
          </div>
        </div>
        {inFuture && (
          <p className="future-note" role="status">
            That is in the future: an interaction is something that happened. To be reminded of it then, make a reminder instead.
            <button
              type="button"
              className="button small"
              onClick={() => setReminderFor({ contactId: people.length === 1 ? people[0]!.id : null, dueDate: whenDate })}
            >
              Make a reminder for {whenDate}
            </button>
          </p>
        )}
        <div className="form-row">
          <Field label="Who reached out">
            <select value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
              {(Object.keys(DIRECTION_LABELS) as Direction[]).map((d) => (
                <option key={d} value={d}>
                  {DIRECTION_LABELS[d]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Minutes" error={errors.duration}>
            <input type="number" min={0} inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value)} placeholder="—" />
          </Field>
        </div>

        <fieldset className="rating" aria-label="How it went">
          <legend>How it went</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={rating !== null && n <= rating ? 'star on' : 'star'} title={`${n} of 5`}>
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} aria-label={`${n} of 5`} />★
            </label>
          ))}
          {rating !== null && (
            <button type="button" className="link-button" onClick={() => setRating(null)}>
              Clear
            </button>
          )}
        </fieldset>

        {!editing && <NextTopicsChecklist people={people} checked={doneTopicIds} onChange={setDoneTopicIds} />}

        <Field label="Summary">
          <input value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="What was it about?" maxLength={500} />
        </Field>
        <Field label="Notes" hint="Markdown is fine.">
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <FormFooter
          error={errors.form}
          onCancel={onClose}
          submitLabel={editing ? 'Save' : 'Log it'}
          saving={saving}
          before={
            <>
              {editing && (
                <button type="button" className="button danger" onClick={() => void remove()} style={{ marginRight: 'auto' }}>
                  Delete
                </button>
              )}
              <span className="subtle kbd-hint">Enter or {MOD_LABEL}+Enter saves</span>
            </>
          }
        />
      </form>
    </Modal>
    {reminderFor && <ReminderForm defaults={reminderFor} onClose={() => setReminderFor(null)} onSaved={onClose} />}
    </>
  );
}
