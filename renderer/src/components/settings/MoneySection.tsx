// Money: the currency new client value entries start in. Saves at once.
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { formatMoney, userLanguage } from '../../lib/format';
import { Field } from '../Field';

/** the currencies people pick most, then every other the platform knows */
const COMMON = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'INR'];

export function MoneySection() {
  const [currency, setCurrency] = useState<string | null>(null);
  useEffect(() => {
    void api.call('settings.get', {}).then((s) => setCurrency(s.defaultCurrency));
  }, []);
  if (currency === null) return <section className="card" aria-busy="true" aria-label="Money" />;
  const names = new Intl.DisplayNames([userLanguage()], { type: 'currency' });
  const all = [...COMMON, ...Intl.supportedValuesOf('currency').filter((c) => !COMMON.includes(c))];
  async function save(next: string) {
    const previous = currency;
    setCurrency(next);
    try {
      await api.call('settings.update', { defaultCurrency: next });
      toast.success(`New value entries start in ${next}`);
    } catch (err) {
      setCurrency(previous);
      toast.error((err as Error).message);
    }
  }
  return (
    <section className="card settings-money" aria-labelledby="money-title">
      <h2 id="money-title">Money</h2>
      <Field label="Default currency" hint={`Amounts are read and written the way your system writes numbers: ${formatMoney(450000, currency)}.`}>
        <select value={currency} onChange={(e) => void save(e.target.value)}>
          {all.map((c) => (
            <option key={c} value={c}>
              {c} · {names.of(c) ?? c}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}
