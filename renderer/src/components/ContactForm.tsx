// Add or edit a contact with every field of the domain model. Checks what it can before sending;
// the main process checks everything again and its field errors land next to the field.
import { useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { ApiError } from '../../../shared/api/errors';
import { addressFromText, addressText, emptyAddress, isEmptyAddress, type PostalAddress } from '../../../shared/domain/address';
import { AddressFields } from './contact/AddressFields';
import { IMPORTANCE, METHOD_KINDS, type Circle, type Contact, type Importance, type MethodKindName } from '../../../shared/domain/contact';
import { isValidMonthDay } from '../../../shared/domain/calendar';
import { downscalePhoto } from '../lib/photo';
import { MAX_PHOTO_SOURCE_BYTES, PHOTO_SOURCE_TOO_LARGE } from '../../../shared/api/limits';
import { monthNames, userLanguage } from '../lib/format';
import { joinName, splitName } from '../../../shared/domain/names';
import { METHOD_KIND_LABELS } from '../lib/labels';
import { isEmailAddress } from '../../../shared/domain/normalize';
import { Field } from './Field';
import { Avatar } from './Avatar';
import { ContactPicker } from './contact/ContactPicker';
import { FormFooter } from './FormFooter';
import { useContacts } from '../stores/contacts';
import { effectiveRhythm } from '../../../shared/domain/cadence';

export interface ContactFormProps {
  circles: Circle[];
  initial?: Contact;
  onSaved(contact: Contact): void;
  onCancel(): void;
}


const LABEL_SUGGESTIONS: Record<MethodKindName, string> = { email: 'home, work', phone: 'mobile, work', address: 'home', website: 'blog', social: 'Mastodon, LinkedIn' };
const IMPORTANCE_LABEL: Record<Importance, string> = { inner: 'Inner — closest people', regular: 'Regular', outer: 'Outer — loose ties' };

interface MethodRow {
  key: number;
  kind: MethodKindName;
  label: string;
  value: string;
  isPrimary: boolean;
  /** an address's parts (edited instead of `value`) */
  address: PostalAddress;
}

/** a row given another kind keeps what was typed: the text becomes the street, or the address its text */
function kindChange(m: MethodRow, kind: MethodKindName): Partial<MethodRow> {
  if (kind === 'address' && m.kind !== 'address' && isEmptyAddress(m.address)) return { kind, address: addressFromText(m.value) };
  if (kind !== 'address' && m.kind === 'address' && !m.value.trim()) return { kind, value: addressText(m.address) };
  return { kind };
}

const hasContent = (m: MethodRow) => (m.kind === 'address' ? !isEmptyAddress(m.address) : m.value.trim().length > 0);

type CadenceMode = 'inherit' | 'custom' | 'never';

let nextKey = 1;

/**
 * The form over the version of the contact it edits. A save that finds the contact changed
 * elsewhere since (another window, the web host, a sync) is refused as `stale`: the form then
 * shows the latest version and says what happened, so nothing is overwritten unseen.
 */
export function ContactForm(props: ContactFormProps) {
  const [base, setBase] = useState(props.initial);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = async (message: string) => {
    if (!base) return;
    const latest = await api.call('contacts.get', { id: base.id });
    setBase(latest);
    setNotice(message);
  };
  return <ContactFormFields key={base?.updatedAt ?? 'new'} {...props} initial={base} notice={notice} onStale={(message) => void reload(message)} />;
}

function ContactFormFields({ circles, initial, onSaved, onCancel, notice, onStale }: ContactFormProps & { notice: string | null; onStale(message: string): void }) {
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '');
  const [givenName, setGivenName] = useState(initial?.givenName ?? '');
  const [familyName, setFamilyName] = useState(initial?.familyName ?? '');
  const [nickname, setNickname] = useState(initial?.nickname ?? '');
  const [company, setCompany] = useState(initial?.company ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [circleId, setCircleId] = useState(initial ? (initial.circleId ?? '') : (circles.find((c) => c.id === 'circle-friends')?.id ?? circles[0]?.id ?? ''));
  const [importance, setImportance] = useState<Importance>(initial?.importance ?? 'regular');
  const [birthday, setBirthday] = useState<DateDraft>(() => draftOf(initial?.birthday));
  const initialAnniversary = initial?.dates.find((d) => d.label === 'Anniversary');
  const [anniversary, setAnniversary] = useState<DateDraft>(() => draftOf(initialAnniversary));
  const [howMet, setHowMet] = useState(initial?.howMet ?? '');
  const [introducedBy, setIntroducedBy] = useState(initial?.introducedBy ?? null);
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [cadenceMode, setCadenceMode] = useState<CadenceMode>(initial?.cadenceDays == null ? 'inherit' : initial.cadenceDays === 0 ? 'never' : 'custom');
  const [cadenceDays, setCadenceDays] = useState(initial?.cadenceDays ? String(initial.cadenceDays) : '30');
  // "at worst every N days": overdue only from then; empty = the cadence itself
  const [cadenceLatest, setCadenceLatest] = useState(initial?.cadenceLatestDays ? String(initial.cadenceLatestDays) : '');
  const [methods, setMethods] = useState<MethodRow[]>(() => {
    const rows = (initial?.methods ?? []).map((m) => ({ key: nextKey++, kind: m.kind, label: m.label ?? '', value: m.value, isPrimary: m.isPrimary, address: m.address ?? addressFromText(m.kind === 'address' ? m.value : '') }));
    // a new contact starts with an empty email and phone, the two most people fill in
    if (!initial) rows.push({ key: nextKey++, kind: 'email', label: '', value: '', isPrimary: true, address: emptyAddress() }, { key: nextKey++, kind: 'phone', label: '', value: '', isPrimary: true, address: emptyAddress() });
    return rows;
  });
  const [tags, setTags] = useState<string[]>(initial?.tags ?? []);
  const [tagDraft, setTagDraft] = useState('');
  const [photo, setPhoto] = useState<string | null | undefined>(undefined); // undefined = unchanged
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const circle = circles.find((c) => c.id === circleId);
  // what "inherit" means for this contact: the one rule over its tags and circle (cadence.ts)
  const allTags = useContacts((st) => st.tags);
  const rhythmTags = allTags.filter((t) => t.cadenceDays !== null && tags.some((n) => n.toLowerCase() === t.name.toLowerCase()));
  const inherited = effectiveRhythm(
    null,
    rhythmTags.map((t) => ({ days: t.cadenceDays!, latestDays: t.cadenceLatestDays })),
    circle ? { days: circle.defaultCadenceDays, latestDays: circle.defaultCadenceLatestDays ?? null } : null,
  );
  const inheritedTag = inherited.source === 'tag' ? rhythmTags.find((t) => t.cadenceDays === inherited.days)?.name : undefined;
  const inheritedText = `every ${inherited.days} days${inherited.latestDays > inherited.days ? `, at worst ${inherited.latestDays}` : ''}`;
  const months = monthNames();

  function updateMethod(key: number, patch: Partial<MethodRow>) {
    setMethods((rows) =>
      rows.map((r) => {
        if (r.key === key) return { ...r, ...patch };
        // one primary per kind
        if (patch.isPrimary && r.kind === rows.find((x) => x.key === key)?.kind) return { ...r, isPrimary: false };
        return r;
      }),
    );
  }

  function addTag(draft = tagDraft) {
    const t = draft.trim();
    if (t && !tags.some((x) => x.toLowerCase() === t.toLowerCase())) setTags([...tags, t]);
    setTagDraft('');
  }

  async function pickPhoto(file: File | undefined) {
    if (!file) return;
    // the same limit as the import's and the back end's (shared/api/limits.ts): said before reading the file
    if (file.size > MAX_PHOTO_SOURCE_BYTES) return setErrors((e) => ({ ...e, photo: PHOTO_SOURCE_TOO_LARGE }));
    try {
      setPhoto(await downscalePhoto(file));
      setErrors((e) => ({ ...e, photo: '' }));
    } catch (err) {
      setErrors((e) => ({ ...e, photo: (err as Error).message }));
    }
  }

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!displayName.trim()) found.displayName = 'Enter a name';
    methods.forEach((m, i) => {
      const v = m.value.trim();
      if (m.kind === 'email' && v && !isEmailAddress(v)) found[`methods.${i}`] = 'This is not a valid email address';
      if (m.kind === 'phone' && v && !/\d/.test(v)) found[`methods.${i}`] = 'A phone number needs digits';
    });
    const birthdayError = dateDraftError(birthday, months);
    if (birthdayError) found.birthday = birthdayError;
    const anniversaryError = dateDraftError(anniversary, months);
    if (anniversaryError) found.anniversary = anniversaryError;
    if (cadenceMode === 'custom') {
      const n = Number(cadenceDays);
      if (!Number.isInteger(n) || n < 1 || n > 3650) found.cadence = 'Enter a number of days from 1 to 3650';
      const latest = Number(cadenceLatest);
      if (!found.cadence && cadenceLatest.trim() && (!Number.isInteger(latest) || latest < n || latest > 3650)) found.cadence = `The latest check-in is a number of days from ${n} to 3650`;
    }
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    const kept = methods.filter(hasContent);
    const fields = {
      displayName: displayName.trim(),
      givenName: givenName.trim() || null,
      familyName: familyName.trim() || null,
      nickname: nickname.trim() || null,
      company: company.trim() || null,
      title: title.trim() || null,
      circleId: circleId || null,
      importance,
      birthday: monthDayOf(birthday),
      // only sent when it changed: an anniversary that came from a file keeps its own row otherwise
      ...(JSON.stringify(monthDayOf(anniversary)) !== JSON.stringify(initialAnniversary ? monthDayOf(draftOf(initialAnniversary)) : null) ? { anniversary: monthDayOf(anniversary) } : {}),
      howMet: howMet.trim() || null,
      introducedById: introducedBy?.id ?? null,
      notes,
      cadenceDays: cadenceMode === 'inherit' ? null : cadenceMode === 'never' ? 0 : Number(cadenceDays),
      cadenceLatestDays: cadenceMode === 'custom' && cadenceLatest.trim() ? Number(cadenceLatest) : null,
      methods: kept.map((m) => ({ kind: m.kind, label: m.label.trim() || null, value: m.kind === 'address' ? '' : m.value.trim(), isPrimary: m.isPrimary, ...(m.kind === 'address' ? { address: m.address } : {}) })),
      tags: tagDraft.trim() ? [...tags, tagDraft.trim()] : tags,
    };
    try {
      // the version this form edits goes along: a contact changed since is refused as `stale`
      let saved = initial ? await api.call('contacts.update', { id: initial.id, updatedAt: initial.updatedAt, ...fields }) : await api.call('contacts.create', fields);
      if (photo !== undefined) saved = await api.call('contacts.setPhoto', { id: saved.id, photo });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale') {
        onStale(`${err.message} Your changes were not saved: the latest version is shown below, make them again.`);
      } else if (err instanceof ApiError && err.field) {
        const m = /^methods\.(\d+)/.exec(err.field);
        // the server numbers the methods it was sent: map back to the row on screen
        const key = m ? `methods.${methods.indexOf(kept[Number(m[1])]!)}` : err.field.split('.')[0]!.replace(/^cadence(Latest)?Days$/, 'cadence');
        setErrors({ [key]: err.message });
      } else setErrors({ form: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  // Name and its parts fill each other: typing "Helen Carter" fills Helen / Carter, typing the parts
  // writes the name in the locale's order. What the user typed themselves is never overwritten:
  // the parts follow the name only until they are edited, the name follows the parts only until
  // it is edited (clearing a field lets it follow again). An existing contact's fields follow
  // only where they agree already.
  const [nameTyped, setNameTyped] = useState(() => Boolean(initial && initial.displayName !== joinName({ givenName: initial.givenName ?? '', familyName: initial.familyName ?? '' }, userLanguage())));
  const [partsTyped, setPartsTyped] = useState(() => {
    if (!initial || (!initial.givenName && !initial.familyName)) return false;
    const split = splitName(initial.displayName, userLanguage());
    return split.givenName !== (initial.givenName ?? '') || split.familyName !== (initial.familyName ?? '');
  });
  function changeName(next: string) {
    setDisplayName(next);
    setNameTyped(next.trim() !== '');
    if (!partsTyped) {
      const parts = splitName(next, userLanguage());
      setGivenName(parts.givenName);
      setFamilyName(parts.familyName);
    }
  }
  function changeParts(next: { givenName: string; familyName: string }) {
    setGivenName(next.givenName);
    setFamilyName(next.familyName);
    setPartsTyped(next.givenName.trim() !== '' || next.familyName.trim() !== '');
    if (!nameTyped) setDisplayName(joinName(next, userLanguage()));
  }

  const shownPhoto = photo === undefined ? initial?.photo : photo;
  const kindCount = (kind: MethodKindName, upTo: number) => methods.slice(0, upTo + 1).filter((m) => m.kind === kind).length;

  return (
    <form className="form contact-form" onSubmit={submit} noValidate>
      {notice && (
        <p className="form-notice" role="alert">
          {notice}
        </p>
      )}
      <div className="form-section identity">
        <div className="photo-picker">
          <Avatar name={displayName || '?'} givenName={givenName} familyName={familyName} photo={shownPhoto} size={72} />
          <label className="button small">
            {shownPhoto ? 'Change photo' : 'Add photo'}
            <input type="file" accept="image/*" className="visually-hidden" onChange={(e) => void pickPhoto(e.target.files?.[0])} />
          </label>
          {shownPhoto && (
            <button type="button" className="link-button" onClick={() => setPhoto(null)}>
              Remove photo
            </button>
          )}
          {errors.photo && <small className="field-error">{errors.photo}</small>}
        </div>
        <div className="identity-fields">
          <Field label="Name" error={errors.displayName}>
            <input value={displayName} onChange={(e) => changeName(e.target.value)} autoComplete="off" placeholder="How you call them" data-autofocus />
          </Field>
          <div className="form-row">
            <Field label="Given name">
              <input value={givenName} onChange={(e) => changeParts({ givenName: e.target.value, familyName })} autoComplete="off" />
            </Field>
            <Field label="Family name">
              <input value={familyName} onChange={(e) => changeParts({ givenName, familyName: e.target.value })} autoComplete="off" />
            </Field>
            <Field label="Nickname">
              <input value={nickname} onChange={(e) => setNickname(e.target.value)} autoComplete="off" />
            </Field>
          </div>
          <div className="form-row">
            <Field label="Company">
              <input value={company} onChange={(e) => setCompany(e.target.value)} autoComplete="off" />
            </Field>
            <Field label="Job title">
              <input value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
            </Field>
          </div>
        </div>
      </div>

      <div className="form-row">
        <Field label="Circle" error={errors.circleId}>
          <select value={circleId} onChange={(e) => setCircleId(e.target.value)}>
            {circles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="">No circle</option>
          </select>
        </Field>
        <Field label="Importance">
          <select value={importance} onChange={(e) => setImportance(e.target.value as Importance)}>
            {IMPORTANCE.map((i) => (
              <option key={i} value={i}>
                {IMPORTANCE_LABEL[i]}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset className="form-group">
        <legend>Check in</legend>
        <div className="radio-row">
          <label>
            <input type="radio" name="cadence" checked={cadenceMode === 'inherit'} onChange={() => setCadenceMode('inherit')} />
            {inheritedTag ? `As the tag ${inheritedTag}: ${inheritedText}` : circle ? `As the circle: ${inheritedText}` : `Default: ${inheritedText}`}
          </label>
          <label>
            <input type="radio" name="cadence" checked={cadenceMode === 'custom'} onChange={() => setCadenceMode('custom')} />
            Every
          </label>
          <input
            type="number"
            className="narrow"
            aria-label="Days between check-ins"
            min={1}
            value={cadenceDays}
            aria-invalid={errors.cadence ? true : undefined}
            onChange={(e) => {
              setCadenceDays(e.target.value);
              setCadenceMode('custom');
            }}
          />
          <span>days, at worst</span>
          <input
            type="number"
            className="narrow"
            aria-label="Latest days between check-ins"
            placeholder="—"
            min={1}
            value={cadenceLatest}
            aria-invalid={errors.cadence ? true : undefined}
            onChange={(e) => {
              setCadenceLatest(e.target.value);
              setCadenceMode('custom');
            }}
          />
          <span>days</span>
          <label>
            <input type="radio" name="cadence" checked={cadenceMode === 'never'} onChange={() => setCadenceMode('never')} />
            Never remind me
          </label>
        </div>
        {errors.cadence && (
          <small className="field-error" role="alert">
            {errors.cadence}
          </small>
        )}
      </fieldset>

      <fieldset className="form-group">
        <legend>Contact details</legend>
        {methods.length === 0 && <p className="subtle">No email, phone or address yet.</p>}
        {methods.map((m, i) => {
          const n = kindCount(m.kind, i);
          const label = n > 1 ? `${METHOD_KIND_LABELS[m.kind]} ${n}` : METHOD_KIND_LABELS[m.kind];
          const error = errors[`methods.${i}`];
          return (
            <div className="method-row" key={m.key}>
              <select aria-label={`${label}: kind`} value={m.kind} onChange={(e) => updateMethod(m.key, kindChange(m, e.target.value as MethodKindName))}>
                {METHOD_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {METHOD_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              <input className="method-label" aria-label={`${label}: label`} placeholder={LABEL_SUGGESTIONS[m.kind]} value={m.label} onChange={(e) => updateMethod(m.key, { label: e.target.value })} />
              <div className="method-value">
                {m.kind === 'address' ? (
                  <AddressFields label={label} address={m.address} invalid={!!error} onChange={(address) => updateMethod(m.key, { address })} />
                ) : (
                <input
                  aria-label={label}
                  type={m.kind === 'email' ? 'email' : m.kind === 'phone' ? 'tel' : 'text'}
                  value={m.value}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => updateMethod(m.key, { value: e.target.value })}
                  autoComplete="off"
                />
                )}
                {error && (
                  <small className="field-error" role="alert">
                    {error}
                  </small>
                )}
              </div>
              <label className="primary-toggle" title="Primary">
                <input type="radio" name={`primary-${m.kind}`} checked={m.isPrimary} onChange={() => updateMethod(m.key, { isPrimary: true })} aria-label={`${label}: primary`} />
                Primary
              </label>
              <button type="button" className="icon-button" aria-label={`Remove ${label}`} onClick={() => setMethods(methods.filter((x) => x.key !== m.key))}>
                ×
              </button>
            </div>
          );
        })}
        <div className="add-methods">
          {METHOD_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className="button small"
              onClick={() => setMethods([...methods, { key: nextKey++, kind: k, label: '', value: '', isPrimary: !methods.some((x) => x.kind === k), address: emptyAddress() }])}
            >
              + {METHOD_KIND_LABELS[k]}
            </button>
          ))}
        </div>
      </fieldset>

      <MonthDayFieldset legend="Birthday" months={months} value={birthday} onChange={setBirthday} error={errors.birthday} />
      <MonthDayFieldset legend="Anniversary" months={months} value={anniversary} onChange={setAnniversary} error={errors.anniversary} />

      <div className="form-row">
        <Field label="How we met">
          <input value={howMet} onChange={(e) => setHowMet(e.target.value)} placeholder="At Sam’s wedding, 2019" />
        </Field>
        <div className="field">
          <span className="field-label">Introduced by</span>
          {introducedBy ? (
            <span className="person-chip">
              {introducedBy.displayName}
              <button type="button" aria-label={`Remove ${introducedBy.displayName} as introducer`} onClick={() => setIntroducedBy(null)}>
                ×
              </button>
            </span>
          ) : (
            <ContactPicker label="Introduced by" placeholder="Who introduced you?" exclude={initial ? [initial.id] : []} onPick={(c) => setIntroducedBy(c)} />
          )}
          {errors.introducedById && <small className="field-error">{errors.introducedById}</small>}
        </div>
      </div>

      <div className="field">
        <label htmlFor="contact-tags">Tags</label>
        <div className="chips-input">
          {tags.map((t) => (
            <span className="person-chip" key={t}>
              {t}
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => setTags(tags.filter((x) => x !== t))}>
                ×
              </button>
            </span>
          ))}
          <input
            id="contact-tags"
            value={tagDraft}
            placeholder={tags.length ? '' : 'climbing, book club…'}
            onChange={(e) => (e.target.value.endsWith(',') ? addTag(e.target.value.slice(0, -1)) : setTagDraft(e.target.value))}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && tagDraft.trim()) {
                e.preventDefault();
                addTag();
              } else if (e.key === 'Backspace' && !tagDraft) setTags(tags.slice(0, -1));
            }}
            onBlur={() => addTag()}
          />
        </div>
      </div>

      <Field label="Notes" hint="Markdown: **bold**, lists, links. Kids’ names, what matters to them.">
        <textarea rows={5} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>

      <FormFooter error={errors.form} onCancel={onCancel} submitLabel={initial ? 'Save' : 'Add contact'} saving={saving} />
    </form>
  );
}

/** a month, day and optional year as the form holds them while they are typed */
interface DateDraft {
  month: string;
  day: string;
  year: string;
}

function draftOf(d: { month: number; day: number; year: number | null } | null | undefined): DateDraft {
  return { month: d?.month.toString() ?? '', day: d?.day.toString() ?? '', year: d?.year?.toString() ?? '' };
}

function monthDayOf(d: DateDraft): { month: number; day: number; year: number | null } | null {
  return d.month && d.day ? { month: Number(d.month), day: Number(d.day), year: d.year.trim() ? Number(d.year) : null } : null;
}

/** what is wrong with a half-typed date, or null when it is empty or right */
function dateDraftError(d: DateDraft, months: string[]): string | null {
  if (!d.month && !d.day && !d.year) return null;
  const month = Number(d.month);
  const day = Number(d.day);
  const year = d.year.trim() ? Number(d.year) : null;
  if (!d.month || !d.day) return 'Pick a month and a day (the year is optional)';
  if (year !== null && (!Number.isInteger(year) || year < 1800 || year > 2200)) return 'Enter the year as four digits, or leave it empty';
  if (!isValidMonthDay(month, day, year)) return `${months[month - 1]} has no day ${day}${year ? ` in ${year}` : ''}`;
  return null;
}

/** month, day and optional year of a yearly date (birthday, anniversary) */
function MonthDayFieldset({ legend, months, value, onChange, error }: { legend: string; months: string[]; value: DateDraft; onChange(d: DateDraft): void; error?: string }) {
  const set = (part: Partial<DateDraft>) => onChange({ ...value, ...part });
  return (
    <fieldset className="form-group">
      <legend>{legend}</legend>
      <div className="radio-row">
        <select aria-label={`${legend} month`} value={value.month} onChange={(e) => set({ month: e.target.value })} aria-invalid={error ? true : undefined}>
          <option value="">Month</option>
          {months.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </select>
        <input aria-label={`${legend} day`} className="narrow" type="number" min={1} max={31} placeholder="Day" value={value.day} onChange={(e) => set({ day: e.target.value })} aria-invalid={error ? true : undefined} />
        <input aria-label={`${legend} year (optional)`} className="narrow wide-4" type="number" placeholder="Year" value={value.year} onChange={(e) => set({ year: e.target.value })} />
        {(value.month || value.day || value.year) && (
          <button type="button" className="link-button" onClick={() => onChange({ month: '', day: '', year: '' })}>
            Clear
          </button>
        )}
      </div>
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
