// Kith's worker threads (an export, reading an import file, the integrity check, a WAL checkpoint)
// run work nobody waits on frame by frame, while the back end's own thread answers every call. On
// two cores, three busy threads took turns: a trivial call waited for a core while an export, an
// import and the dashboard ran (stall bench on large: worst 154 ms, of which 38 ms was its thread's
// CPU). Each worker lowers its own priority, so the back end's thread gets a core when it wants one.
//
// On Linux a nice value belongs to a thread, and setpriority(PRIO_PROCESS, 0) changes the calling
// thread only (NPTL; man 2 setpriority). Elsewhere it would lower the whole process, window and
// all, so nothing is changed there.
import { setPriority } from 'node:os';

/** the nice value of a background thread: 10 gives it ~1/10 of a core another thread wants */
export const BACKGROUND_NICE = 10;

/** lowers the calling thread's priority (Linux; a no-op elsewhere or where the OS refuses) */
export function lowerThisThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // a container without the syscall: the thread keeps its priority and works as before
  }
}

/** the same, as source, for the workers started from a code string (`new Worker(code, { eval: true })`) */
export const LOWER_THIS_THREADS_PRIORITY_JS = `if (process.platform === 'linux') { try { require('node:os').setPriority(0, ${BACKGROUND_NICE}); } catch {} }`;
