// A sync pass in a child process (sync-child.ts) on the data file at `databasePath`, SIGKILLed as its
// `at`th request reaches the fault proxy (the server still carries that request out): what a kill
// of Kith at any point of a pass leaves behind.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultProxy } from './faultProxy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `killed` false: the pass finished before its `at`th request (`out` then has its result) */
export async function killedSync(databasePath: string, proxy: FaultProxy, at: number): Promise<{ killed: boolean; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'helpers', 'sync-child.ts'), databasePath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  proxy.onRequest((n) => n === at && child.kill('SIGKILL'));
  await new Promise((r) => child.on('close', r));
  proxy.onRequest(null);
  return { killed: child.signalCode === 'SIGKILL', out };
}
