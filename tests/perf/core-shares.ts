// Who had the machine's cores while a stall scenario ran (Linux, from /proc): the back end's own
// thread, the process's other threads at nice 0 (V8's platform workers, which collect garbage for
// every isolate, libuv's pool, helper threads of a worker such as tsx's loader), Kith's workers at
// their lower priority (db/background-thread.ts), threads that ended before the last sample, every
// other process, and the time the hypervisor gave the virtual CPUs to someone else (steal). A
// worst wait "for a core" is then read against what held the cores, not guessed at.
import { readdirSync, readFileSync } from 'node:fs';

export interface CoreShares {
  /** CPU seconds of each group over the scenario */
  backEnd: number;
  helpersAtNice0: number;
  workersAtLowerPriority: number;
  /** threads of this process that ended between two samples (their last stretch) */
  endedThreads: number;
  otherProcesses: number;
  steal: number;
}

/** clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux) */
export const HZ = 100;

/** the fields of a /proc/…/stat line after the command name (which may hold spaces and parentheses):
 *  [11] utime, [12] stime, [16] nice */
export function procStatFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

type ThreadSample = { ticks: number; nice: number };

function threads(): Map<number, ThreadSample> {
  const out = new Map<number, ThreadSample>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const f = procStatFields(`/proc/self/task/${tid}/stat`);
      out.set(Number(tid), { ticks: Number(f[11]) + Number(f[12]), nice: Number(f[16]) });
    } catch {
      // the thread ended while the list was read
    }
  }
  return out;
}

/** this process's CPU ticks, ended threads included */
function processTicks(): number {
  const f = procStatFields('/proc/self/stat');
  return Number(f[11]) + Number(f[12]);
}

/** the machine's busy (user + nice + system + irq + softirq) and steal ticks */
function machineTicks(): { busy: number; steal: number } {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return { busy: user! + nice! + system! + irq! + softirq!, steal: steal! };
}

/** starts sampling; `stop()` gives the shares since, or null off Linux */
export function recordCoreShares(sampleEveryMs = 250): { stop(): CoreShares | null } {
  let first: { threads: Map<number, ThreadSample>; process: number; machine: ReturnType<typeof machineTicks> };
  try {
    first = { threads: threads(), process: processTicks(), machine: machineTicks() };
  } catch {
    return { stop: () => null };
  }
  // each thread's latest sample: a worker that ends before the scenario does is still counted
  const last = new Map(first.threads);
  const sample = () => {
    for (const [tid, s] of threads()) last.set(tid, s);
  };
  const timer = setInterval(sample, sampleEveryMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const shares: CoreShares = { backEnd: 0, helpersAtNice0: 0, workersAtLowerPriority: 0, endedThreads: 0, otherProcesses: 0, steal: 0 };
      let seen = 0;
      for (const [tid, s] of last) {
        const ticks = s.ticks - (first.threads.get(tid)?.ticks ?? 0);
        seen += ticks;
        if (tid === process.pid) shares.backEnd += ticks;
        else if (s.nice > 0) shares.workersAtLowerPriority += ticks;
        else shares.helpersAtNice0 += ticks;
      }
      const ours = processTicks() - first.process;
      const machine = machineTicks();
      shares.endedThreads = Math.max(0, ours - seen);
      shares.otherProcesses = Math.max(0, machine.busy - first.machine.busy - ours);
      shares.steal = machine.steal - first.machine.steal;
      for (const k of Object.keys(shares) as (keyof CoreShares)[]) shares[k] /= HZ;
      return shares;
    },
  };
}
