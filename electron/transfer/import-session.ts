// An import in two steps: preview (read the file, find duplicates, write nothing) and commit (one
// transaction for the whole file). The session between them lives in memory; progress is read by
// polling while the commit runs, and a cancel rolls the transaction back.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../../db/prepared';
import { openDatabase } from '../../db/connection';
import { ServiceError } from '../../shared/api/errors';
import { contactFields } from '../../shared/api/methods/contacts';
import type { CsvTarget, DuplicateAction, ImportFormat, ImportPreview, ImportProgress, ImportSummary } from '../../shared/api/methods/transfer';
import { insertContactPrepared, type ContactFields, type TagIds } from '../services/contacts';
import type { ServiceContext } from '../services/context';
import { csvToRecords, readCsv, suggestMapping, decodeText, type CsvTable } from './csv-formats';
import { buildDuplicateIndex, describeCandidate, findDuplicate } from './duplicates';
import { readJsonExport, restoreJsonExport, type JsonExport } from './json-export';
import { dataTables } from '../../db/derived';
import { insertDates, insertPhoto, mergeIntoContact } from './merge';
import type { ImportProblem, ImportRecord, ParsedFile } from './record';
import { parseVCardFile } from './vcard-parse';

interface Session {
  id: string;
  fileName: string;
  bytes: Buffer;
  format: ImportFormat;
  csv: CsvTable | null;
  mapping: CsvTarget[] | null;
  parsed: ParsedFile;
  json: JsonExport | null;
  progress: ImportProgress;
  cancelRequested: boolean;
  createdAt: number;
}

const sessions = new Map<string, Session>();
const MAX_SESSIONS = 8;
/** the longest the import works before it yields to the event loop (other calls, progress, cancel) */
const SLICE_MS = 20;

/** resolves on the next turn of the event loop once `SLICE_MS` have passed since the last yield */
function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

class ImportCancelled extends Error {}

export function openSession(ctx: ServiceContext, fileName: string, bytes: Buffer, format?: ImportFormat, mapping?: CsvTarget[]): Session {
  const detected = format ?? detectFileFormat(fileName, bytes);
  const session: Session = {
    id: randomUUID(),
    fileName,
    bytes,
    format: detected,
    csv: null,
    mapping: null,
    parsed: { records: [], failed: [], warnings: [] },
    json: null,
    progress: { state: 'ready', processed: 0, total: 0 },
    cancelRequested: false,
    createdAt: ctx.clock.now().getTime(),
  };
  parseSession(ctx, session, mapping);
  sessions.set(session.id, session);
  while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  return session;
}

export function getSession(id: string): Session {
  const s = sessions.get(id);
  if (!s) throw new ServiceError('not_found', 'That import is no longer open; choose the file again', 'sessionId');
  return s;
}

export function reparseSession(ctx: ServiceContext, session: Session, format?: ImportFormat, mapping?: CsvTarget[]): void {
  if (session.progress.state === 'running') throw new ServiceError('conflict', 'This import is running');
  if (format) session.format = format;
  parseSession(ctx, session, mapping);
}

function detectFileFormat(fileName: string, bytes: Buffer): ImportFormat {
  const head = bytes.subarray(0, 4096).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
  if (/^BEGIN:VCARD/i.test(head) || /\.vcf$|\.vcard$/i.test(fileName)) return 'vcard';
  if (head.startsWith('{') || /\.json$/i.test(fileName)) return 'json';
  return 'generic'; // refined from the header below
}

function parseSession(ctx: ServiceContext, session: Session, mapping?: CsvTarget[]): void {
  session.json = null;
  session.csv = null;
  if (session.format === 'vcard') {
    session.parsed = parseVCardFile(session.bytes);
  } else if (session.format === 'json') {
    session.json = readJsonExport(decodeText(session.bytes), ctx.sqlite);
    session.parsed = { records: [], failed: [], warnings: [] };
  } else {
    const table = readCsv(session.bytes);
    if (!table.headers.length) throw new ServiceError('invalid_input', 'The file has no rows', 'source');
    session.csv = table;
    session.format = table.format;
    if (mapping && mapping.length !== table.headers.length) throw new ServiceError('invalid_input', `The mapping has ${mapping.length} columns; the file has ${table.headers.length}`, 'mapping');
    session.mapping = table.format === 'generic' ? (mapping ?? session.mapping ?? suggestMapping(table.headers)) : null;
    session.parsed = csvToRecords(table, session.mapping ?? undefined);
  }
  validateRecords(session.parsed);
}

/** holds every record to the rules of the contact form; an invalid method is left out, anything else fails the record */
function validateRecords(parsed: ParsedFile): void {
  const valid: ImportRecord[] = [];
  for (const record of parsed.records) {
    const { circleName: _c, ...fields } = record.fields;
    let result = contactFields.safeParse(fields);
    while (!result.success) {
      const issue = result.error.issues[0]!;
      const [first, index] = issue.path;
      if (first === 'methods' && typeof index === 'number' && fields.methods) {
        const m = fields.methods[index]!;
        parsed.warnings.push({ record: record.number, line: record.line, reason: `${m.kind} "${m.value.slice(0, 60)}" left out: ${issue.message}` });
        fields.methods = fields.methods.filter((_, i) => i !== index);
        result = contactFields.safeParse(fields);
        continue;
      }
      if (first === 'tags' && typeof index === 'number' && fields.tags) {
        parsed.warnings.push({ record: record.number, line: record.line, reason: `tag left out: ${issue.message}` });
        fields.tags = fields.tags.filter((_, i) => i !== index);
        result = contactFields.safeParse(fields);
        continue;
      }
      break;
    }
    if (!result.success) {
      const issue = result.error.issues[0]!;
      parsed.failed.push({ record: record.number, line: record.line, reason: `${issue.path.join('.') || 'record'}: ${issue.message}` });
      continue;
    }
    record.fields = { ...result.data, circleName: record.fields.circleName ?? null };
    valid.push(record);
  }
  parsed.records = valid;
  parsed.failed.sort((a, b) => a.record - b.record);
  parsed.warnings.sort((a, b) => a.record - b.record);
}

export async function previewOf(ctx: ServiceContext, session: Session): Promise<ImportPreview> {
  const { records, failed, warnings } = session.parsed;
  const index = await buildDuplicateIndex(ctx.db);
  const duplicates = records.flatMap((r) => {
    const match = findDuplicate(index, r);
    return match ? [describeCandidate(r, match)] : [];
  });
  const json = session.json;
  return {
    sessionId: session.id,
    fileName: session.fileName,
    format: session.format,
    total: json ? (json.tables.contacts?.length ?? 0) : records.length,
    newCount: records.length - duplicates.length,
    duplicates,
    failed,
    warnings,
    sample: records.slice(0, 5).map((r) => ({ record: r.number, displayName: r.fields.displayName, detail: sampleDetail(r) })),
    csv: session.csv && session.format === 'generic' ? { headers: session.csv.headers, rows: session.csv.rows.slice(0, 5).map((r) => r.cells), mapping: session.mapping ?? [] } : null,
    json: json ? { contacts: json.tables.contacts?.length ?? 0, interactions: json.tables.interactions?.length ?? 0, reminders: json.tables.reminders?.length ?? 0, exportedAt: json.exportedAt ?? null } : null,
  };
}

function sampleDetail(r: ImportRecord): string {
  const f = r.fields;
  const first = (kind: string) => f.methods?.find((m) => m.kind === kind)?.value;
  return [f.company, first('email'), first('phone')].filter(Boolean).join(' · ');
}

export function progressOf(id: string): ImportProgress {
  return { ...getSession(id).progress };
}

export function requestCancel(id: string): boolean {
  const s = getSession(id);
  if (s.progress.state !== 'running') return false;
  s.cancelRequested = true;
  return true;
}

export async function commitSession(
  ctx: ServiceContext,
  session: Session,
  decide: { defaultAction: DuplicateAction; actions: Record<string, DuplicateAction> },
): Promise<ImportSummary> {
  if (session.progress.state === 'running') throw new ServiceError('conflict', 'This import is already running');
  if (session.progress.state === 'done') throw new ServiceError('conflict', 'This file has already been imported; choose it again to import it once more');
  const now = ctx.clock.now().getTime();
  const records = session.parsed.records;
  session.cancelRequested = false;
  session.progress = { state: 'running', processed: 0, total: session.json ? 1 : records.length };
  const failed: ImportProblem[] = [...session.parsed.failed];
  const summary: ImportSummary = { added: 0, merged: 0, skipped: 0, failed, warnings: [...session.parsed.warnings], restored: null };

  // the transaction runs on a connection of its own, holding the write gate: the app's connection
  // keeps answering reads meanwhile (they see the last commit, never half an import)
  const writer = ctx.databasePath === ':memory:' ? null : openDatabase(ctx.databasePath, { nativeBinding: ctx.nativeBinding });
  const db = writer?.db ?? ctx.db;
  const sqlite = writer?.sqlite ?? ctx.sqlite;
  const pause = slicer();
  const hold = <T>(work: () => Promise<T>) => (ctx.writes ? ctx.writes.hold(work) : work());
  try {
    await hold(() => db.transaction().execute(async (trx) => {
      if (session.json) {
        summary.restored = await restoreJsonExport(trx, session.json, dataTables(sqlite), now, async () => {
          await pause();
          if (session.cancelRequested) throw new ImportCancelled();
        });
        summary.added = summary.restored.contacts ?? 0;
        return;
      }
      // which contact a record duplicates matters only when some record may be merged or skipped
      const keepsAll = decide.defaultAction === 'keepBoth' && Object.values(decide.actions).every((a) => a === 'keepBoth');
      const index = keepsAll ? null : await buildDuplicateIndex(trx);
      // the records are written with prepared statements on the raw connection, inside this transaction
      // (a query built per row cost more than the writes themselves)
      const savepoint = prepared(sqlite, 'SAVEPOINT import_record');
      const release = prepared(sqlite, 'RELEASE import_record');
      const rollback = prepared(sqlite, 'ROLLBACK TO import_record');
      const tags: TagIds = new Map();
      const idTaken = prepared(sqlite, 'SELECT 1 FROM contacts WHERE id = ?');
      const circles = new Map((await trx.selectFrom('circles').select(['id', 'name']).execute()).map((c) => [c.name.toLowerCase(), c.id]));
      for (let i = 0; i < records.length; i++) {
        session.progress.processed = i;
        await pause();
        if (session.cancelRequested) throw new ImportCancelled();
        const record = records[i]!;
        const { circleName, ...rest } = record.fields;
        const fields = { ...(rest as ContactFields), circleId: rest.circleId ?? (circleName ? (circles.get(circleName.toLowerCase()) ?? null) : null) };
        const match = index && findDuplicate(index, record);
        const action = match ? (decide.actions[String(record.number)] ?? decide.defaultAction) : 'keepBoth';
        if (action === 'skip') {
          summary.skipped++;
          continue;
        }
        // one savepoint per record: a record that fails leaves nothing behind and the others go on
        savepoint.run();
        try {
          if (match && action === 'merge') {
            mergeIntoContact(sqlite, match.contact.id, { fields, dates: record.dates, photo: record.photo }, now, tags);
            summary.merged++;
          } else {
            // a file's own id (vCard UID) is kept when it is free, so exports come back as the same contacts
            const id = record.uid && !idTaken.get(record.uid) ? record.uid : undefined;
            addRecord(sqlite, record, fields, now, id, tags);
            summary.added++;
          }
          release.run();
        } catch (err) {
          rollback.run();
          release.run();
          tags.clear(); // a tag this record made is gone with it
          failed.push({ record: record.number, line: record.line, reason: `could not be saved: ${(err as Error).message}` });
        }
      }
      session.progress.processed = records.length;
      // a cancel that came during the last slice still wins: "cancelled" always means nothing was saved
      if (session.cancelRequested) throw new ImportCancelled();
    }));
    // committed: from here on a cancel is refused (no event-loop turn between the commit and this)
    session.progress.state = 'done';
  } catch (err) {
    if (err instanceof ImportCancelled) {
      session.progress.state = 'cancelled';
      throw new ServiceError('conflict', 'Import cancelled: nothing from this file was saved');
    }
    session.progress.state = 'failed';
    throw err;
  } finally {
    await writer?.close();
  }
  failed.sort((a, b) => a.record - b.record);
  session.progress = { state: 'done', processed: session.progress.total, total: session.progress.total };
  // a done import is never committed again (a new preview of it reads the file anew): let its records go
  session.parsed = { records: [], failed: [], warnings: [] };
  session.json = null;
  return summary;
}

function addRecord(sqlite: Database.Database, record: ImportRecord, fields: ContactFields, now: number, id: string | undefined, tags: TagIds): string {
  const contactId = insertContactPrepared(sqlite, fields, now, id, tags);
  insertDates(sqlite, contactId, record.dates);
  if (record.photo) insertPhoto(sqlite, contactId, record.photo, now);
  return contactId;
}
