// Moving files between the user's disk and Kith. In Electron the main process shows native dialogs;
// in a browser the page reads an uploaded file and offers a download.
import { api } from './api';
import type { ExportJob } from '../../../shared/api/methods/transfer';

let hostPromise: Promise<'electron' | 'web'> | null = null;

/** where the API is served from, asked once */
export function appHost(): Promise<'electron' | 'web'> {
  hostPromise ??= api.call('app.info', {}).then(
    (info) => info.host,
    () => 'web' as const,
  );
  return hostPromise;
}

/** a file's bytes as base64, for the API (a vCard 2.1 file may not be UTF-8) */
export async function readAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** hands a finished export job to the user: the web host streams it from its file as a download */
export function downloadExportJob(job: ExportJob): void {
  const link = document.createElement('a');
  link.href = `/api/exports/${encodeURIComponent(job.jobId)}`;
  link.download = job.fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** "12.3 MB": how much of an export is written */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
