// Merging a group: which contact to keep, and for each field where they differ, whose value. The
// defaults are the fuller values (shared/domain/merge.ts, the same rule the back end applies);
// methods, tags, dates, notes and the whole history are always kept from all of them.
import { useEffect, useMemo, useState } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import { api } from '../../lib/api';
import { formatMonthDay } from '../../lib/format';
import { Modal } from '../Modal';
import { Avatar } from '../Avatar';
import type { Circle, Contact } from '../../../../shared/domain/contact';
import type { MergeResult } from '../../../../shared/api/methods/duplicates';
import { defaultMergeChoices, MERGE_FIELDS, type MergeChoices, type MergeField } from '../../../../shared/domain/merge';
import { normalizeMethodValue } from '../../../../shared/domain/normalize';
import { formatPhone } from '../../../../shared/domain/phone';

const FIELD_LABELS: Record<MergeField, string> = {
  displayName: 'Name',
  givenName: 'Given name',
  familyName: 'Family name',
  nickname: 'Nickname',
  company: 'Company',
  title: 'Job title',
  circleId: 'Circle',
  importance: 'Importance',
  birthday: 'Birthday',
  howMet: 'How we met',
  introducedById: 'Introduced by',
  cadenceDays: 'Check-in cadence',
  photo: 'Photo',
};
const IMPORTANCE_LABELS = { inner: 'Inner circle', regular: 'Regular', outer: 'Outer' } as const;

export function MergeDialog({ contactIds, region, onClose, onMerged }: { contactIds: string[]; region: CountryCode; onClose(): void; onMerged(result: MergeResult, names: string[]): void }) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [circles, setCircles] = useState<Circle[]>([]);
  const [survivorId, setSurvivorId] = useState(contactIds[0]!);
  const [choices, setChoices] = useState<MergeChoices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([Promise.all(contactIds.map((id) => api.call('contacts.get', { id }))), api.call('circles.list', {})]).then(
      ([loaded, cs]) => {
        if (!live) return;
        setContacts(loaded);
        setCircles(cs);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [contactIds]);

  // survivor first: ties go to it
  const ordered = useMemo(() => (contacts ? [contacts.find((c) => c.id === survivorId)!, ...contacts.filter((c) => c.id !== survivorId)] : []), [contacts, survivorId]);
  useEffect(() => {
    if (ordered.length) setChoices(defaultMergeChoices(ordered));
  }, [ordered]);

  const show = (field: MergeField, c: Contact): string | null => {
    switch (field) {
      case 'circleId':
        return c.circleId ? (circles.find((x) => x.id === c.circleId)?.name ?? null) : null;
      case 'importance':
        return IMPORTANCE_LABELS[c.importance];
      case 'birthday':
        return c.birthday ? formatMonthDay(c.birthday) : null;
      case 'introducedById':
        return c.introducedBy?.displayName ?? null;
      case 'cadenceDays':
        return c.cadenceDays === null ? null : c.cadenceDays === 0 ? 'Never remind' : `Every ${c.cadenceDays} days`;
      case 'photo':
        return c.photo;
      default:
        return c[field];
    }
  };
  // only the fields where the contacts differ need a choice
  const differing = MERGE_FIELDS.filter((f) => new Set(ordered.map((c) => show(f, c) ?? '')).size > 1);
  const kept = useMemo(() => {
    const methods = new Set(ordered.flatMap((c) => c.methods.map((m) => `${m.kind}|${normalizeMethodValue(m.kind, m.value, region)}`)));
    const tags = new Set(ordered.flatMap((c) => c.tags.map((t) => t.toLowerCase())));
    const dates = new Set(ordered.flatMap((c) => c.dates.map((d) => `${d.label.toLowerCase()}|${d.month}|${d.day}`)));
    const notes = ordered.filter((c) => c.notes.trim()).length;
    return { methods: methods.size, tags: tags.size, dates: dates.size, notes };
  }, [ordered, region]);

  async function merge() {
    if (!choices) return;
    setBusy(true);
    setError(null);
    try {
      const others = ordered.slice(1).map((c) => c.id);
      const result = await api.call('duplicates.merge', { survivorId, mergedIds: others, choices });
      onMerged(result, ordered.map((c) => c.displayName));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <Modal title={`Merge ${contactIds.length} contacts`} onClose={onClose} wide>
      {!contacts || !choices ? (
        error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="subtle" aria-busy="true">
            Loading…
          </p>
        )
      ) : (
        <form
          className="merge-form"
          aria-label="Merge contacts"
          onSubmit={(e) => {
            e.preventDefault();
            void merge();
          }}
        >
          <fieldset className="merge-survivor">
            <legend>Keep this contact</legend>
            <div className="merge-options">
              {contacts.map((c) => (
                <label key={c.id} className={c.id === survivorId ? 'merge-option selected' : 'merge-option'}>
                  <input type="radio" name="survivor" value={c.id} checked={c.id === survivorId} onChange={() => setSurvivorId(c.id)} data-autofocus={c.id === survivorId ? true : undefined} />
                  <Avatar name={c.displayName} photo={c.photo} size={28} />
                  <span>
                    <strong>{c.displayName}</strong>
                    <span className="subtle small">{[c.company, c.methods[0] && (c.methods[0].kind === 'phone' ? formatPhone(c.methods[0].value, region) : c.methods[0].value)].filter(Boolean).join(' · ') || 'No details'}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          {differing.length > 0 ? (
            <div className="merge-fields">
              <p className="subtle">Where they differ, choose the value to keep (the fuller one is chosen for you):</p>
              {differing.map((field) => (
                <fieldset key={field} className="merge-field">
                  <legend>{FIELD_LABELS[field]}</legend>
                  <div className="merge-options">
                    {ordered.map((c) => {
                      const value = show(field, c);
                      return (
                        <label key={c.id} className={choices[field] === c.id ? 'merge-option selected' : 'merge-option'}>
                          <input type="radio" name={`field-${field}`} value={c.id} checked={choices[field] === c.id} onChange={() => setChoices({ ...choices, [field]: c.id })} />
                          {field === 'photo' && value ? <img src={value} alt={`Photo of ${c.displayName}`} width={32} height={32} className="avatar" /> : <span className={value ? '' : 'subtle'}>{value ?? 'None'}</span>}
                        </label>
                      );
                    })}
                  </div>
                </fieldset>
              ))}
            </div>
          ) : (
            <p className="subtle">Their details are the same; nothing to choose.</p>
          )}

          <p className="merge-kept">
            Kept from all of them:{' '}
            {[
              kept.methods && `${plural(kept.methods, 'email, phone or address', 'emails, phones and addresses')} (each once)`,
              kept.tags && plural(kept.tags, 'tag', 'tags'),
              kept.dates && plural(kept.dates, 'date', 'dates'),
              kept.notes && (kept.notes === 1 ? 'the notes' : `the notes of all ${kept.notes}`),
            ]
              .filter(Boolean)
              .concat('every interaction, reminder, value entry and relationship')
              .join(', ')}
            . You can undo the merge.
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Merging…' : `Merge into ${ordered.find((c) => c.id === choices.displayName)?.displayName ?? ordered[0]!.displayName}`}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
