// Temporary copies of attachments, opened with the system's app (Electron). The back end writes
// them; the main process opens only files under this folder (adapters/fileDialogs.ts).
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeFileName } from '../../shared/domain/attachments';

export const ATTACHMENT_COPIES_DIR = join(tmpdir(), 'kith-attachments');
/** a copy is kept a day (the app that opened it may still read it), removed at a later open */
const COPY_KEPT_MS = 24 * 60 * 60 * 1000;

/** a private copy under the temp folder, under the file's own name, so the system's app shows it */
export async function writeOpenCopy(name: string, bytes: Buffer, now: number): Promise<string> {
  await mkdir(ATTACHMENT_COPIES_DIR, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(ATTACHMENT_COPIES_DIR).catch(() => [])) {
    const path = join(ATTACHMENT_COPIES_DIR, entry);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < now - COPY_KEPT_MS) await rm(path, { recursive: true, force: true });
  }
  const dir = join(ATTACHMENT_COPIES_DIR, randomUUID());
  await mkdir(dir, { mode: 0o700 });
  const path = join(dir, safeFileName(name));
  await writeFile(path, bytes, { mode: 0o600 });
  return path;
}

