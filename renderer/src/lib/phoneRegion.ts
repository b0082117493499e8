// The user's default phone region (a setting), for showing numbers in their own format: read once,
// again after every write.
import { useEffect, useState } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import { api } from './api';
import { onDataChanged } from './refresh';
import { asRegion } from '../../../shared/domain/phone';

let known: CountryCode | null = null;

export function usePhoneRegion(): CountryCode {
  const [region, setRegion] = useState<CountryCode>(known ?? 'US');
  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('settings.get', {}).then(
        (s) => {
          known = asRegion(s.phoneRegion) ?? 'US';
          if (live) setRegion(known);
        },
        () => {},
      );
    void load();
    const unregister = onDataChanged(load);
    return () => {
      live = false;
      unregister();
    };
  }, []);
  return region;
}
