// Moving files between the user's disk and Kith. In Electron the main process shows native dialogs;
// in a browser the page reads an uploaded file and offers a download.
import { api } from './api';
import type { ExportResult } from '../../../shared/api/methods/transfer';

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

/** hands an export to the user: a download in the browser (Electron saved it already) */
export function deliverExport(result: ExportResult): void {
  if (result.content === null) return;
  const blob = new Blob([result.content], { type: `${result.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
