// Add or edit a contact. Checks what it can before sending; the main process checks everything again.
import { useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { ApiError } from '../../../shared/api/errors';
import type { Circle, Contact } from '../../../shared/domain/contact';
import { Field } from './Field';

export interface ContactFormProps {
  circles: Circle[];
  initial?: Contact;
  onSaved(contact: Contact): void;
  onCancel(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ContactForm({ circles, initial, onSaved, onCancel }: ContactFormProps) {
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '');
  const [circleId, setCircleId] = useState(initial?.circleId ?? circles[1]?.id ?? circles[0]?.id ?? '');
  const [email, setEmail] = useState(initial?.methods.find((m) => m.kind === 'email')?.value ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!displayName.trim()) found.displayName = 'Enter a name';
    if (email.trim() && !EMAIL.test(email.trim())) found.email = 'This is not a valid email address';
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    const otherMethods = (initial?.methods ?? []).filter((m) => m.kind !== 'email').map(({ kind, label, value, isPrimary }) => ({ kind, label, value, isPrimary }));
    const fields = {
      displayName: displayName.trim(),
      circleId: circleId || null,
      methods: [...(email.trim() ? [{ kind: 'email' as const, label: 'home', value: email.trim(), isPrimary: true }] : []), ...otherMethods],
    };
    try {
      const saved = initial ? await api.call('contacts.update', { id: initial.id, ...fields }) : await api.call('contacts.create', fields);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        const key = err.field.startsWith('methods') ? 'email' : err.field;
        setErrors({ [key]: err.message });
      } else setErrors({ form: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field label="Name" error={errors.displayName}>
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
      </Field>
      <Field label="Circle">
        <select value={circleId} onChange={(e) => setCircleId(e.target.value)}>
          {circles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value="">No circle</option>
        </select>
      </Field>
      <Field label="Email" error={errors.email}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </Field>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {initial ? 'Save' : 'Add contact'}
        </button>
      </div>
    </form>
  );
}
