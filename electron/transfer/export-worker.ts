// The export worker thread: opens the data file read-only (WAL lets it read beside the app's own
// connection) and writes one export to a temporary file next to the destination, renamed into
// place when complete. A cancel or a failure removes the temporary file: no partial export is left.
import { renameSync, rmSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { lowerThisThreadsPriority } from '../../db/background-thread';
import { ExportStopped, fileSink, writeExport, type ExportSpec } from './export-file';

export interface ExportWorkerData {
  databasePath: string;
  nativeBinding?: string;
  spec: ExportSpec;
  /** epoch ms and IANA zone of "now", passed in: the worker reads no clock */
  now: number;
  timeZone: string;
  /** the finished file; written as `${target}.partial-${jobId}` until complete */
  target: string;
  jobId: string;
  /** Int32Array over a SharedArrayBuffer: [0] set to 1 asks the worker to stop */
  cancel: SharedArrayBuffer;
}

export type ExportWorkerMessage =
  | { type: 'progress'; processed: number; total: number; bytes: number }
  | { type: 'done'; count: number; bytes: number }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

async function run(data: ExportWorkerData): Promise<ExportWorkerMessage> {
  const cancel = new Int32Array(data.cancel);
  const partial = `${data.target}.partial-${data.jobId}`;
  const handle = openDatabase(data.databasePath, { readonly: true, nativeBinding: data.nativeBinding });
  // one pass over every row: no memory map and a small page cache, so the export's memory stays
  // small (the app's own connection keeps its larger ones)
  handle.sqlite.pragma('mmap_size = 0');
  handle.sqlite.pragma('cache_size = -8192');
  let sink: ReturnType<typeof fileSink> | null = null;
  try {
    sink = fileSink(partial, {
      // told every couple of thousand rows: a few hundred messages for the largest export
      progress(processed, total, bytes) {
        parentPort!.postMessage({ type: 'progress', processed, total, bytes } satisfies ExportWorkerMessage);
      },
      stop: () => Atomics.load(cancel, 0) === 1,
    });
    const now = new Date(data.now);
    const ctx = { db: handle.db, sqlite: handle.sqlite, clock: { now: () => now, timeZone: () => data.timeZone }, databasePath: data.databasePath, host: 'web' as const };
    const count = await writeExport(ctx, data.spec, sink);
    sink.close();
    sink = null;
    if (Atomics.load(cancel, 0) === 1) throw new ExportStopped();
    renameSync(partial, data.target);
    return { type: 'done', count, bytes: statSync(data.target).size };
  } catch (err) {
    try {
      sink?.close();
    } catch {
      // the file is removed below either way
    }
    rmSync(partial, { force: true });
    if (err instanceof ExportStopped) return { type: 'cancelled' };
    return { type: 'failed', message: (err as Error)?.message ?? String(err) };
  } finally {
    await handle.close();
  }
}

if (parentPort && workerData) {
  lowerThisThreadsPriority();
  void run(workerData as ExportWorkerData).then((message) => parentPort!.postMessage(message));
}
