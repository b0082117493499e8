// Personal facts: what matters about this person ("Kids: Luis (7), Ana (4)", "Allergies: nuts"),
// in the user's order. Keyboard: Add opens a row with the label focused, Enter saves, Escape
// cancels; on a fact, Alt+↑/↓ moves it.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { ApiError } from '../../../../shared/api/errors';
import { FACT_TYPE_LABELS, FACT_TYPES, factValueProblem, type ContactFact, type FactLabel, type FactType } from '../../../../shared/domain/facts';
import { formatDay } from '../../lib/format';
import { escapeCloses, InlineFormActions, withoutField } from './inlineForm';

export function FactsCard({ contactId, name }: { contactId: string; name: string }) {
  const [facts, setFacts] = useState<ContactFact[]>([]);
  const [labels, setLabels] = useState<FactLabel[]>([]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const load = useCallback(() => api.call('facts.listForContact', { contactId }).then(setFacts, () => setFacts([])), [contactId]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  useEffect(() => {
    if (editing !== null) void api.call('facts.labels', {}).then(setLabels, () => setLabels([]));
  }, [editing]);

  async function move(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= facts.length) return;
    const ids = facts.map((f) => f.id);
    [ids[index], ids[to]] = [ids[to]!, ids[index]!];
    try {
      setFacts(await api.call('facts.reorder', { contactId, ids }));
      // keep the focus on the moved fact
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-fact="${ids[to]}"]`)?.focus());
    } catch (err) {
      toast.error((err as Error).message);
    }
  }

  return (
    <section className="card" aria-labelledby="facts-title">
      <div className="card-header">
        <h2 id="facts-title">Personal facts</h2>
        {editing !== 'new' && (
          <button className="button small" onClick={() => setEditing('new')}>
            Add fact
          </button>
        )}
      </div>
      {facts.length === 0 && editing !== 'new' && <p className="subtle">Kids’ names, allergies, favourite wine: what you want to remember about {name}.</p>}
      {facts.length > 0 && (
        <ul className="fact-list" ref={listRef} aria-label={`Facts about ${name}`}>
          {facts.map((f, i) =>
            editing === f.id ? (
              <li key={f.id}>
                <FactForm contactId={contactId} fact={f} labels={labels} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li
                key={f.id}
                className="fact-row"
                tabIndex={0}
                data-fact={f.id}
                aria-label={`${f.label}: ${f.value}`}
                aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Enter"
                onKeyDown={(e) => {
                  if (e.target !== e.currentTarget) return;
                  if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
                    e.preventDefault();
                    void move(i, e.key === 'ArrowUp' ? -1 : 1);
                  } else if (e.key === 'Enter') {
                    e.preventDefault();
                    setEditing(f.id);
                  }
                }}
              >
                <span className="fact-label">{f.label}</span>
                <span className="fact-value">
                  <FactValue fact={f} />
                </span>
                <span className="fact-actions">
                  <button className="icon-button small" aria-label={`Move ${f.label} up`} disabled={i === 0} onClick={() => void move(i, -1)}>
                    ↑
                  </button>
                  <button className="icon-button small" aria-label={`Move ${f.label} down`} disabled={i === facts.length - 1} onClick={() => void move(i, 1)}>
                    ↓
                  </button>
                  <button className="icon-button small" aria-label={`Edit ${f.label}`} onClick={() => setEditing(f.id)}>
                    ✎
                  </button>
                  <button
                    className="icon-button small"
                    aria-label={`Delete ${f.label}`}
                    onClick={() => void api.call('facts.delete', { id: f.id }).then(() => toast.success(`Removed “${f.label}”`), (e: Error) => toast.error(e.message))}
                  >
                    ×
                  </button>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      {editing === 'new' && <FactForm contactId={contactId} labels={labels} onDone={() => setEditing(null)} />}
    </section>
  );
}

function FactValue({ fact }: { fact: ContactFact }) {
  if (fact.type === 'link')
    return (
      <a href={fact.value} target="_blank" rel="noreferrer">
        {fact.value.replace(/^https?:\/\//, '')}
      </a>
    );
  if (fact.type === 'date') return <>{formatDay(Date.parse(`${fact.value}T12:00:00`))}</>;
  return <>{fact.value}</>;
}

function FactForm({ contactId, fact, labels, onDone }: { contactId: string; fact?: ContactFact; labels: FactLabel[]; onDone(): void }) {
  const [label, setLabel] = useState(fact?.label ?? '');
  const [type, setType] = useState<FactType>(fact?.type ?? 'text');
  const [value, setValue] = useState(fact?.value ?? '');
  const [typeTouched, setTypeTouched] = useState(Boolean(fact));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const listId = useId();
  const ids = { label: useId(), type: useId(), value: useId() };

  function pickLabel(next: string) {
    setLabel(next);
    // a suggested label brings its type, until the user picks one
    const known = labels.find((l) => l.label.toLowerCase() === next.trim().toLowerCase());
    if (known && !typeTouched) setType(known.type);
  }

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const found: Record<string, string> = {};
    if (!label.trim()) found.label = 'Give the fact a label, such as Kids';
    const problem = factValueProblem(type, value);
    if (problem) found.value = problem;
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      if (fact) await api.call('facts.update', { id: fact.id, label, type, value });
      else await api.call('facts.create', { contactId, label, type, value });
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setErrors({ [err.field === 'label' ? 'label' : 'value']: withoutField(err.message) });
      else toast.error((err as Error).message);
    }
  }

  const onKeyDown = escapeCloses(onDone);

  return (
    <form className="fact-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} aria-label={fact ? `Edit ${fact.label}` : 'Add a fact'} noValidate>
      <div className="field">
        <label htmlFor={ids.label}>Label</label>
        <input
          id={ids.label}
          list={listId}
          value={label}
          autoFocus
          placeholder="e.g. Kids"
          aria-invalid={errors.label ? true : undefined}
          aria-describedby={errors.label ? `${ids.label}-e` : undefined}
          onChange={(e) => pickLabel(e.target.value)}
        />
        <datalist id={listId}>
          {labels.map((l) => (
            <option key={l.label} value={l.label} />
          ))}
        </datalist>
        {errors.label && (
          <small className="field-error" id={`${ids.label}-e`} role="alert">
            {errors.label}
          </small>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.type}>Type</label>
        <select
          id={ids.type}
          value={type}
          onChange={(e) => {
            setType(e.target.value as FactType);
            setTypeTouched(true);
          }}
        >
          {FACT_TYPES.map((t) => (
            <option key={t} value={t}>
              {FACT_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field fact-form-value">
        <label htmlFor={ids.value}>Value</label>
        <input
          id={ids.value}
          type={type === 'date' ? 'date' : type === 'link' ? 'url' : 'text'}
          inputMode={type === 'number' ? 'decimal' : undefined}
          value={value}
          placeholder={type === 'link' ? 'https://' : type === 'number' ? '42' : 'e.g. Luis (7), Ana (4)'}
          aria-invalid={errors.value ? true : undefined}
          aria-describedby={errors.value ? `${ids.value}-e` : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        {errors.value && (
          <small className="field-error" id={`${ids.value}-e`} role="alert">
            {errors.value}
          </small>
        )}
      </div>
      <InlineFormActions className="fact-form-actions" onCancel={onDone} submitLabel={fact ? 'Save' : 'Add'} />
    </form>
  );
}
