// Electron's native dialogs for import, export and a damaged data file. Only the main process uses
// this; the back end asks for a path over its port (electron/backend/serve.ts).
import { dialog, type BrowserWindow } from 'electron';
import { normalize, sep } from 'node:path';
import type { DamageReport } from '../backend/messages';
import { ATTACHMENT_COPIES_DIR } from '../services/attachmentCopies';

/**
 * The native open and save dialogs. They only choose a path: the back end (its own process) reads
 * and writes the file, so a large file never passes through the main process.
 */
export function electronPathDialogs(window: () => BrowserWindow | null): { chooseOpenPath(request: { title: string; extensions: string[] }): Promise<string | null>; chooseSavePath(request: { title: string; defaultName: string }): Promise<string | null> } {
  return {
    async chooseOpenPath({ title, extensions }) {
      // no extensions: any file (an attachment)
      const filters = extensions.length ? [{ name: 'Contacts', extensions }, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }];
      const options = { title, properties: ['openFile' as const], filters };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath({ title, defaultName }) {
      const win = window();
      const options = { title, defaultPath: defaultName };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** a temporary copy of an attachment (electron/services/attachments.ts): the only files the main process opens for the back end */
export function isAttachmentCopy(path: string): boolean {
  const root = normalize(ATTACHMENT_COPIES_DIR + sep);
  return normalize(path).startsWith(root) && !path.includes('\0');
}

/** asks whether to restore the newest good backup in place of a damaged file; true = restore */
export async function askToRestoreDamagedFile(err: DamageReport): Promise<boolean> {
  const backup = err.newestGoodBackup;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Kith’s data file is damaged',
    message: 'Kith’s data file is damaged',
    detail: backup
      ? `${err.problem}\n\nThe newest good backup is from ${new Date(backup.takenAt).toLocaleString()} (${backup.contacts} contacts, ${backup.interactions} interactions). Restoring keeps the damaged file beside it.`
      : `${err.problem}\n\nNo good backup was found in the backups folder beside ${err.databasePath}.`,
    buttons: backup ? ['Restore this backup', 'Quit'] : ['Quit'],
    defaultId: 0,
    cancelId: backup ? 1 : 0,
  });
  return Boolean(backup) && response === 0;
}
