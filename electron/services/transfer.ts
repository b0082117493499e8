// Import, export and backups. The work is in electron/transfer/ (one file per concept); this file
// turns API calls into those steps.
import { sql } from 'kysely';
import { quickCheck } from '../transfer/integrity';
import { basename, join } from 'node:path';
import { migrateToLatest } from '../../db/migrate';
import { ServiceError } from '../../shared/api/errors';
import { localDateOf } from '../../shared/domain/localDate';
import type { ExportFormat } from '../../shared/api/methods/transfer';
import type { HandlerGroup, ServiceContext } from './context';
import { backupDetails, backupFolder, copyIntoLive, listBackups, resolveBackup, rotateBackups, takeBackup } from '../transfer/backups';
import { readFile } from 'node:fs/promises';
import { exportFileName, writeExport } from '../transfer/export-file';
import { cancelExportJob, downloadableExport, exportFinished, exportJob, startExportJob } from '../transfer/export-jobs';
import { commitSession, fileHead, getSession, openSession, previewOf, progressOf, reparseSession, requestCancel, type ImportFile } from '../transfer/import-session';
import { settleHealth } from './health';

type TransferMethod =
  | 'transfer.importPreview'
  | 'transfer.importCommit'
  | 'transfer.importProgress'
  | 'transfer.importCancel'
  | 'transfer.export'
  | 'transfer.exportStart'
  | 'transfer.exportProgress'
  | 'transfer.exportCancel'
  | 'transfer.backupsList'
  | 'transfer.backupInspect'
  | 'transfer.backupNow'
  | 'transfer.backupRestore';

const IMPORT_EXTENSIONS = ['vcf', 'vcard', 'csv', 'json'];
export const transferHandlers: HandlerGroup<TransferMethod> = {
  async 'transfer.importPreview'(ctx, input) {
    if (input.sessionId && !input.source) {
      const session = getSession(input.sessionId);
      await reparseSession(ctx, session, input.format, input.mapping);
      return previewOf(ctx, session);
    }
    const source = input.source!;
    let file: ImportFile | null;
    if (source.kind === 'dialog') {
      if (!ctx.files) throw new ServiceError('invalid_input', 'This window cannot open files itself; upload the file instead', 'source');
      if (ctx.files.openPath) {
        // Electron: the back end reads the chosen file itself, so a JSON export of any size is read as a stream
        const path = await ctx.files.openPath({ title: 'Import contacts', extensions: IMPORT_EXTENSIONS });
        if (!path) return null;
        file = { name: basename(path), path, ...(await fileHead(path)) };
      } else {
        file = await ctx.files.openFile({ title: 'Import contacts', extensions: IMPORT_EXTENSIONS });
        if (!file) return null;
      }
    } else {
      file = { name: source.fileName, bytes: Buffer.from(source.base64, 'base64') };
    }
    if (('size' in file ? file.size : file.bytes.length) === 0) throw new ServiceError('invalid_input', `${file.name} is empty`, 'source');
    const session = await openSession(ctx, file, input.format, input.mapping);
    return previewOf(ctx, session);
  },

  async 'transfer.importCommit'(ctx, input) {
    const summary = await commitSession(ctx, getSession(input.sessionId), { defaultAction: input.defaultAction, nameOnlyAction: input.nameOnlyAction, actions: input.actions, forNew: input.forNew, mergeInto: input.mergeInto, restoreAs: input.restoreAs });
    // every new contact's health, in slices in the background: the next dashboard need not compute them all at once
    // (not after a restore into a new data file: this file is left byte-identical, and the new one settles its own)
    if (summary.added + summary.merged > 0 && summary.restoredInto?.mode !== 'newFile') void settleHealth(ctx).catch((err) => console.error('[kith] health after the import:', err));
    return summary;
  },

  async 'transfer.importProgress'(_ctx, input) {
    return progressOf(input.sessionId);
  },

  async 'transfer.importCancel'(_ctx, input) {
    return { cancelled: requestCancel(input.sessionId) };
  },

  async 'transfer.export'(ctx, input) {
    // the one-call export, for small files and scripts: written by the same code as the worker's
    const { fileName, mime } = exportFileName(input.format, localDateOf(ctx.clock.now().getTime(), ctx.clock.timeZone()));
    if (input.destination === 'dialog') {
      if (!ctx.files) throw new ServiceError('invalid_input', 'This window cannot save files itself; download instead', 'destination');
    }
    const { content, count } = await exportContent(ctx, input.format, input.contactIds, { fileName, mime });
    if (input.destination === 'dialog') {
      const savedTo = await ctx.files!.saveFile({ title: 'Export', defaultName: fileName, content });
      return { fileName, mime, count, content: null, savedTo, cancelled: savedTo === null };
    }
    return { fileName, mime, count, content, savedTo: null, cancelled: false };
  },

  async 'transfer.exportStart'(ctx, input) {
    const file = exportFileName(input.format, localDateOf(ctx.clock.now().getTime(), ctx.clock.timeZone()));
    let savePath: string | null = null;
    if (input.destination === 'dialog') {
      if (!ctx.files?.choosePath) throw new ServiceError('invalid_input', 'This window cannot save files itself; download instead', 'destination');
      savePath = await ctx.files.choosePath({ title: 'Export', defaultName: file.fileName });
      if (!savePath) return null;
    }
    // chosen contacts that do not exist are refused now, not half way through the file
    if (input.contactIds) await assertContactsExist(ctx, input.contactIds);
    return startExportJob(ctx, { format: input.format, contactIds: input.contactIds }, { ...file, savePath });
  },

  async 'transfer.exportProgress'(_ctx, input) {
    return exportJob(input.jobId);
  },

  async 'transfer.exportCancel'(_ctx, input) {
    return { cancelled: cancelExportJob(input.jobId) };
  },

  async 'transfer.backupsList'(ctx) {
    const folder = backupFolder(ctx.databasePath);
    return { folder, backups: listBackups(folder) };
  },

  async 'transfer.backupInspect'(ctx, input) {
    const folder = backupFolder(ctx.databasePath);
    return backupDetails(folder, resolveBackup(folder, input.fileName));
  },

  async 'transfer.backupNow'(ctx) {
    assertIdle(ctx);
    const info = await takeBackup(ctx.sqlite, ctx.databasePath, 'manual', ctx.clock.now());
    rotateBackups(backupFolder(ctx.databasePath), ctx.clock.timeZone());
    return info;
  },

  async 'transfer.backupRestore'(ctx, input) {
    const folder = backupFolder(ctx.databasePath);
    const details = backupDetails(folder, resolveBackup(folder, input.fileName));
    if (!details.ok) throw new ServiceError('invalid_input', `That backup is damaged (${details.problem}); choose another`, 'fileName');
    assertIdle(ctx);
    const safetyBackup = await takeBackup(ctx.sqlite, ctx.databasePath, 'before-restore', ctx.clock.now());
    await copyIntoLive(join(folder, details.fileName), ctx.databasePath);
    // an older backup comes back at its own schema version: bring it up to this version of Kith
    await migrateToLatest({ sqlite: ctx.sqlite, db: ctx.db, path: ctx.databasePath, close: async () => {} }, { now: ctx.clock.now() });
    // a damaged file replaced by a good backup (Settings → Backups) is damaged no more
    if (ctx.status.damage && !quickCheck(ctx.sqlite)) ctx.status.damage = null;
    return { restored: details, safetyBackup };
  },
};

/**
 * A backup or a restore waits for a running import: the import writes on a connection of its own
 * (electron/services/write-gate.ts), and a backup taken meanwhile would start over with every page
 * it changes; a restore would replace the file under it.
 */
function assertIdle(ctx: ServiceContext) {
  if (ctx.sqlite.inTransaction || ctx.writes?.busy) throw new ServiceError('conflict', 'An import is running; try again when it has finished');
}

/** up to this many contacts, the one-call export is written here (a few ms); beyond, by the worker */
const IN_PROCESS_CONTACTS = 1000;

/**
 * The one-call export's text. A small file is written on this thread (a worker's start-up would
 * cost more than the export); a large one, or any while an import holds the write gate, by the
 * export worker on its own connection, then read back.
 */
async function exportContent(ctx: ServiceContext, format: ExportFormat, contactIds: string[] | undefined, file: { fileName: string; mime: string }): Promise<{ content: string; count: number }> {
  if (contactIds) await assertContactsExist(ctx, contactIds);
  const contacts = contactIds?.length ?? Number(ctx.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get());
  if (contacts <= IN_PROCESS_CONTACTS && !ctx.writes?.busy && !ctx.sqlite.inTransaction) {
    const parts: string[] = [];
    const count = await writeExport(ctx, { format, contactIds }, { write: (text) => void parts.push(text), progress() {}, stop: () => false });
    return { content: parts.join(''), count };
  }
  const job = await exportFinished(startExportJob(ctx, { format, contactIds }, { ...file, savePath: null }).jobId);
  if (job.state !== 'done') throw new Error(job.error ?? 'The export was stopped');
  return { content: await readFile(downloadableExport(job.jobId)!.path, 'utf8'), count: job.count };
}

async function assertContactsExist(ctx: ServiceContext, contactIds: string[]): Promise<void> {
  // the ids travel as one JSON parameter: SQLite allows at most 32,766 parameters in a statement
  const found = await ctx.db.selectFrom('contacts').select(ctx.db.fn.countAll<number>().as('n')).where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(contactIds)}))`).executeTakeFirstOrThrow();
  if (Number(found.n) !== new Set(contactIds).size) throw new ServiceError('not_found', 'Some of the chosen contacts do not exist', 'contactIds');
}
