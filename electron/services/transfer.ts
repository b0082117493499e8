// Import, export and backups. The work is in electron/transfer/ (one file per concept); this file
// turns API calls into those steps.
import { sql } from 'kysely';
import { quickCheck } from '../transfer/integrity';
import { join } from 'node:path';
import { migrateToLatest } from '../../db/migrate';
import { ServiceError } from '../../shared/api/errors';
import { localDateOf } from '../../shared/domain/localDate';
import type { Contact } from '../../shared/domain/contact';
import type { ExportFormat, ExportResult } from '../../shared/api/methods/transfer';
import { loadContact } from './contacts';
import type { HandlerGroup, ServiceContext } from './context';
import { backupDetails, backupFolder, copyIntoLive, listBackups, resolveBackup, rotateBackups, takeBackup } from '../transfer/backups';
import { contactsToCsv } from '../transfer/csv-export';
import { buildIcs } from '../transfer/ics-export';
import { commitSession, getSession, openSession, previewOf, progressOf, reparseSession, requestCancel } from '../transfer/import-session';
import { buildJsonExport } from '../transfer/json-export';
import { contactToVCard } from '../transfer/vcard-write';

type TransferMethod =
  | 'transfer.importPreview'
  | 'transfer.importCommit'
  | 'transfer.importProgress'
  | 'transfer.importCancel'
  | 'transfer.export'
  | 'transfer.backupsList'
  | 'transfer.backupInspect'
  | 'transfer.backupNow'
  | 'transfer.backupRestore';

const IMPORT_EXTENSIONS = ['vcf', 'vcard', 'csv', 'json'];

export const transferHandlers: HandlerGroup<TransferMethod> = {
  async 'transfer.importPreview'(ctx, input) {
    if (input.sessionId && !input.source) {
      const session = getSession(input.sessionId);
      reparseSession(ctx, session, input.format, input.mapping);
      return previewOf(ctx, session);
    }
    const source = input.source!;
    let file: { name: string; bytes: Buffer } | null;
    if (source.kind === 'dialog') {
      if (!ctx.files) throw new ServiceError('invalid_input', 'This window cannot open files itself; upload the file instead', 'source');
      file = await ctx.files.openFile({ title: 'Import contacts', extensions: IMPORT_EXTENSIONS });
      if (!file) return null;
    } else {
      file = { name: source.fileName, bytes: Buffer.from(source.base64, 'base64') };
    }
    if (file.bytes.length === 0) throw new ServiceError('invalid_input', `${file.name} is empty`, 'source');
    const session = openSession(ctx, file.name, file.bytes, input.format, input.mapping);
    return previewOf(ctx, session);
  },

  async 'transfer.importCommit'(ctx, input) {
    return commitSession(ctx, getSession(input.sessionId), { defaultAction: input.defaultAction, actions: input.actions, forNew: input.forNew });
  },

  async 'transfer.importProgress'(_ctx, input) {
    return progressOf(input.sessionId);
  },

  async 'transfer.importCancel'(_ctx, input) {
    return { cancelled: requestCancel(input.sessionId) };
  },

  async 'transfer.export'(ctx, input) {
    const file = await buildExport(ctx, input.format, input.contactIds);
    if (input.destination === 'dialog') {
      if (!ctx.files) throw new ServiceError('invalid_input', 'This window cannot save files itself; download instead', 'destination');
      const savedTo = await ctx.files.saveFile({ title: 'Export', defaultName: file.fileName, content: file.content });
      return { ...file, content: null, savedTo, cancelled: savedTo === null };
    }
    return { ...file, savedTo: null, cancelled: false };
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
 * The raw connection is shared with Kysely: while an import's transaction is open (it yields between
 * records), a backup or a raw read would see its uncommitted rows. Those wait for it to finish.
 */
function assertIdle(ctx: ServiceContext) {
  if (ctx.sqlite.inTransaction) throw new ServiceError('conflict', 'An import is running; try again when it has finished');
}

async function buildExport(ctx: ServiceContext, format: ExportFormat, contactIds?: string[]): Promise<Omit<ExportResult, 'savedTo' | 'cancelled' | 'content'> & { content: string }> {
  const today = localDateOf(ctx.clock.now().getTime(), ctx.clock.timeZone());
  if (format === 'json') {
    assertIdle(ctx);
    const data = buildJsonExport(ctx.sqlite, ctx.clock.now());
    return { fileName: `kith-export-${today}.json`, mime: 'application/json', content: JSON.stringify(data, null, 1), count: data.tables.contacts?.length ?? 0 };
  }
  const contacts = await selectedContacts(ctx, contactIds);
  const circles = new Map((await ctx.db.selectFrom('circles').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  const circleName = (id: string | null) => (id ? (circles.get(id) ?? null) : null);
  if (format === 'vcard' || format === 'vcard3') {
    const version = format === 'vcard3' ? '3.0' : '4.0';
    const content = contacts.map((c) => contactToVCard(c, { circleName: circleName(c.circleId) }, version)).join('');
    return { fileName: `kith-contacts-${today}${format === 'vcard3' ? '-vcard3' : ''}.vcf`, mime: 'text/vcard', content, count: contacts.length };
  }
  if (format === 'csv') return { fileName: `kith-contacts-${today}.csv`, mime: 'text/csv', content: contactsToCsv(contacts, circleName), count: contacts.length };

  const ids = contacts.map((c) => c.id);
  let q = ctx.db
    .selectFrom('reminders as r')
    .leftJoin('contacts as c', 'c.id', 'r.contact_id')
    .select(['r.id', 'r.title', 'r.notes', 'r.due_date', 'r.due_time', 'r.recurrence_unit', 'r.recurrence_interval', 'c.display_name'])
    .where('r.status', '=', 'open')
    .where('r.source', 'not in', ['birthday', 'anniversary']); // those are the yearly events already
  if (contactIds) q = q.where(sql<boolean>`r.contact_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const reminders = await q.orderBy('r.due_date').execute();
  const content = buildIcs(
    contacts,
    reminders.map((r) => ({ id: r.id, title: r.title, notes: r.notes, contactName: r.display_name, dueDate: r.due_date, dueTime: r.due_time, recurrenceUnit: r.recurrence_unit, recurrenceInterval: r.recurrence_interval })),
    ctx.clock.now(),
  );
  return { fileName: `kith-calendar-${today}.ics`, mime: 'text/calendar', content, count: contacts.length + reminders.length };
}

async function selectedContacts(ctx: ServiceContext, contactIds?: string[]): Promise<Contact[]> {
  let q = ctx.db.selectFrom('contacts').select('id').orderBy('display_name').orderBy('id');
  // the ids travel as one JSON parameter: SQLite allows at most 32,766 parameters in a statement
  q = contactIds ? q.where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(contactIds)}))`) : q.where('archived_at', 'is', null);
  const rows = await q.execute();
  if (contactIds && rows.length !== new Set(contactIds).size) throw new ServiceError('not_found', 'Some of the chosen contacts do not exist', 'contactIds');
  const out: Contact[] = [];
  for (const r of rows) out.push(await loadContact(ctx, r.id));
  return out;
}
