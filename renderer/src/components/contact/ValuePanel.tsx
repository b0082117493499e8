// A client's value entries: what they brought, invoiced or paid, with totals per currency, an entry
// form that reads amounts by the user's locale (and shows how it read them before saving), and
// editing of an entry in place.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { Contact } from '../../../../shared/domain/contact';
import type { ContactValue, ValueEntry, ValueKind } from '../../../../shared/domain/value';
import { formatAmountInput, formatMoney, parseAmount } from '../../../../shared/domain/money';
import { api } from '../../lib/api';
import { reloadIfStale } from '../../lib/stale';
import { ApiError } from '../../../../shared/api/errors';
import { onDataChanged } from '../../lib/refresh';
import { userLanguage } from '../../lib/format';
import { Field } from '../Field';
import { shortDate } from '../dashboard/format';
import { todayLocal } from '../../lib/format';

const CLIENTS_CIRCLE = 'circle-clients';

export function ValuePanel({ contact }: { contact: Contact }) {
  const [value, setValue] = useState<ContactValue | null>(null);
  const [defaultCurrency, setDefaultCurrency] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const load = useCallback(() => api.call('value.listForContact', { contactId: contact.id }).then(setValue, () => setValue(null)), [contact.id]);
  useEffect(() => {
    void load();
    void api.call('settings.get', {}).then((s) => setDefaultCurrency(s.defaultCurrency), () => setDefaultCurrency('EUR'));
    return onDataChanged(load);
  }, [load]);
  if (!value || defaultCurrency === null) return null;
  const locale = userLanguage();
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
            <div key={t.currency} aria-label={`Totals in ${t.currency}`}>
              <dt>Last 12 months</dt>
              <dd>{formatMoney(t.lastYearMinor, t.currency, locale)}</dd>
              <dt>All time</dt>
              <dd>{formatMoney(t.totalMinor, t.currency, locale)}</dd>
              <dt>Paid</dt>
              <dd>{formatMoney(t.paidMinor, t.currency, locale)}</dd>
              <dt>Outstanding</dt>
              <dd className={t.outstandingMinor > 0 ? 'outstanding' : undefined}>{formatMoney(t.outstandingMinor, t.currency, locale)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="subtle small">No value recorded yet. Add invoices and payments to see what this client brings.</p>
      )}
      <ValueForm contactId={contact.id} defaultCurrency={value.entries[0]?.currency ?? defaultCurrency} />
      {value.entries.length > 0 && (
        <ul className="value-entries" aria-label="Value entries">
          {value.entries.map((e) =>
            editing === e.id ? (
              <li key={e.id} className="value-entry editing">
                <ValueForm contactId={contact.id} defaultCurrency={e.currency} entry={e} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <ValueRow key={e.id} entry={e} onEdit={() => setEditing(e.id)} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function ValueRow({ entry, onEdit }: { entry: ValueEntry; onEdit(): void }) {
  const call = (p: Promise<unknown>) => p.catch((err: Error) => toast.error(reloadIfStale(err) ?? err.message));
  const amount = formatMoney(entry.amountMinor, entry.currency, userLanguage());
  return (
    <li className="value-entry">
      <span className="subtle small">{shortDate(entry.occurredOn)}</span>
      <span className="value-note" title={entry.note || undefined}>
        {entry.note || (entry.kind === 'paid' ? 'Payment' : 'Invoice')}
      </span>
      <span className="num">{amount}</span>
      <button
        type="button"
        className={entry.kind === 'paid' ? 'status-chip paid' : 'status-chip'}
        aria-label={entry.kind === 'paid' ? `Paid; mark ${amount} as unpaid` : `Invoiced; mark ${amount} as paid`}
        onClick={() => void call(api.call('value.update', { id: entry.id, updatedAt: entry.updatedAt, kind: entry.kind === 'paid' ? 'invoiced' : 'paid' }))}
      >
        {entry.kind === 'paid' ? 'Paid' : 'Invoiced'}
      </button>
      <button type="button" className="button ghost small" aria-label={`Edit ${amount} entry of ${entry.occurredOn}`} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="icon-button" aria-label={`Delete ${amount} entry of ${entry.occurredOn}`} onClick={() => void call(api.call('value.delete', { id: entry.id }))}>
        ×
      </button>
    </li>
  );
}

/** adds an entry, or with `entry` edits it */
function ValueForm({ contactId, defaultCurrency, entry, onDone }: { contactId: string; defaultCurrency: string; entry?: ValueEntry; onDone?(): void }) {
  const locale = userLanguage();
  const [occurredOn, setOccurredOn] = useState(entry?.occurredOn ?? todayLocal);
  const [amount, setAmount] = useState(entry ? formatAmountInput(entry.amountMinor, entry.currency, locale) : '');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [kind, setKind] = useState<ValueKind>(entry?.kind ?? 'invoiced');
  const [note, setNote] = useState(entry?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  // the form starts in the default currency until the user picks another
  useEffect(() => {
    if (!entry) setCurrency(defaultCurrency);
  }, [defaultCurrency, entry]);

  const code = currency.trim().toUpperCase();
  const known = /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
  const parsed = amount.trim() === '' || !known ? null : parseAmount(amount, code, locale);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!known) return setErrors({ currency: /^[A-Z]{3}$/.test(code) ? 'Not a known currency code' : 'Currency is a three-letter code such as EUR' });
    const read = parseAmount(amount, code, locale);
    if (!read.ok) return setErrors({ amountMinor: read.message });
    try {
      const fields = { occurredOn, amountMinor: read.amountMinor, currency: code, kind, note };
      if (entry) {
        await api.call('value.update', { id: entry.id, updatedAt: entry.updatedAt, ...fields });
        toast.success('Value entry saved');
        onDone?.();
        return;
      }
      await api.call('value.create', { contactId, ...fields });
      // ready for the next entry: amount, note and status start again; date and currency stay
      setAmount('');
      setNote('');
      setKind('invoiced');
      setErrors({});
      setTouched(false);
      toast.success(`${formatMoney(read.amountMinor, code, locale)} ${kind === 'paid' ? 'payment' : 'invoice'} added`);
    } catch (err) {
      const stale = reloadIfStale(err);
      if (stale) {
        toast.error(stale);
        onDone?.();
      } else if (err instanceof ApiError) {
        const next: Record<string, string> = {};
        for (const i of err.issues.length ? err.issues : [{ field: err.field ?? '', message: err.message }]) next[i.field] ??= i.message;
        setErrors(next);
      } else toast.error((err as Error).message);
    }
  }

  // while typing: how the amount reads; a refusal shows once the user leaves the field or submits
  const amountError = errors.amountMinor ?? (touched && parsed && !parsed.ok ? parsed.message : undefined);
  const hint = parsed?.ok ? `Reads as ${formatMoney(parsed.amountMinor, code, locale)}` : parsed && !parsed.ok && !touched ? 'Check the amount' : undefined;
  return (
    <form className="value-form" onSubmit={(e) => void submit(e)} aria-label={entry ? 'Edit value entry' : 'Add a value entry'} noValidate>
      <Field label="Date" error={errors.occurredOn}>
        <input type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
      </Field>
      <Field label="Amount" error={amountError} hint={hint}>
        <input
          inputMode="decimal"
          value={amount}
          placeholder={formatAmountInput(0, code || 'EUR', locale)}
          onChange={(e) => {
            setAmount(e.target.value);
            setErrors(({ amountMinor: _, ...rest }) => rest);
          }}
          onBlur={() => amount.trim() !== '' && setTouched(true)}
        />
      </Field>
      <Field label="Currency" error={errors.currency}>
        <input value={currency} maxLength={3} className="currency-input" onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
      </Field>
      <Field label="Status">
        <select value={kind} onChange={(e) => setKind(e.target.value as ValueKind)}>
          <option value="invoiced">Invoiced</option>
          <option value="paid">Paid</option>
        </select>
      </Field>
      <Field label="Note" error={errors.note}>
        <input value={note} placeholder="e.g. March retainer" onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="value-form-actions">
        {entry && (
          <button type="button" className="button ghost" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary">
          {entry ? 'Save' : 'Add entry'}
        </button>
      </div>
    </form>
  );
}
