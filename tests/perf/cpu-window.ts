// Where the back end's thread spent a given stretch of time: V8's sampling profiler (node:inspector)
// runs beside a measurement, and the samples inside one window (the worst stall) are summed by the
// innermost frame of Kith's own code, with the function that was on top of the stack beside it.
// `stall.ts --profile` uses it to say what blocked the worst call.
import { Session } from 'node:inspector/promises';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
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
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      // each sample's time in performance.now() terms: the profile's clock starts when it started
      const at: number[] = [];
      let t = 0;
      for (const d of profile.timeDeltas) at.push(startedAt + (t += d) / 1000);
      return (fromMs, toMs, top = 8) => {
        const sums = new Map<string, number>();
        let total = 0;
        profile.samples.forEach((id, i) => {
          if (at[i]! < fromMs || at[i]! > toMs) return;
          const dt = ((profile.timeDeltas[i + 1] ?? 0) / 1000);
          const leaf = byId.get(id)!;
          if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') return;
          let ours: ProfileNode | undefined = leaf;
          while (ours && !OUR_CODE.test(ours.callFrame.url)) ours = byId.get(parent.get(ours.id) ?? -1);
          const key = `${ours ? where(ours.callFrame) : '(outside Kith)'}  ← top: ${where(leaf.callFrame)}`;
          sums.set(key, (sums.get(key) ?? 0) + dt);
          total += dt;
        });
        return [`${total.toFixed(1)} ms of samples in ${(toMs - fromMs).toFixed(1)} ms`, ...[...sums].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`)];
      };
    },
  };
}
