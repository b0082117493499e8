// Add or edit a life event. Picking a kind suggests a follow-up and whether a yearly reminder fits;
// the user can change both. Enter saves, Escape closes (the Modal).
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { ApiError } from '../../../../shared/api/errors';
import { LIFE_EVENT_DEFAULTS, LIFE_EVENT_KINDS, LIFE_EVENT_LABELS, type LifeEvent, type LifeEventKind } from '../../../../shared/domain/lifeEvents';
import { Field } from '../Field';
import { Modal } from '../Modal';
import { FormFooter } from '../FormFooter';
import { withoutField } from './inlineForm';
import { todayLocal } from '../../lib/format';

const TITLE_HINTS: Record<LifeEventKind, string> = {
  new_job: 'e.g. Started at the Engine Works',
  moved: 'e.g. Moved to Lisbon',
  married: 'e.g. Married William',
  baby: 'The baby’s name, e.g. Luis',
  graduated: 'e.g. MSc in mathematics',
  loss: 'e.g. Her father died',
  custom: 'What happened?',
};

export function LifeEventForm({ contactId, name, editing, onClose }: { contactId: string; name: string; editing?: LifeEvent; onClose(): void }) {
  const [kind, setKind] = useState<LifeEventKind>(editing?.kind ?? 'new_job');
  const [title, setTitle] = useState(editing?.title ?? '');
  const [occurredOn, setOccurredOn] = useState(editing?.occurredOn ?? todayLocal());
  const [note, setNote] = useState(editing?.note ?? '');
  const [followUp, setFollowUp] = useState(LIFE_EVENT_DEFAULTS.new_job.followUp !== null);
  const [followUpTitle, setFollowUpTitle] = useState(LIFE_EVENT_DEFAULTS.new_job.followUp ?? '');
  const [followUpDays, setFollowUpDays] = useState(String(LIFE_EVENT_DEFAULTS.new_job.followUpDays));
  const [yearly, setYearly] = useState(LIFE_EVENT_DEFAULTS.new_job.yearly);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  function pickKind(next: LifeEventKind) {
    setKind(next);
    if (editing) return;
    const d = LIFE_EVENT_DEFAULTS[next];
    setFollowUp(d.followUp !== null);
    setFollowUpTitle(d.followUp ?? `Ask ${name} about it`);
    setFollowUpDays(String(d.followUpDays));
    setYearly(d.yearly);
  }

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = kind === 'baby' ? 'Give the baby’s name' : 'Say what happened';
    if (!occurredOn) found.occurredOn = 'Pick the date';
    const days = Number(followUpDays);
    if (!editing && followUp && (!Number.isInteger(days) || days < 1)) found.followUpDays = 'Days, as a whole number';
    if (!editing && followUp && !followUpTitle.trim()) found.followUpTitle = 'What should the reminder say?';
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      if (editing) await api.call('lifeEvents.update', { id: editing.id, kind, title, occurredOn, note });
      else
        await api.call('lifeEvents.create', {
          contactId,
          kind,
          title,
          occurredOn,
          note,
          followUp: followUp ? { title: followUpTitle, inDays: days } : null,
          yearly,
        });
      const made = editing ? [] : [followUp && 'a follow-up', yearly && 'a yearly reminder'].filter(Boolean);
      toast.success(editing ? 'Life event saved' : `Added to ${name}’s timeline${made.length ? ` with ${made.join(' and ')}` : ''}`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const field = err.field === 'followUp.inDays' ? 'followUpDays' : err.field === 'followUp.title' ? 'followUpTitle' : (err.field ?? 'form');
        setErrors({ [['kind', 'title', 'occurredOn', 'note', 'followUpDays', 'followUpTitle'].includes(field) ? field : 'form']: withoutField(err.message) });
      } else setErrors({ form: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal title={editing ? 'Edit life event' : `Life event for ${name}`} onClose={onClose}>
      <form className="form life-event-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="segmented wrap" aria-label="Kind of event">
          {LIFE_EVENT_KINDS.map((k) => (
            <label key={k} className={kind === k ? 'segment active' : 'segment'}>
              <input type="radio" name="life-event-kind" value={k} checked={kind === k} onChange={() => pickKind(k)} />
              {LIFE_EVENT_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <Field label={kind === 'baby' ? 'Name' : 'What happened'} error={errors.title}>
            <input value={title} placeholder={TITLE_HINTS[kind]} maxLength={200} data-autofocus onChange={(e) => setTitle(e.target.value)} />
          </Field>
          <Field label="Date" error={errors.occurredOn}>
            <input type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
          </Field>
        </div>
        <Field label="Note" error={errors.note}>
          <input value={note} placeholder="Optional" onChange={(e) => setNote(e.target.value)} />
        </Field>
        {!editing && (
          <fieldset className="form-group life-event-reminders">
            <legend>Reminders</legend>
            <label className="check">
              <input type="checkbox" checked={followUp} onChange={(e) => setFollowUp(e.target.checked)} />
              Follow up
            </label>
            {followUp && (
              <div className="form-row">
                <Field label="Reminder" error={errors.followUpTitle}>
                  <input value={followUpTitle} maxLength={200} onChange={(e) => setFollowUpTitle(e.target.value)} />
                </Field>
                <Field label="In days" error={errors.followUpDays}>
                  <input type="number" min={1} inputMode="numeric" value={followUpDays} onChange={(e) => setFollowUpDays(e.target.value)} />
                </Field>
              </div>
            )}
            <label className="check">
              <input type="checkbox" checked={yearly} onChange={(e) => setYearly(e.target.checked)} />
              Remind me every year on this date
            </label>
          </fieldset>
        )}
        <FormFooter error={errors.form} onCancel={onClose} submitLabel={editing ? 'Save' : 'Add event'} saving={saving} />
      </form>
    </Modal>
  );
}
