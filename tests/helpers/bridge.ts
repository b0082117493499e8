// Puts a real back end behind `window.kith`, as the preload does in Electron: renderer tests then
// run the real UI against a real SQLite file.
import { methodNames } from '../../shared/api/contract';
import type { KithBridge } from '../../shared/api/bridge';
import type { TestBackend } from './backend';

export function installBridge(backend: TestBackend): void {
  // JSON round trip: what crosses IPC is data, never live objects
  const bridge = Object.fromEntries(
    methodNames.map((m) => [m, async (input: unknown) => JSON.parse(JSON.stringify(await backend.dispatch(m, JSON.parse(JSON.stringify(input ?? {})))))]),
  ) as KithBridge;
  window.kith = bridge;
}
