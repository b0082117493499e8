// The renderer's one way to reach Kith: the typed client over the preload bridge (Electron) or
// over HTTP to the local web host (a browser). Both carry the same contract.
import { createClient, type KithClient, type Transport } from '../../../shared/api/client';
import type { BridgeEvent } from '../../../shared/api/bridge';

const TOKEN_KEY = 'kith.token';
const TOKEN_HEADER = 'X-Kith-Token';

/** the web host's per-run token: from the link on first load, then kept for this tab */
function webToken(): string | null {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpTransport(): Transport {
  const token = webToken() ?? '';
  return async (method, input) => {
    const res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
    });
    if (res.status === 401) return { ok: false, error: { code: 'forbidden', message: 'This page’s token is no longer valid: open the link `npm run web` printed.' } };
    if (!res.ok) return { ok: false, error: { code: 'internal', message: `HTTP ${res.status}: ${await res.text()}` } };
    return res.json();
  };
}

function bridgeTransport(): Transport | null {
  if (!window.kith) return null;
  // read the bridge on every call: a test installs a fresh back end behind it for each case
  return (method, input) => window.kith![method](input);
}

// chosen at the first call, so the page (or a test) can install the bridge before anything is sent
let transport: Transport | null = null;
export const api: KithClient = createClient((method, input) => {
  transport ??= bridgeTransport() ?? httpTransport();
  return transport(method, input);
});

/** writes made anywhere (this window, another tab, the scheduler) and navigation requests */
export function subscribeToEvents(listener: (event: BridgeEvent) => void): () => void {
  if (window.kithEvents) return window.kithEvents.subscribe(listener);
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/events');
  source.addEventListener('committed', (e) => listener({ type: 'committed', ...JSON.parse((e as MessageEvent).data) }));
  source.addEventListener('notification', (e) => listener({ type: 'notification', ...JSON.parse((e as MessageEvent).data) }));
  return () => source.close();
}
