// The main process's end of the back end's port: calls go out with an id and their answers come
// back to the caller; everything else the back end says goes to `onMessage`.
import type { ApiResult } from '../../shared/api/errors';
import type { FromBackend, ToBackend } from './messages';

/** what utilityProcess.fork returns, as far as Kith uses it */
export interface BackendChild {
  postMessage(message: ToBackend): void;
  on(event: 'message', listener: (message: FromBackend) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export interface BackendClient {
  dispatch(method: unknown, input: unknown): Promise<ApiResult<unknown>>;
  send(message: ToBackend): void;
}

export function backendClient(child: BackendChild, onMessage: (message: FromBackend) => void, onExit: (code: number) => void): BackendClient {
  let nextId = 1;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  child.on('message', (message) => {
    if (message.type !== 'result') return onMessage(message);
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  child.on('exit', (code) => {
    // no answer will come: every waiting call is told so, none hangs
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message: 'Kith’s back end stopped; restart Kith' } });
    pending.clear();
    onExit(code);
  });
  return {
    dispatch(method, input) {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        child.postMessage({ type: 'call', id, method: String(method), input });
      });
    },
    send: (message) => child.postMessage(message),
  };
}
