// A client's value entries: what they brought, invoiced or paid, with totals and an entry form.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { Contact } from '../../../../shared/domain/contact';
import { currencyDigits, formatMoney, type ContactValue, type ValueEntry } from '../../../../shared/domain/value';
import { api } from '../../lib/api';
import { ApiError } from '../../../../shared/api/errors';
import { onDataChanged } from '../../lib/refresh';
import { Field } from '../Field';
import { shortDate } from '../dashboard/format';

const CLIENTS_CIRCLE = 'circle-clients';

function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "1,234.50" -> 123450 in a 2-digit currency; NaN when it is not a number */
function toMinor(text: string, currency: string): number {
  const clean = text.replace(/[\s,']/g, '');
  if (!/^\d+(\.\d+)?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 10 ** currencyDigits(currency));
}

export function ValuePanel({ contact }: { contact: Contact }) {
  const [value, setValue] = useState<ContactValue | null>(null);
  const load = useCallback(() => api.call('value.listForContact', { contactId: contact.id }).then(setValue, () => setValue(null)), [contact.id]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  if (!value) return null;
  const isClient = contact.circleId === CLIENTS_CIRCLE || value.entries.length > 0;
  // only for clients: someone in the Clients circle, or with value already recorded
  if (!isClient) return null;
  return (
    <section className="card value-panel" aria-labelledby="value-title">
      <header className="dash-card-header">
        <h2 id="value-title">Client value</h2>
      </header>
      {value.totals.length > 0 ? (
        <dl className="value-totals">
          {value.totals.map((t) => (
            <div key={t.currency}>
              <dt>Last 12 months</dt>
              <dd>{formatMoney(t.lastYearMinor, t.currency)}</dd>
              <dt>All time</dt>
              <dd>{formatMoney(t.totalMinor, t.currency)}</dd>
              <dt>Paid</dt>
              <dd>{formatMoney(t.paidMinor, t.currency)}</dd>
              <dt>Outstanding</dt>
              <dd className={t.outstandingMinor > 0 ? 'outstanding' : undefined}>{formatMoney(t.outstandingMinor, t.currency)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="subtle small">No value recorded yet. Add invoices and payments to see what this client brings.</p>
      )}
      <ValueForm contactId={contact.id} defaultCurrency={value.entries[0]?.currency ?? 'EUR'} />
      {value.entries.length > 0 && (
        <ul className="value-entries" aria-label="Value entries">
          {value.entries.map((e) => (
            <ValueRow key={e.id} entry={e} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ValueRow({ entry }: { entry: ValueEntry }) {
  const call = (p: Promise<unknown>) => p.catch((err: Error) => toast.error(err.message));
  return (
    <li className="value-entry">
      <span className="subtle small">{shortDate(entry.occurredOn)}</span>
      <span className="value-note">{entry.note || (entry.kind === 'paid' ? 'Payment' : 'Invoice')}</span>
      <span className="num">{formatMoney(entry.amountMinor, entry.currency)}</span>
      <button
        type="button"
        className={entry.kind === 'paid' ? 'status-chip paid' : 'status-chip'}
        aria-label={entry.kind === 'paid' ? `Paid; mark ${formatMoney(entry.amountMinor, entry.currency)} as unpaid` : `Invoiced; mark ${formatMoney(entry.amountMinor, entry.currency)} as paid`}
        onClick={() => void call(api.call('value.update', { id: entry.id, kind: entry.kind === 'paid' ? 'invoiced' : 'paid' }))}
      >
        {entry.kind === 'paid' ? 'Paid' : 'Invoiced'}
      </button>
      <button type="button" className="icon-button" aria-label={`Delete ${formatMoney(entry.amountMinor, entry.currency)} entry of ${entry.occurredOn}`} onClick={() => void call(api.call('value.delete', { id: entry.id }))}>
        ×
      </button>
    </li>
  );
}

function ValueForm({ contactId, defaultCurrency }: { contactId: string; defaultCurrency: string }) {
  const [occurredOn, setOccurredOn] = useState(todayLocal);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [kind, setKind] = useState<'invoiced' | 'paid'>('invoiced');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const amountMinor = toMinor(amount, currency.trim().toUpperCase() || 'EUR');
    if (Number.isNaN(amountMinor)) return setErrors({ amountMinor: 'Enter an amount such as 1200 or 1200.50' });
    try {
      await api.call('value.create', { contactId, occurredOn, amountMinor, currency, kind, note });
      setAmount('');
      setNote('');
      setErrors({});
      toast.success('Value entry added');
    } catch (err) {
      if (err instanceof ApiError) {
        const next: Record<string, string> = {};
        for (const i of err.issues.length ? err.issues : [{ field: err.field ?? '', message: err.message }]) next[i.field] ??= i.message;
        setErrors(next);
      } else toast.error((err as Error).message);
    }
  }

  return (
    <form className="value-form" onSubmit={(e) => void submit(e)} aria-label="Add a value entry" noValidate>
      <Field label="Date" error={errors.occurredOn}>
        <input type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
      </Field>
      <Field label="Amount" error={errors.amountMinor}>
        <input inputMode="decimal" value={amount} placeholder="0.00" onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field label="Currency" error={errors.currency}>
        <input value={currency} maxLength={3} className="currency-input" onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
      </Field>
      <Field label="Status">
        <select value={kind} onChange={(e) => setKind(e.target.value as 'invoiced' | 'paid')}>
          <option value="invoiced">Invoiced</option>
          <option value="paid">Paid</option>
        </select>
      </Field>
      <Field label="Note" error={errors.note}>
        <input value={note} placeholder="e.g. March retainer" onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" className="button primary">
        Add entry
      </button>
    </form>
  );
}
