// How long work held the thread, in CPU time: on a loaded machine (CI runs two test files at once
// beside Chromium) wall time between two turns of the event loop includes the time the process
// waited for a core, which says nothing about how the code slices its work.

import { readFileSync } from 'node:fs';

/**
 * CPU milliseconds the calling thread has used so far: on Linux from /proc/thread-self/schedstat
 * (nanoseconds), so the back end's worker threads (checkpoints, the import's parser, exports) do
 * not count as the event loop's time; elsewhere the whole process's (process.cpuUsage).
 */
export function cpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  }
}

/** runs `work`, and measures the most CPU spent between two turns of the event loop meanwhile */
export async function longestCpuBetweenTurns<T>(work: () => Promise<T>): Promise<{ value: T; longestCpuMs: number }> {
  let longest = 0;
  let last = cpuMs();
  const timer = setInterval(() => {
    const c = cpuMs();
    longest = Math.max(longest, c - last);
    last = c;
  }, 1);
  try {
    const value = await work();
    return { value, longestCpuMs: Math.max(longest, cpuMs() - last) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * how long a sliced reader may hold the thread: a part of what the one pass holds it for, or 100 ms
 * when the one pass is itself that short (a ~20 ms slice plus the reader's own query and a GC cannot
 * be a third of a 60 ms pass: CI measured 64 ms). The tests that use it also check the order of
 * answers, which fails on unsliced code whatever the times.
 */
export function sliceBound(onePassCpuMs: number, part: number): number {
  return Math.max(onePassCpuMs / part, 100);
}
