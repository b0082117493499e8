// What the preload puts on `window`: one function per contract method, and one event subscription.
// Types only, so the renderer knows the bridge without importing Electron.
import type { MethodName } from './contract';
import type { ApiResult } from './errors';

export const IPC_CHANNEL = 'kith:api';
export const IPC_EVENT_CHANNEL = 'kith:event';

/** pushed from the main process: a write happened, a notification asks to open something, or
 *  (web host only) a reminder notification for the page to show with the browser's Notification API */
export type BridgeEvent =
  | { type: 'committed'; method: MethodName }
  | { type: 'navigate'; path: string }
  | { type: 'notification'; title: string; body: string; path: string };

export type KithBridge = { [M in MethodName]: (input: unknown) => Promise<ApiResult<unknown>> };

export interface KithEvents {
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

declare global {
  interface Window {
    kith?: KithBridge;
    kithEvents?: KithEvents;
  }
}
