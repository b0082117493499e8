// An address's parts in the contact form (issue 17.6): street lines, city, region, postcode and a
// country picker, in the order most addresses are written. Plain inputs and a native select, so
// Tab moves through them and typing a letter in the picker jumps to that country.
import { useId, useMemo } from 'react';
import { countryCodeOf, countryOptions, type PostalAddress } from '../../../../shared/domain/address';
import { userLanguage } from '../../lib/format';

export function AddressFields({ label, address, onChange, invalid }: { label: string; address: PostalAddress; onChange(next: PostalAddress): void; invalid?: boolean }) {
  const language = userLanguage();
  const countries = useMemo(() => countryOptions(language), [language]);
  const id = useId();
  const set = (patch: Partial<PostalAddress>) => onChange({ ...address, ...patch });
  // a country typed elsewhere (a file) that Kith has no code for stays choosable as it was
  const typedOnly = !address.countryCode && address.country.trim() ? address.country.trim() : null;
  const inputProps = (part: 'city' | 'region' | 'postcode') => ({ value: address[part], 'aria-invalid': invalid || undefined, onChange: (e: { target: { value: string } }) => set({ [part]: e.target.value }) });
  return (
    <div className="address-fields" role="group" aria-label={label}>
      <div className="address-street">
        <label htmlFor={`${id}-street`}>Street</label>
        <textarea id={`${id}-street`} rows={2} value={address.street} aria-invalid={invalid || undefined} autoComplete="off" onChange={(e) => set({ street: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-postcode`}>Postcode</label>
        <input id={`${id}-postcode`} {...inputProps('postcode')} autoComplete="off" />
      </div>
      <div>
        <label htmlFor={`${id}-city`}>City</label>
        <input id={`${id}-city`} {...inputProps('city')} autoComplete="off" />
      </div>
      <div>
        <label htmlFor={`${id}-region`}>Region or state</label>
        <input id={`${id}-region`} {...inputProps('region')} autoComplete="off" />
      </div>
      <div>
        <label htmlFor={`${id}-country`}>Country</label>
        <select
          id={`${id}-country`}
          value={address.countryCode ?? (typedOnly ? 'typed' : '')}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'typed') return;
            // a picked country is its code; the name as typed goes unless it names that country
            set({ countryCode: v || null, country: v && countryCodeOf(address.country, language) === v ? address.country : '' });
          }}
        >
          <option value="">—</option>
          {typedOnly && <option value="typed">{typedOnly}</option>}
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
