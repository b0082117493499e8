// V8's sampling profiles, read one way: the Node back end's (node:inspector, `stall.ts --profile`)
// and the page's (CDP, js-profile.ts) have the same shape. recordCpu runs the profiler beside a
// measurement and sums the samples inside one window (the worst stall) by the innermost frame of
// Kith's own code, with the function that was on top of the stack beside it.
import { Session } from 'node:inspector/promises';

export type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  /** µs since the previous sample */
  timeDeltas: number[];
}

/** the profile's nodes by id, and each node's parent */
export function profileTree(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { byId, parent };
}

/** V8's pseudo-frames for an idle thread and for work outside JavaScript */
export const isIdle = (n: ProfileNode) => n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)';

/** samples summed (ms) by a key of their top frame; keyOf returns null to leave a sample out */
export function sumSamples(profile: Profile, keyOf: (leaf: ProfileNode, index: number) => string | null): Map<string, number> {
  const { byId } = profileTree(profile);
  const sums = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = keyOf(byId.get(id)!, i);
    if (key === null) return;
    // a sample stands for the time until the next one
    sums.set(key, (sums.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return sums;
}

export interface CpuRecording {
  /** stops the profiler; the samples between `fromMs` and `toMs` (performance.now()), summed */
  stop(): Promise<(fromMs: number, toMs: number, top?: number) => string[]>;
}

const OUR_CODE = /\/(electron|db|shared)\//;
const where = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(electron|db|shared)\//, '$1/')}:${f.lineNumber + 1}`;

export async function recordCpu(): Promise<CpuRecording> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  const startedAt = performance.now();
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      session.disconnect();
      const { byId, parent } = profileTree(profile);
      // each sample's time in performance.now() terms: the profile's clock starts when it started
      const at: number[] = [];
      let t = 0;
      for (const d of profile.timeDeltas) at.push(startedAt + (t += d) / 1000);
      return (fromMs, toMs, top = 8) => {
        const sums = sumSamples(profile, (leaf, i) => {
          // '(program)' is kept: on the back end's thread it is native work outside JavaScript (a
          // worker's message being deserialised, SQLite called from a callback), often the stall itself
          if (at[i]! < fromMs || at[i]! > toMs || leaf.callFrame.functionName === '(idle)') return null;
          let ours: ProfileNode | undefined = leaf;
          while (ours && !OUR_CODE.test(ours.callFrame.url)) ours = byId.get(parent.get(ours.id) ?? -1);
          return `${ours ? where(ours.callFrame) : '(outside Kith)'}  ← top: ${where(leaf.callFrame)}`;
        });
        const total = [...sums.values()].reduce((s, ms) => s + ms, 0);
        return [`${total.toFixed(1)} ms of samples in ${(toMs - fromMs).toFixed(1)} ms`, ...[...sums].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`)];
      };
    },
  };
}
