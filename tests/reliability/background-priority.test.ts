// The back end's worker threads run below the back end's own thread (db/background-thread.ts): on
// two cores an export, an import's reading and the dashboard at once otherwise kept a trivial call
// waiting for a core. Linux only: elsewhere the nice value is the whole process's and is left alone.
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, LOWER_THIS_THREADS_PRIORITY_JS } from '../../db/background-thread';
import { spawnWorker } from '../../electron/transfer/spawn-worker';

/** each thread of this process with its nice value, from /proc */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      nices.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended while it was read
    }
  }
  return nices;
}

const onLinux = process.platform === 'linux';
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

describe.runIf(onLinux)('background threads yield the CPU to the back end', () => {
  it('a parse worker runs at the background nice value while the back end keeps its own', async () => {
    const before = threadNices();
    const worker = spawnWorker('parse-worker', null);
    workers.push(worker);
    // its modules load first (under tsx, a second or two); the priority is set as it starts listening
    let lowered: number[] = [];
    for (let i = 0; i < 200 && lowered.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      lowered = [...threadNices()].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE).map(([tid]) => tid);
    }
    expect(lowered).toHaveLength(1);
    expect(threadNices().get(process.pid)).toBe(before.get(process.pid));
    expect(getPriority(0)).toBe(before.get(process.pid));
  }, 20_000);

  it('the workers started from source text (integrity check, WAL checkpoint) lower their own thread only', async () => {
    const mainBefore = getPriority(0);
    const worker = new Worker(`${LOWER_THIS_THREADS_PRIORITY_JS}\nrequire('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0));`, { eval: true });
    workers.push(worker);
    const inWorker = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    expect(inWorker).toBe(BACKGROUND_NICE);
    expect(getPriority(0)).toBe(mainBefore);
  });
});
