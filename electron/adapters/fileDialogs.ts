// Electron's native dialogs for import, export and a damaged data file. Only the main process uses
// this; services see the FileDialogs interface.
import { dialog, type BrowserWindow } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileDialogs } from '../services/context';
import type { DatabaseDamagedError } from '../transfer/integrity';

export function electronFileDialogs(window: () => BrowserWindow | null): FileDialogs {
  return {
    async openFile({ title, extensions }) {
      const options = { title, properties: ['openFile' as const], filters: [{ name: 'Contacts', extensions }, { name: 'All files', extensions: ['*'] }] };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      return { name: basename(path), bytes: await readFile(path) };
    },
    async saveFile({ title, defaultName, content }) {
      const win = window();
      const options = { title, defaultPath: defaultName };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await writeFile(result.filePath, content, 'utf8');
      return result.filePath;
    },
    async choosePath({ title, defaultName }) {
      const win = window();
      const options = { title, defaultPath: defaultName };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** asks whether to restore the newest good backup in place of a damaged file; true = restore */
export async function askToRestoreDamagedFile(err: DatabaseDamagedError): Promise<boolean> {
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
