// Running exports: each in a worker thread of its own (electron/transfer/export-worker.ts), so a
// 30-second JSON export of a large file never holds the app's connection or its event loop.
// The back end keeps the job's state for progress polls; a download waits in a temporary folder
// until the web host hands it to the browser.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn-worker';
import { ServiceError } from '../../shared/api/errors';
import type { ExportJob } from '../../shared/api/methods/transfer';
import type { ServiceContext } from '../services/context';
import type { ExportSpec } from './export-file';
import type { ExportWorkerData, ExportWorkerMessage } from './export-worker';

interface Job {
  info: ExportJob;
  databasePath: string;
  worker: Worker | null;
  cancel: Int32Array;
  /** set for downloads: the finished file waiting in the temporary folder */
  downloadPath: string | null;
  finished: Promise<ExportJob>;
}

const jobs = new Map<string, Job>();
/** finished jobs kept for a late progress poll or download; older ones (and their files) go */
const KEEP_FINISHED = 8;

/** where downloads wait for the browser to fetch them */
export function exportDownloadFolder(): string {
  return join(tmpdir(), 'kith-exports');
}

/**
 * Starts an export in its worker. `savePath` is where the file goes (a native dialog's choice);
 * without one it is written to the download folder for the web host.
 */
export function startExportJob(ctx: ServiceContext, spec: ExportSpec, file: { fileName: string; mime: string; savePath: string | null }): ExportJob {
  const jobId = randomUUID();
  let target = file.savePath;
  if (!target) {
    mkdirSync(exportDownloadFolder(), { recursive: true });
    target = join(exportDownloadFolder(), `${jobId}-${file.fileName}`);
  }
  const cancel = new SharedArrayBuffer(4);
  const info: ExportJob = { jobId, state: 'running', format: spec.format, fileName: file.fileName, mime: file.mime, processed: 0, total: 0, bytes: 0, count: 0, savedTo: null, error: null };
  const data: ExportWorkerData = { databasePath: ctx.databasePath, nativeBinding: ctx.nativeBinding, spec, now: ctx.clock.now().getTime(), timeZone: ctx.clock.timeZone(), target, jobId, cancel };
  const worker = spawnWorker('export-worker', data);
  const job: Job = { info, databasePath: ctx.databasePath, worker, cancel: new Int32Array(cancel), downloadPath: null, finished: null! };
  job.finished = new Promise<ExportJob>((resolve) => {
    const settle = (message: ExportWorkerMessage) => {
      if (info.state !== 'running') return;
      if (message.type === 'progress') {
        Object.assign(info, { processed: message.processed, total: message.total, bytes: message.bytes });
        return;
      }
      if (message.type === 'done') {
        Object.assign(info, { state: 'done', count: message.count, bytes: message.bytes, processed: info.total, savedTo: file.savePath });
        if (!file.savePath) job.downloadPath = target;
      } else if (message.type === 'cancelled') info.state = 'cancelled';
      else Object.assign(info, { state: 'failed', error: message.message });
      job.worker = null;
      void worker.terminate();
      resolve(info);
    };
    worker.on('message', settle);
    worker.once('error', (err) => settle({ type: 'failed', message: err.message }));
    worker.once('exit', (code) => settle(code === 0 || Atomics.load(job.cancel, 0) === 1 ? { type: 'cancelled' } : { type: 'failed', message: `The export stopped (exit code ${code})` }));
  });
  jobs.set(jobId, job);
  forgetOldJobs();
  return { ...info };
}

export function exportJob(jobId: string): ExportJob {
  return { ...jobOf(jobId).info };
}

/** resolves when the export has finished, one way or another */
export function exportFinished(jobId: string): Promise<ExportJob> {
  return jobOf(jobId).finished.then((info) => ({ ...info }));
}

/** asks a running export to stop; its worker removes what it wrote */
export function cancelExportJob(jobId: string): boolean {
  const job = jobOf(jobId);
  if (job.info.state !== 'running') return false;
  Atomics.store(job.cancel, 0, 1);
  return true;
}

/** a finished download for the web host, or null (unknown, running, cancelled or saved elsewhere) */
export function downloadableExport(jobId: string): { path: string; fileName: string; mime: string } | null {
  const job = jobs.get(jobId);
  if (!job?.downloadPath || job.info.state !== 'done' || !existsSync(job.downloadPath)) return null;
  return { path: job.downloadPath, fileName: job.info.fileName, mime: job.info.mime };
}

/** the back end closes: running exports of this file stop and their downloads are removed */
export function stopExportJobs(databasePath: string): void {
  for (const [id, job] of jobs) {
    if (job.databasePath !== databasePath) continue;
    Atomics.store(job.cancel, 0, 1);
    void job.worker?.terminate();
    forget(id);
  }
}

function jobOf(jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job) throw new ServiceError('not_found', 'No export with that id (it may have finished long ago)', 'jobId');
  return job;
}

function forget(id: string) {
  const job = jobs.get(id);
  if (job?.downloadPath) rmSync(job.downloadPath, { force: true });
  jobs.delete(id);
}

function forgetOldJobs() {
  const finished = [...jobs.entries()].filter(([, j]) => j.info.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) forget(id);
}
