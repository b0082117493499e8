// Appearance: light, dark or the system's theme. Saves at once and shows at once.
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { applyTheme } from '../../lib/theme';
import type { ThemeChoice } from '../../../../shared/domain/settings';

const LABELS: Record<ThemeChoice, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

export function AppearanceSection() {
  const [theme, setTheme] = useState<ThemeChoice | null>(null);

  useEffect(() => {
    const load = () => void api.call('settings.get', {}).then((s) => setTheme(s.theme));
    load();
    return onDataChanged(load);
  }, []);

  async function choose(next: ThemeChoice) {
    setTheme(next);
    applyTheme(next);
    try {
      await api.call('settings.update', { theme: next });
    } catch (err) {
      toast.error((err as Error).message);
    }
  }

  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <p className="subtle">Kith follows your system’s light or dark mode unless you choose one here.</p>
      <fieldset className="segmented" aria-label="Theme">
        {(Object.keys(LABELS) as ThemeChoice[]).map((t) => (
          <label key={t} className={theme === t ? 'segment active' : 'segment'}>
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => void choose(t)} />
            {LABELS[t]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
