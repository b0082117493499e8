// Add or edit a reminder: what, about whom, when (a day, or a day and a time), and how it repeats.
import { todayLocal } from '../../lib/format';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../lib/api';
import { reloadIfStale } from '../../lib/stale';
import { ApiError } from '../../../../shared/api/errors';
import type { Reminder } from '../../../../shared/domain/reminder';
import type { RecurrenceUnit } from '../../../../shared/domain/recurrence';
import { ContactPicker, type PickedContact } from '../contact/ContactPicker';
import { Field } from '../Field';
import { Modal } from '../Modal';
import { FormFooter } from '../FormFooter';

export interface ReminderFormProps {
  initial?: Reminder;
  /** prefilled for a new one, e.g. from a contact's page */
  defaults?: { contactId?: string | null; dueDate?: string };
  onClose(): void;
  onSaved?(reminder: Reminder): void;
}

const UNIT_LABEL: Record<Exclude<RecurrenceUnit, 'none'>, [string, string]> = {
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
};

export function ReminderForm({ initial, defaults, onClose, onSaved }: ReminderFormProps) {
  const automatic = initial !== undefined && initial.source !== 'manual';
  const [title, setTitle] = useState(initial?.title ?? '');
  // who it is about: picked by typing, so it works with any number of contacts
  const [about, setAbout] = useState<PickedContact | null>(initial?.contactId ? { id: initial.contactId, displayName: initial.contactName ?? '' } : null);
  const contactId = about?.id ?? '';
  const [dueDate, setDueDate] = useState(initial?.dueDate ?? defaults?.dueDate ?? todayLocal());
  const [timed, setTimed] = useState(initial ? initial.dueTime !== null : false);
  const [dueTime, setDueTime] = useState(initial?.dueTime ?? '09:00');
  const [unit, setUnit] = useState<RecurrenceUnit>(initial?.recurrence.unit ?? 'none');
  const [interval, setInterval] = useState(String(initial?.recurrence.interval ?? 1));
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const id = defaults?.contactId;
    if (initial || !id) return;
    api.call('contacts.get', { id }).then((c) => setAbout({ id: c.id, displayName: c.displayName }), () => setAbout(null));
  }, [initial, defaults?.contactId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!automatic && !title.trim()) found.title = 'Say what to be reminded of';
    if (!dueDate) found.dueDate = 'Pick a date';
    const every = Number(interval);
    if (unit !== 'none' && (!Number.isInteger(every) || every < 1 || every > 999)) found['recurrence.interval'] = 'Repeat every 1 to 999';
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      let saved: Reminder;
      if (automatic) saved = await api.call('reminders.update', { id: initial!.id, updatedAt: initial!.updatedAt, notes });
      else {
        const fields = {
          title: title.trim(),
          notes,
          contactId: contactId || null,
          dueDate,
          dueTime: timed ? dueTime : null,
          recurrence: { unit, interval: unit === 'none' ? 1 : every },
        };
        saved = initial ? await api.call('reminders.update', { id: initial.id, updatedAt: initial.updatedAt, ...fields }) : await api.call('reminders.create', fields);
      }
      onSaved?.(saved);
      onClose();
    } catch (err) {
      const stale = reloadIfStale(err);
      if (stale) setErrors({ form: `${(err as Error).message} Your changes were not saved; the list now shows the latest version: close this and open the reminder again.` });
      else if (err instanceof ApiError && err.issues.length) setErrors(Object.fromEntries(err.issues.map((i) => [i.field || 'form', i.message])));
      else setErrors({ form: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  const unitWords = unit === 'none' ? null : UNIT_LABEL[unit];
  return (
    <Modal title={initial ? 'Edit reminder' : 'New reminder'} onClose={onClose}>
      <form className="form reminder-form" onSubmit={submit} noValidate>
        {automatic && <p className="subtle">This reminder follows the date on {initial?.contactName ?? 'the contact'}’s page; you can add notes to it.</p>}
        <Field label="Remind me to" error={errors.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Call Mum about the weekend" autoComplete="off" disabled={automatic} maxLength={300} />
        </Field>
        <div className="field">
          <span className="field-label">About</span>
          {about ? (
            <span className="person-chip">
              {about.displayName}
              {!automatic && (
                <button type="button" aria-label={`Remove ${about.displayName}`} onClick={() => setAbout(null)}>
                  ×
                </button>
              )}
            </span>
          ) : (
            <ContactPicker label="About" placeholder="No one in particular — type a name" onPick={setAbout} />
          )}
          {errors.contactId && <small className="field-error">{errors.contactId}</small>}
        </div>
        <div className="reminder-form-when">
          <Field label="Date" error={errors.dueDate}>
            <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} disabled={automatic} required />
          </Field>
          <label className="check">
            <input type="checkbox" checked={timed} onChange={(e) => setTimed(e.target.checked)} disabled={automatic} />
            At a time
          </label>
          {timed && (
            <Field label="Time" error={errors.dueTime}>
              <input type="time" value={dueTime} onChange={(e) => setDueTime(e.target.value)} disabled={automatic} required />
            </Field>
          )}
        </div>
        <div className="reminder-form-when">
          <Field label="Repeat" error={errors['recurrence.unit']}>
            <select value={unit} onChange={(e) => setUnit(e.target.value as RecurrenceUnit)} disabled={automatic}>
              <option value="none">Never</option>
              <option value="day">Daily</option>
              <option value="week">Weekly</option>
              <option value="month">Monthly</option>
              <option value="year">Yearly</option>
            </select>
          </Field>
          {unitWords && (
            <Field label={`Every how many ${unitWords[1]}`} error={errors['recurrence.interval']}>
              <input type="number" min={1} max={999} value={interval} onChange={(e) => setInterval(e.target.value)} disabled={automatic} className="narrow" />
            </Field>
          )}
        </div>
        {!timed && <small className="subtle">A reminder without a time rings at your daily digest time.</small>}
        <Field label="Notes" error={errors.notes}>
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <FormFooter error={errors.form} onCancel={onClose} submitLabel={initial ? 'Save' : 'Add reminder'} saving={saving} />
      </form>
    </Modal>
  );
}
