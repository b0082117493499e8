// Gifts: ideas for this person (a link, a price) and what was given or received, by occasion and
// date. Add opens a short form (Enter saves, Escape cancels); "Given" turns an idea into a gift.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { ApiError } from '../../../../shared/api/errors';
import { GIFT_OCCASIONS, GIFT_STATUS_LABELS, GIFT_STATUSES, type Gift, type GiftStatus } from '../../../../shared/domain/gifts';
import { parseAmount } from '../../../../shared/domain/money';
import { formatDay, formatMoney, userLanguage } from '../../lib/format';
import { escapeCloses, fieldErrors, InlineFormActions, withoutField } from './inlineForm';
import { todayLocal } from '../../lib/format';

export function GiftsCard({ contactId, name }: { contactId: string; name: string }) {
  const [gifts, setGifts] = useState<Gift[]>([]);
  const [adding, setAdding] = useState(false);
  const load = useCallback(() => api.call('gifts.listForContact', { contactId }).then(setGifts, () => setGifts([])), [contactId]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  const ideas = gifts.filter((g) => g.status === 'idea');
  const past = gifts.filter((g) => g.status !== 'idea');
  const call = (p: Promise<unknown>) => p.catch((err: Error) => toast.error(err.message));

  return (
    <section className="card" aria-labelledby="gifts-title">
      <div className="card-header">
        <h2 id="gifts-title">Gifts</h2>
        {!adding && (
          <button className="button small" onClick={() => setAdding(true)}>
            Add gift
          </button>
        )}
      </div>
      {gifts.length === 0 && !adding && <p className="subtle">Gift ideas for {name}, and what you gave or got.</p>}
      {ideas.length > 0 && (
        <ul className="gift-list" aria-label="Gift ideas">
          {ideas.map((g) => (
            <li key={g.id} className="gift">
              <GiftTitle gift={g} />
              <span className="gift-actions">
                <button className="button small" aria-label={`Mark ${g.title} as given today`} onClick={() => void call(api.call('gifts.update', { id: g.id, status: 'given', onDate: todayLocal() }))}>
                  Given
                </button>
                <button className="icon-button small" aria-label={`Delete gift idea ${g.title}`} onClick={() => void call(api.call('gifts.delete', { id: g.id }))}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <ul className="gift-list" aria-label="Gifts given and received">
          {past.map((g) => (
            <li key={g.id} className="gift">
              <GiftTitle gift={g} />
              <span className="subtle small">
                {GIFT_STATUS_LABELS[g.status]}
                {g.occasion ? ` · ${g.occasion}` : ''}
                {g.onDate ? ` · ${formatDay(Date.parse(`${g.onDate}T12:00:00`))}` : ''}
              </span>
              <button className="icon-button small" aria-label={`Delete gift ${g.title}`} onClick={() => void call(api.call('gifts.delete', { id: g.id }))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {adding && <GiftForm contactId={contactId} defaultCurrency={gifts.find((g) => g.currency)?.currency ?? 'EUR'} onDone={() => setAdding(false)} />}
    </section>
  );
}

function GiftTitle({ gift }: { gift: Gift }) {
  return (
    <span className="gift-title">
      {gift.url ? (
        <a href={gift.url} target="_blank" rel="noreferrer">
          {gift.title}
        </a>
      ) : (
        gift.title
      )}
      {gift.priceMinor !== null && gift.currency && <span className="subtle small"> · {formatMoney(gift.priceMinor, gift.currency)}</span>}
    </span>
  );
}

function GiftForm({ contactId, defaultCurrency, onDone }: { contactId: string; defaultCurrency: string; onDone(): void }) {
  const [status, setStatus] = useState<GiftStatus>('idea');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [price, setPrice] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [occasion, setOccasion] = useState('');
  const [onDate, setOnDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ids = { status: useId(), title: useId(), url: useId(), price: useId(), currency: useId(), occasion: useId(), date: useId(), list: useId() };

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'What is the gift?';
    const parsedPrice = price.trim() ? parseAmount(price, currency || 'EUR', userLanguage()) : null;
    const priceMinor = parsedPrice?.ok ? parsedPrice.amountMinor : null;
    if (parsedPrice && !parsedPrice.ok) found.priceMinor = parsedPrice.message;
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await api.call('gifts.create', {
        contactId,
        status,
        title,
        url: url.trim() || null,
        priceMinor,
        currency: priceMinor === null ? null : currency,
        occasion: occasion.trim() || null,
        onDate: onDate || (status === 'idea' ? null : todayLocal()),
      });
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setErrors({ [err.field && ['title', 'url', 'priceMinor', 'currency', 'occasion', 'onDate'].includes(err.field) ? err.field : 'form']: withoutField(err.message) });
      else toast.error((err as Error).message);
    }
  }
  const onKeyDown = escapeCloses(onDone);
  const { invalid: err, message: msg } = fieldErrors(errors, ids.title);

  return (
    <form className="mini-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} aria-label="Add a gift" noValidate>
      <div className="field span-2">
        <label htmlFor={ids.title}>Gift</label>
        <input id={ids.title} value={title} autoFocus placeholder="e.g. A book on Bernoulli numbers" maxLength={300} onChange={(e) => setTitle(e.target.value)} {...err('title')} />
        {msg('title')}
      </div>
      <div className="field">
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as GiftStatus)}>
          {GIFT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {GIFT_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.occasion}>Occasion</label>
        <input id={ids.occasion} list={ids.list} value={occasion} placeholder="Birthday" onChange={(e) => setOccasion(e.target.value)} {...err('occasion')} />
        <datalist id={ids.list}>
          {GIFT_OCCASIONS.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        {msg('occasion')}
      </div>
      <div className="field span-2">
        <label htmlFor={ids.url}>Link</label>
        <input id={ids.url} type="url" value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} {...err('url')} />
        {msg('url')}
      </div>
      <div className="field">
        <label htmlFor={ids.price}>Price</label>
        <input id={ids.price} inputMode="decimal" value={price} placeholder="0.00" onChange={(e) => setPrice(e.target.value)} {...err('priceMinor')} />
        {msg('priceMinor')}
      </div>
      <div className="field">
        <label htmlFor={ids.currency}>Currency</label>
        <input id={ids.currency} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} {...err('currency')} />
        {msg('currency')}
      </div>
      {status !== 'idea' && (
        <div className="field span-2">
          <label htmlFor={ids.date}>Date</label>
          <input id={ids.date} type="date" value={onDate || todayLocal()} onChange={(e) => setOnDate(e.target.value)} {...err('onDate')} />
          {msg('onDate')}
        </div>
      )}
      {errors.form && (
        <p className="form-error span-2" role="alert">
          {errors.form}
        </p>
      )}
      <InlineFormActions onCancel={onDone} submitLabel="Add" />
    </form>
  );
}
