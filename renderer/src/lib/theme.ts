// The theme on screen: data-theme="light"|"dark" on <html>, which the CSS colours follow. The
// choice comes from the settings; 'system' follows the OS live. The last choice is kept in this
// window's storage too, so the first paint of the next start is already in the right theme.
import { resolveTheme } from '../../../shared/domain/settings';

const KEY = 'kith.theme';
let choice = 'system';
let unwatch: (() => void) | null = null;

function systemQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
}

function paint() {
  document.documentElement.dataset.theme = resolveTheme(choice, systemQuery()?.matches ?? false);
}

/** shows a theme choice ('system', 'light', 'dark') now and whenever the system's changes */
export function applyTheme(next: string): void {
  choice = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // storage off: only the first paint of the next start is affected
  }
  paint();
  if (!unwatch) {
    const query = systemQuery();
    const onChange = () => paint();
    query?.addEventListener('change', onChange);
    unwatch = () => query?.removeEventListener('change', onChange);
  }
}

/** before the first render: the choice kept from last time */
export function applyStoredTheme(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // none
  }
  applyTheme(stored ?? 'system');
}
