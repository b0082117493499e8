// Phone numbers: the region a number typed without a country code belongs to. It decides which
// numbers are the same ("030 12345678" = "+49 30 12345678" in Germany) and how numbers are shown.
import { useEffect, useMemo, useState } from 'react';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { Field } from '../Field';

export function PhoneRegionSection() {
  const [region, setRegion] = useState<string | null>(null);
  useEffect(() => {
    const load = () => api.call('settings.get', {}).then((s) => setRegion(s.phoneRegion), () => {});
    void load();
    return onDataChanged(load);
  }, []);
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([typeof navigator === 'undefined' ? 'en' : navigator.language, 'en'], { type: 'region' });
    return getCountries()
      .map((code) => ({ code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, []);

  async function change(next: string) {
    try {
      const saved = await api.call('settings.update', { phoneRegion: next });
      setRegion(saved.phoneRegion);
      toast.success('Phone region saved', { description: 'Numbers without a country code are read as numbers of this region.' });
    } catch (err) {
      toast.error((err as Error).message);
    }
  }

  if (!region) return <section className="card" aria-busy="true" aria-label="Phone numbers" />;
  return (
    <section className="card" aria-labelledby="phones-title">
      <h2 id="phones-title">Phone numbers</h2>
      <Field label="Default region" hint="A number typed without a country code belongs to this region: different spellings of one number are kept once and found by any of them. Numbers of this region are shown as they are dialled at home, others with their country code.">
        <select value={region} onChange={(e) => void change(e.target.value)}>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}
