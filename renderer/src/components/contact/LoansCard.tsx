// Money lent and borrowed with this person (personal, apart from client value): who owes whom per
// currency, each loan settled or open. Add opens a short form (Enter saves, Escape cancels).
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { ApiError } from '../../../../shared/api/errors';
import type { ContactLoans, LoanDirection } from '../../../../shared/domain/loans';
import { parseAmount } from '../../../../shared/domain/money';
import { formatDay, formatMoney, userLanguage } from '../../lib/format';
import { escapeCloses, fieldErrors, InlineFormActions, withoutField } from './inlineForm';
import { todayLocal } from '../../lib/format';

export function LoansCard({ contactId, name }: { contactId: string; name: string }) {
  const [data, setData] = useState<ContactLoans | null>(null);
  const [adding, setAdding] = useState(false);
  const load = useCallback(() => api.call('loans.listForContact', { contactId }).then(setData, () => setData(null)), [contactId]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  if (!data) return null;
  const call = (p: Promise<unknown>) => p.catch((err: Error) => toast.error(err.message));
  const first = name.split(' ')[0] ?? name;

  return (
    <section className="card" aria-labelledby="loans-title">
      <div className="card-header">
        <h2 id="loans-title">Money between you</h2>
        {!adding && (
          <button className="button small" onClick={() => setAdding(true)}>
            Add loan
          </button>
        )}
      </div>
      {data.loans.length === 0 && !adding && <p className="subtle">Lent {first} money, or borrowed some? Keep track here.</p>}
      {data.balances.length > 0 && (
        <dl className="loan-balances" aria-label="Open balance">
          {data.balances.flatMap((b) => [
            b.owedToMeMinor > 0 && (
              <div key={`${b.currency}-in`}>
                <dt>{first} owes you</dt>
                <dd>{formatMoney(b.owedToMeMinor, b.currency)}</dd>
              </div>
            ),
            b.iOweMinor > 0 && (
              <div key={`${b.currency}-out`}>
                <dt>You owe {first}</dt>
                <dd>{formatMoney(b.iOweMinor, b.currency)}</dd>
              </div>
            ),
          ])}
        </dl>
      )}
      {data.loans.length > 0 && data.balances.length === 0 && <p className="subtle small">All settled.</p>}
      {data.loans.length > 0 && (
        <ul className="gift-list" aria-label="Loans">
          {data.loans.map((l) => {
            const amount = formatMoney(l.amountMinor, l.currency);
            return (
              <li key={l.id} className={l.settledOn ? 'loan settled' : 'loan'}>
                <span className="loan-what">
                  {l.direction === 'lent' ? 'You lent' : 'You borrowed'}
                  {l.note ? ` · ${l.note}` : ''}
                  <span className="subtle small loan-date">{formatDay(Date.parse(`${l.occurredOn}T12:00:00`))}</span>
                </span>
                <span className="num">{amount}</span>
                <button
                  className={l.settledOn ? 'status-chip paid' : 'status-chip'}
                  aria-label={l.settledOn ? `Settled; open ${amount} of ${l.occurredOn} again` : `Open; mark ${amount} of ${l.occurredOn} as paid back today`}
                  onClick={() => void call(api.call('loans.update', { id: l.id, settledOn: l.settledOn ? null : todayLocal() }))}
                >
                  {l.settledOn ? 'Settled' : 'Open'}
                </button>
                <button className="icon-button small" aria-label={`Delete loan of ${amount} on ${l.occurredOn}`} onClick={() => void call(api.call('loans.delete', { id: l.id }))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {adding && <LoanForm contactId={contactId} name={first} defaultCurrency={data.loans[0]?.currency ?? 'EUR'} onDone={() => setAdding(false)} />}
    </section>
  );
}

function LoanForm({ contactId, name, defaultCurrency, onDone }: { contactId: string; name: string; defaultCurrency: string; onDone(): void }) {
  const [direction, setDirection] = useState<LoanDirection>('lent');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [occurredOn, setOccurredOn] = useState(todayLocal);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const base = useId();
  const id = (k: string) => `${base}-${k}`;

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const parsed = parseAmount(amount, currency || 'EUR', userLanguage());
    if (!parsed.ok) return setErrors({ amountMinor: parsed.message });
    const { amountMinor } = parsed;
    if (amountMinor === 0) return setErrors({ amountMinor: 'Type an amount more than zero' });
    try {
      await api.call('loans.create', { contactId, direction, amountMinor, currency, occurredOn, note });
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setErrors({ [err.field && ['amountMinor', 'currency', 'occurredOn', 'note'].includes(err.field) ? err.field : 'form']: withoutField(err.message) });
      else toast.error((err as Error).message);
    }
  }
  const onKeyDown = escapeCloses(onDone);
  const { invalid: err, message: msg } = fieldErrors(errors, base);
  return (
    <form className="mini-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} aria-label="Add a loan" noValidate>
      <div className="field span-2">
        <label htmlFor={id('dir')}>Who paid</label>
        <select id={id('dir')} value={direction} autoFocus onChange={(e) => setDirection(e.target.value as LoanDirection)}>
          <option value="lent">I lent {name} money (they owe me)</option>
          <option value="borrowed">I borrowed from {name} (I owe them)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('amount')}>Amount</label>
        <input id={id('amount')} inputMode="decimal" value={amount} placeholder="0.00" onChange={(e) => setAmount(e.target.value)} {...err('amountMinor')} />
        {msg('amountMinor')}
      </div>
      <div className="field">
        <label htmlFor={id('cur')}>Currency</label>
        <input id={id('cur')} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} {...err('currency')} />
        {msg('currency')}
      </div>
      <div className="field">
        <label htmlFor={id('date')}>Date</label>
        <input id={id('date')} type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} {...err('occurredOn')} />
        {msg('occurredOn')}
      </div>
      <div className="field">
        <label htmlFor={id('note')}>For</label>
        <input id={id('note')} value={note} placeholder="e.g. Concert tickets" onChange={(e) => setNote(e.target.value)} {...err('note')} />
        {msg('note')}
      </div>
      {errors.form && (
        <p className="form-error span-2" role="alert">
          {errors.form}
        </p>
      )}
      <InlineFormActions onCancel={onDone} submitLabel="Add" />
    </form>
  );
}
