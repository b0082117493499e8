// Test helpers: a real SQLite file in a fresh temp folder, with Kith's real back end over it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend, type KithBackend, type StartOptions } from '../../electron/kith';
import type { Clock } from '../../electron/services/context';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';

export function tempDir(prefix = 'kith-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** a clock the test moves by hand */
export function fixedClock(iso: string, timeZone = 'UTC'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    timeZone: () => timeZone,
    set: (next) => void (now = new Date(next).getTime()),
    advance: (ms) => void (now += ms),
  };
}

export interface TestBackend extends KithBackend {
  dir: string;
  /** the raw connection, for reading what the services wrote */
  sqlite: KithBackend['handle']['sqlite'];
  /** call a method through the dispatcher; throws ApiError on failure, like the renderer's client */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  dispose(): Promise<void>;
}

export async function startTestBackend(options: { clock?: Clock; host?: 'electron' | 'web'; dashboardWait?: StartOptions['dashboardWait'] } = {}): Promise<TestBackend> {
  const { dir, cleanup } = tempDir();
  const backend = await startBackend({ databasePath: join(dir, 'kith.sqlite'), host: options.host ?? 'electron', clock: options.clock, dashboardWait: options.dashboardWait });
  return {
    ...backend,
    dir,
    sqlite: backend.handle.sqlite,
    async call(method, input) {
      const result = await backend.dispatch(method, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as never;
    },
    async dispose() {
      await backend.close();
      cleanup();
    },
  };
}
