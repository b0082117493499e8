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
    // the host answers 400/413 with the typed error as JSON
    if (!res.ok && res.headers.get('content-type')?.startsWith('application/json')) return res.json();
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
/** calls sent and not answered yet, and who waits for there to be none (whenIdle) */
let pending = 0;
let idleWaiters: Array<() => void> = [];
function settleIdle() {
  // a macrotask later, so an answer's follow-up calls (the next page, a refresh) go first
  setTimeout(() => {
    if (pending > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }, 0);
}
export const api: KithClient = createClient(async (method, input) => {
  transport ??= bridgeTransport() ?? httpTransport();
  pending += 1;
  try {
    return await transport(method, input);
  } finally {
    pending -= 1;
    if (pending === 0) settleIdle();
  }
});

/**
 * Resolves once no API call is in flight, counting the calls the same render sends from effects
 * that run after the caller's. For what can wait, like the sidebar's badge: the main process
 * answers one call at a time, so a slow secondary call sent first holds up what the page shows.
 */
export function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (pending === 0) resolve();
      else idleWaiters.push(resolve);
    }, 0);
  });
}

// In a browser, one event stream per tab, shared by every listener: the web host gives a
// notification held while no page was connected to the first stream that connects, so every
// listener must be on that stream.
const webListeners = new Set<(event: BridgeEvent) => void>();
let webSource: EventSource | null = null;

function openWebSource(): EventSource {
  const source = new EventSource('/api/events');
  const forward = (type: 'committed' | 'notification') => (e: Event) => {
    const event = { type, ...JSON.parse((e as MessageEvent).data) } as BridgeEvent;
    for (const listener of webListeners) listener(event);
  };
  source.addEventListener('committed', forward('committed'));
  source.addEventListener('notification', forward('notification'));
  return source;
}

/** writes made anywhere (this window, another tab, the scheduler) and navigation requests */
export function subscribeToEvents(listener: (event: BridgeEvent) => void): () => void {
  if (window.kithEvents) return window.kithEvents.subscribe(listener);
  if (typeof EventSource === 'undefined') return () => {};
  webListeners.add(listener);
  webSource ??= openWebSource();
  return () => {
    webListeners.delete(listener);
    if (webListeners.size === 0) {
      webSource?.close();
      webSource = null;
    }
  };
}
