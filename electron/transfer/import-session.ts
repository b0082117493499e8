// An import in two steps: preview (read the file, find duplicates, write nothing) and commit (one
// transaction for the whole file). The session between them lives in memory; progress is read by
// polling while the commit runs, and a cancel rolls the transaction back.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../../db/prepared';
import { openDatabase, type DatabaseHandle } from '../../db/connection';
import { ServiceError } from '../../shared/api/errors';
import { LEFT_OUT_SHOWN, type DuplicateCandidate, type CsvTarget, type DuplicateAction, type ImportFormat, type ImportPreview, type ImportProgress, type ImportSummary } from '../../shared/api/methods/transfer';
import { insertContactPrepared, type BulkContacts, type ContactFields, type TagIds } from '../services/contacts';
import { orderedIds } from '../services/orderedIds';
import type { ServiceContext } from '../services/context';
import type { CsvTable } from './csv-formats';
import { buildDuplicateIndex, buildDuplicateIndexInSlices, describeCandidate, findDuplicates, indexRecord, knowCompared, type DuplicateIndex, type DuplicateMatch, type IndexedPerson } from './duplicates';
import { importActionFor } from '../../shared/domain/duplicates';
import { phoneRegion, renormalizePhones } from '../services/phones';
import { hasUserData, readJsonExport, restoreJsonExport, type JsonExport } from './json-export';
import { mergeJsonExport, mergeableTables, pickKinds, planJsonMerge } from './json-merge';
import { restoreIntoNewFile } from './restore-new-file';
import { takeBackup } from './backups';
import { dataTables } from '../../db/derived';
import { insertDates, insertPhoto, insertRemembered, mergeIntoContact } from './merge';
import { emptyRemembered } from './vcard-remember';
import type { ImportedRemembered, ImportProblem, ImportRecord, LeftOut, ParsedFile } from './record';
import { decodeFile, detectEncoding } from './text-encoding';
import { isDirected, storedRelationship } from '../../shared/domain/relationship';
import type { CardRole } from './vcard-related';
import { roleLookupSync, roleRefForNames } from '../services/relationshipRoles';
import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js';
import type { DB } from '../../db/schema';
import { readContactsFile } from './parse-off-thread';
import type { ComparedValues } from './compared-values';
import { open as openFile, readFile, stat } from 'node:fs/promises';
import { MAX_IMPORT_FILE_MB } from '../../shared/api/limits';

/** vCard and CSV files are read whole, up to the size an upload may have (shared/api/limits.ts) */
async function readWholeFile(path: string): Promise<Buffer> {
  const { size } = await stat(path);
  if (size > MAX_IMPORT_FILE_MB * 1024 * 1024) throw new ServiceError('invalid_input', `This file is ${Math.round(size / 1024 / 1024)} MB; vCard and CSV files can be imported up to ${MAX_IMPORT_FILE_MB} MB (a Kith JSON export has no such limit)`, 'source');
  return readFile(path);
}

/** the first bytes of a file on disk (its kind is told by them) and its size */
export async function fileHead(path: string): Promise<{ head: Buffer; size: number }> {
  const handle = await openFile(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 8192));
    await handle.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await handle.close();
  }
}
import { fitRecordPhotos } from '../services/photoFit';
import { nextTurn } from '../services/turns';
import { SLICE_MS } from '../../db/slices';

/** what a Kith export holds, and when this Kith has data, what a merge would add */
async function jsonPreview(ctx: ServiceContext, json: JsonExport, pause: () => Promise<void>): Promise<NonNullable<ImportPreview['json']>> {
  const tables = dataTables(ctx.sqlite);
  const hasData = hasUserData(ctx.sqlite, tables);
  const count = (t: string) => json.counts[t] ?? 0;
  return {
    contacts: count('contacts'),
    interactions: count('interactions'),
    reminders: count('reminders'),
    exportedAt: json.exportedAt ?? null,
    hasData,
    merge: hasData ? pickKinds((await planJsonMerge(ctx.sqlite, json, mergeableTables(tables), pause)).counts) : null,
  };
}

interface Session {
  id: string;
  fileName: string;
  /** the file's bytes; for a file chosen on disk (Electron), only its first bytes until a format needs all of them */
  bytes: Buffer;
  /** a file chosen on disk: a JSON export is read from it as a stream, never whole */
  path: string | null;
  format: ImportFormat;
  csv: CsvTable | null;
  mapping: CsvTarget[] | null;
  parsed: ParsedFile;
  json: JsonExport | null;
  progress: ImportProgress;
  /** the records' emails and phones in the compared form, as the preview read them (in this region), for the commit */
  normalized: { region: CountryCode; values: Map<string, string> } | null;
  /** the duplicate index of the contacts here, built while the file is read (previewOf takes it) */
  indexing: Promise<DuplicateIndex> | null;
  /** the records' compared forms, from the file's reader (compared-values.ts) */
  compared: ComparedValues | null;
  cancelRequested: boolean;
  createdAt: number;
}

const sessions = new Map<string, Session>();
const MAX_SESSIONS = 8;
/** the import connection's page cache (KiB): what COMMIT may have left to write at the end */
const IMPORT_CACHE_KB = 2048;

/** resolves on the next turn of the event loop once `SLICE_MS` have passed since the last yield */
function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await nextTurn();
    since = performance.now();
  };
}

class ImportCancelled extends Error {}

/** the imports' own connection per app connection, kept open: closing it folded the whole WAL back
 *  into the file on the spot (SQLite checkpoints when its last writer closes), ~200 ms unbroken */
const importConnections = new WeakMap<Database.Database, DatabaseHandle>();

function importConnection(ctx: ServiceContext): DatabaseHandle {
  let writer = importConnections.get(ctx.sqlite);
  if (!writer) {
    writer = openDatabase(ctx.databasePath, { nativeBinding: ctx.nativeBinding });
    // a small page cache: changed pages spill into the WAL as the slices go, so COMMIT writes at
    // most this much in one go (with the app's 64 MB cache it wrote the whole import at once: seconds)
    writer.sqlite.pragma(`cache_size = -${IMPORT_CACHE_KB}`);
    // its COMMIT never checkpoints here (an fsync of the whole import's WAL): the app's
    // checkpointWhenIdle does that in a worker thread
    writer.sqlite.pragma('wal_autocheckpoint = 0');
    importConnections.set(ctx.sqlite, writer);
  }
  return writer;
}

/** closes the imports' connection of this app connection (when the back end closes) */
export async function closeImportConnection(sqlite: Database.Database): Promise<void> {
  const writer = importConnections.get(sqlite);
  importConnections.delete(sqlite);
  await writer?.close();
}

/** a file to import: its bytes (an upload), or its path on disk with its first bytes and size */
export type ImportFile = { name: string; bytes: Buffer } | { name: string; path: string; head: Buffer; size: number };

export async function openSession(ctx: ServiceContext, file: ImportFile, format?: ImportFormat, mapping?: CsvTarget[]): Promise<Session> {
  const fileName = file.name;
  const bytes = 'path' in file ? file.head : file.bytes;
  refuseNonContactFile(fileName, bytes);
  const detected = format ?? detectFileFormat(fileName, bytes);
  const session: Session = {
    id: randomUUID(),
    fileName,
    bytes,
    path: 'path' in file ? file.path : null,
    format: detected,
    csv: null,
    mapping: null,
    parsed: { records: [], failed: [], warnings: [], leftOut: [] },
    json: null,
    progress: { state: 'ready', processed: 0, total: 0 },
    normalized: null,
    indexing: null,
    compared: null,
    cancelRequested: false,
    createdAt: ctx.clock.now().getTime(),
  };
  await parseSession(ctx, session, mapping);
  sessions.set(session.id, session);
  while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  return session;
}

export function getSession(id: string): Session {
  const s = sessions.get(id);
  if (!s) throw new ServiceError('not_found', 'That import is no longer open; choose the file again', 'sessionId');
  return s;
}

export async function reparseSession(ctx: ServiceContext, session: Session, format?: ImportFormat, mapping?: CsvTarget[]): Promise<void> {
  if (session.progress.state === 'running') throw new ServiceError('conflict', 'This import is running');
  if (format) session.format = format;
  await parseSession(ctx, session, mapping);
}

function detectFileFormat(fileName: string, bytes: Buffer): ImportFormat {
  const head = decodeFile(bytes.subarray(0, 4096)).text.trimStart();
  if (/^BEGIN:VCARD/i.test(head) || /\.vcf$|\.vcard$/i.test(fileName)) return 'vcard';
  if (head.startsWith('{') || /\.json$/i.test(fileName)) return 'json';
  return 'generic'; // refined from the header below
}

/** reads the file into records: a large one in a worker thread (parse-off-thread.ts); a JSON
 *  export here, since reading it checks it against this file */
async function parseSession(ctx: ServiceContext, session: Session, mapping?: CsvTarget[]): Promise<void> {
  session.json = null;
  session.csv = null;
  session.compared = null;
  if (session.format === 'json') {
    // read as a stream (json-stream.ts): checked row by row now, written row by row at commit
    session.json = await readJsonExport(session.path ? { kind: 'path', path: session.path } : { kind: 'bytes', bytes: session.bytes }, ctx.sqlite, slicer());
    session.parsed = { records: [], failed: [], warnings: [], leftOut: [] };
    return;
  }
  // a vCard or CSV file is read whole: from disk now, if only its first bytes were read
  if (session.path) {
    session.bytes = await readWholeFile(session.path);
    session.path = null;
  }
  // the contacts here are indexed on this thread while the worker reads the file: neither needs the other
  const region = phoneRegion(ctx.sqlite);
  session.indexing = buildDuplicateIndexInSlices(ctx.sqlite, region, slicer());
  session.indexing.catch(() => undefined); // a failure is the preview's, which awaits it
  const read = await readContactsFile({ bytes: session.bytes, format: session.format, mapping, previousMapping: session.mapping, region });
  session.compared = read.compared ?? null;
  session.format = read.format;
  session.csv = read.csv;
  session.mapping = read.mapping;
  session.parsed = read.parsed;
  await fitRecordPhotos(session.parsed);
}

/** the kinds of file people pick by mistake, by their first bytes, and what to say about them */
const NOT_CONTACTS: [RegExp, string][] = [
  [/^%PDF/, 'a PDF document'],
  [/^PK\x03\x04/, 'a ZIP archive (an .xlsx or .numbers workbook is one too: save it as CSV first)'],
  [/^\x89PNG|^\xFF\xD8\xFF|^GIF8|^RIFF....WEBP/s, 'a picture'],
  [/^SQLite format 3/, 'a database file (to bring back a Kith backup, use Settings → Backups)'],
  [/^\xD0\xCF\x11\xE0/, 'an Office document (save it as CSV first)'],
  [/^\x1F\x8B/, 'a compressed (gzip) file'],
  [/^BEGIN:VCALENDAR/i, 'a calendar file, not an address book'],
  [/^\s*<(!doctype html|html)/i, 'a web page'],
];

/** a binary file, or a text that is plainly no address book, is refused with what it seems to be */
function refuseNonContactFile(fileName: string, bytes: Buffer): void {
  const head = bytes.subarray(0, 512).toString('latin1');
  for (const [magic, what] of NOT_CONTACTS) {
    if (magic.test(head)) throw new ServiceError('invalid_input', `${fileName} is ${what}. Kith imports contacts from vCard (.vcf), CSV and Kith JSON exports.`, 'source');
  }
  const sample = bytes.subarray(0, 8192);
  if (detectEncoding(sample).encoding.startsWith('utf-16')) return; // its every other byte is zero by nature
  // control bytes (other than tab, line breaks and the escape of ISO-2022-JP) do not occur in a text file
  let control = 0;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++;
  // a stray NUL in a short card is text to clean (shared/domain/text.ts), not a binary file
  if (control > 8 && control / sample.length > 0.01) {
    throw new ServiceError('invalid_input', `${fileName} is not a text file (it holds binary data). Kith imports contacts from vCard (.vcf), CSV and Kith JSON exports.`, 'source');
  }
}

export async function previewOf(ctx: ServiceContext, session: Session): Promise<ImportPreview> {
  const { records, failed, warnings } = session.parsed;
  // pure work over every record: in slices, so other calls are answered between them
  const breathe = slicer();
  const index = await (session.indexing ?? buildDuplicateIndexInSlices(ctx.sqlite, phoneRegion(ctx.sqlite), breathe));
  session.indexing = null; // it now holds this preview's records too
  knowCompared(index, session.compared);
  session.compared = null;
  session.normalized = { region: index.region, values: index.normalized };
  const duplicates: DuplicateCandidate[] = [];
  for (const r of records) {
    const candidate = describeCandidate(r, findDuplicates(index, r));
    // the records after it may repeat this one
    indexRecord(index, r, { id: `record:${r.number}`, displayName: r.fields.displayName, emails: [], phones: [], record: r.number });
    if (candidate) duplicates.push(candidate);
    await breathe();
  }
  const json = session.json;
  return {
    sessionId: session.id,
    fileName: session.fileName,
    format: session.format,
    total: json ? (json.counts.contacts ?? 0) : records.length,
    newCount: records.length - duplicates.length,
    duplicates,
    failed,
    warnings,
    sample: records.slice(0, 5).map((r) => ({ record: r.number, displayName: r.fields.displayName, detail: sampleDetail(r) })),
    csv: session.csv && session.format === 'generic' ? { headers: session.csv.headers, rows: session.csv.rows.slice(0, 5).map((r) => r.cells), mapping: session.mapping ?? [] } : null,
    json: json ? await jsonPreview(ctx, json, breathe) : null,
    leftOut: session.parsed.leftOut.slice(0, LEFT_OUT_SHOWN),
    leftOutCount: session.parsed.leftOut.length,
    leftOutFields: countByField(session.parsed.leftOut),
  };
}

function countByField(items: LeftOut[]): { field: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.field, (counts.get(item.field) ?? 0) + 1);
  return [...counts.entries()].map(([field, count]) => ({ field, count })).sort((a, b) => b.count - a.count || a.field.localeCompare(b.field));
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
  decide: { defaultAction: DuplicateAction; nameOnlyAction?: DuplicateAction; actions: Record<string, DuplicateAction>; forNew?: ForNew; mergeInto?: Record<string, string>; restoreAs?: 'merge' | 'newFile' },
): Promise<ImportSummary> {
  if (session.progress.state === 'running') throw new ServiceError('conflict', 'This import is already running');
  if (session.progress.state === 'done') throw new ServiceError('conflict', 'This file has already been imported; choose it again to import it once more');
  const now = ctx.clock.now().getTime();
  const records = session.parsed.records;
  session.cancelRequested = false;
  session.progress = { state: 'running', processed: 0, total: session.json ? 1 : records.length };
  const failed: ImportProblem[] = [...session.parsed.failed];
  const summary: ImportSummary = { added: 0, merged: 0, skipped: 0, failed, warnings: [...session.parsed.warnings], restored: null };
  // a Kith export into a Kith with data: merged (after an automatic backup) or into a new file (restore-new-file.ts)
  const merging = Boolean(session.json) && hasUserData(ctx.sqlite, dataTables(ctx.sqlite));
  if (merging && !decide.restoreAs) {
    session.progress = { state: 'ready', processed: 0, total: 1 };
    throw new ServiceError('conflict', 'This Kith already has data: choose to merge the export into it, or to restore it into a new data file.', 'restoreAs');
  }
  if (merging && decide.restoreAs === 'newFile') {
    try {
      const restored = await restoreIntoNewFile(ctx, session.json!, session.fileName);
      session.progress = { state: 'done', processed: 1, total: 1 };
      return { ...summary, added: restored.counts.contacts ?? 0, restored: restored.counts, restoredInto: { mode: 'newFile', merged: null, backup: null, file: restored.path } };
    } catch (err) {
      session.progress = { state: 'failed', processed: 0, total: 1 };
      throw err;
    }
  }
  const backup = merging && ctx.databasePath !== ':memory:' ? await takeBackup(ctx.sqlite, ctx.databasePath, 'before-restore', ctx.clock.now()) : null;

  // the transaction runs on a connection of its own, holding the write gate: the app's connection
  // keeps answering reads meanwhile (they see the last commit, never half an import)
  const writer = ctx.databasePath === ':memory:' ? null : importConnection(ctx);
  const db = writer?.db ?? ctx.db;
  const sqlite = writer?.sqlite ?? ctx.sqlite;
  const pause = slicer();
  const hold = <T>(work: () => Promise<T>) => (ctx.writes ? ctx.writes.hold(work) : work());
  try {
    await hold(() => db.transaction().execute(async (trx) => {
      if (session.json && merging) {
        const merged = await mergeJsonExport(trx, sqlite, session.json, mergeableTables(dataTables(sqlite)), now, async () => {
          await pause();
          if (session.cancelRequested) throw new ImportCancelled();
        });
        renormalizePhones(sqlite);
        summary.restored = Object.fromEntries(Object.entries(merged).map(([t, c]) => [t, c.added]));
        summary.added = merged.contacts?.added ?? 0;
        summary.merged = merged.contacts?.present ?? 0;
        summary.restoredInto = { mode: 'merge', merged: pickKinds(merged), backup: backup?.fileName ?? null, file: null };
        return;
      }
      if (session.json) {
        summary.restored = await restoreJsonExport(trx, session.json, dataTables(sqlite), now, async () => {
          await pause();
          if (session.cancelRequested) throw new ImportCancelled();
        });
        // numbers from another file: their E.164 forms in this file's region
        renormalizePhones(sqlite);
        summary.added = summary.restored.contacts ?? 0;
        return;
      }
      // which contact a record duplicates matters only when some record may be merged or skipped
      const keepsAll = decide.defaultAction === 'keepBoth' && (decide.nameOnlyAction ?? 'keepBoth') === 'keepBoth' && Object.values(decide.actions).every((a) => a === 'keepBoth');
      const region = phoneRegion(sqlite);
      // the new rows' ids in the order they are written, so each index grows at one end (orderedIds.ts);
      // the numbers the preview already read are not read again
      const bulk: BulkContacts = { newId: orderedIds(now), region, normalized: session.normalized?.region === region ? session.normalized.values : new Map() };
      const index = keepsAll ? null : buildDuplicateIndex(sqlite, region);
      if (index) index.normalized = bulk.normalized;
      // the records are written with prepared statements on the raw connection, inside this transaction
      // (a query built per row cost more than the writes themselves)
      const savepoint = prepared(sqlite, 'SAVEPOINT import_record');
      const release = prepared(sqlite, 'RELEASE import_record');
      const rollback = prepared(sqlite, 'ROLLBACK TO import_record');
      const tags: TagIds = new Map();
      const idTaken = prepared(sqlite, 'SELECT 1 FROM contacts WHERE id = ?');
      const circleRows = await trx.selectFrom('circles').select(['id', 'name']).execute();
      const circles = new Map(circleRows.map((c) => [c.name.toLowerCase(), c.id]));
      const forNew = decide.forNew ?? {};
      if (forNew.circleId && !circleRows.some((c) => c.id === forNew.circleId)) throw new ServiceError('invalid_input', 'That circle no longer exists; choose another', 'forNew.circleId');
      const relations = await planRelations(trx, records);
      /** the contact each record became (added, merged into, or the one it duplicates when skipped) */
      const contactOf = new Map<number, string>();
      for (let i = 0; i < records.length; i++) {
        session.progress.processed = i;
        await pause();
        if (session.cancelRequested) throw new ImportCancelled();
        const record = records[i]!;
        const { circleName, ...rest } = record.fields;
        const fields = { ...(rest as ContactFields), circleId: rest.circleId ?? (circleName ? (circles.get(circleName.toLowerCase()) ?? null) : null) };
        const found = index ? findDuplicates(index, record) : [];
        const matches = distinctContacts(found);
        const action = matches.length ? importActionFor(found.map((m) => m.matchedBy), decide.actions[String(record.number)], decide.defaultAction, decide.nameOnlyAction ?? 'keepBoth') : 'keepBoth';
        const target = action === 'merge' ? mergeTarget(matches, decide.mergeInto?.[String(record.number)]) : null;
        if (action === 'merge' && !target) {
          summary.warnings.push({
            record: record.number,
            line: record.line,
            reason: `matches ${matches.map((m) => m.displayName).join(' and ')}; added as a new contact rather than merged into one of them (merge it from Contacts → Duplicates)`,
          });
        }
        if (action === 'skip') {
          summary.skipped++;
          // a skipped record's relations point at the one contact it matched, when there is one
          if (matches.length === 1) contactOf.set(record.number, matches[0]!.id);
          continue;
        }
        const unlinked = relations.facts.get(record.number);
        const remembered = unlinked ? { ...(record.remembered ?? emptyRemembered()), facts: [...(record.remembered?.facts ?? []), ...unlinked] } : record.remembered;
        // one savepoint per record: a record that fails leaves nothing behind and the others go on
        savepoint.run();
        try {
          let contactId: string;
          if (target) {
            mergeIntoContact(sqlite, target.id, { fields, dates: record.dates, photo: record.photo, remembered }, now, tags);
            contactId = target.id;
            contactOf.set(record.number, target.id);
            summary.merged++;
          } else {
            // a file's own id (vCard UID) is kept when it is free, so exports come back as the same contacts
            const id = record.uid && !idTaken.get(record.uid) ? record.uid : bulk.newId();
            const extra = {
              ...(forNew.circleId ? { circleId: forNew.circleId } : {}),
              ...(forNew.cadenceDays ? { cadenceDays: forNew.cadenceDays } : {}),
              ...(forNew.tags?.length ? { tags: withTags(fields.tags ?? [], forNew.tags) } : {}),
            };
            contactId = addRecord(sqlite, { ...record, remembered }, { ...fields, ...extra }, now, id, tags, bulk);
            contactOf.set(record.number, contactId);
            summary.added++;
          }
          release.run();
          // a later record of this file that is the same person finds the contact this one became
          if (index) indexRecord(index, record, index.byId.get(contactId) ?? { id: contactId, displayName: fields.displayName, emails: [], phones: [], record: null });
        } catch (err) {
          rollback.run();
          release.run();
          tags.clear(); // a tag this record made is gone with it
          failed.push({ record: record.number, line: record.line, reason: `could not be saved: ${(err as Error).message}` });
        }
      }
      session.progress.processed = records.length;
      linkRelations(sqlite, relations.links, contactOf, now);
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
  }
  failed.sort((a, b) => a.record - b.record);
  session.progress = { state: 'done', processed: session.progress.total, total: session.progress.total };
  // a done import is never committed again (a new preview of it reads the file anew): let its records go
  session.parsed = { records: [], failed: [], warnings: [], leftOut: [] };
  session.normalized = null;
  session.json = null;
  return summary;
}

/** the contacts matched, each once (at commit every match is a contact) */
function distinctContacts(matches: DuplicateMatch[]): IndexedPerson[] {
  return [...new Set(matches.map((m) => m.person))];
}

/** the one contact a merged record goes into: the user's choice among the matches, else the only match; null when that is not clear */
function mergeTarget<P extends { id: string }>(matches: P[], chosen: string | undefined): P | null {
  if (chosen) return matches.find((m) => m.id === chosen) ?? null;
  return matches.length === 1 ? matches[0]! : null;
}

/** the record's tags and the dialog's, each once whatever its case (the record's spelling first) */
function withTags(own: string[], added: string[]): string[] {
  const seen = new Set(own.map((t) => t.toLocaleLowerCase()));
  return [...own, ...added.filter((t) => !seen.has(t.toLocaleLowerCase()) && seen.add(t.toLocaleLowerCase()))];
}

export interface ForNew {
  circleId?: string | null;
  tags?: string[];
  cadenceDays?: number | null;
}

interface PlannedLink {
  record: number;
  /** an existing contact, or a record of this file */
  target: { contactId: string } | { record: number };
  role: CardRole;
}

/**
 * Who each record's related people are: a person already in Kith or in this file (by UID, else by a
 * name that is one person's) becomes a relationship; anyone else, or a relation Kith has no word for,
 * a personal fact ("Spouse: Monika Schäfer"), as a user would note someone not in Kith.
 */
async function planRelations(trx: Kysely<DB>, records: ImportRecord[]): Promise<{ links: PlannedLink[]; facts: Map<number, ImportedRemembered['facts']> }> {
  const links: PlannedLink[] = [];
  const facts = new Map<number, ImportedRemembered['facts']>();
  if (!records.some((r) => r.related?.length)) return { links, facts };
  const byName = new Map<string, { contactId: string } | { record: number } | 'several'>();
  const add = (name: string, target: { contactId: string } | { record: number }) => {
    const key = name.trim().toLocaleLowerCase();
    if (!key) return;
    const had = byName.get(key);
    byName.set(key, had && JSON.stringify(had) !== JSON.stringify(target) ? 'several' : target);
  };
  const existingIds = new Set<string>();
  for (const c of await trx.selectFrom('contacts').select(['id', 'display_name']).where('archived_at', 'is', null).execute()) {
    add(c.display_name, { contactId: c.id });
    existingIds.add(c.id);
  }
  const byUid = new Map<string, number>();
  for (const r of records) {
    add(r.fields.displayName, { record: r.number });
    if (r.uid) byUid.set(r.uid.toLowerCase(), r.number);
  }
  for (const r of records) {
    for (const rel of r.related ?? []) {
      let target: { contactId: string } | { record: number } | 'several' | undefined;
      // by UID: a card of this file, else a contact here of that id (a Kith export of some people links to others)
      if (rel.uid) target = byUid.has(rel.uid.toLowerCase()) ? { record: byUid.get(rel.uid.toLowerCase())! } : existingIds.has(rel.uid) ? { contactId: rel.uid } : undefined;
      else target = byName.get(rel.name.trim().toLocaleLowerCase());
      const self = target && target !== 'several' && 'record' in target && target.record === r.number;
      // a word Kith has no role for ("Kin", "Godparent") between two people it has: the user's role of that word
      const role: CardRole | null = rel.role ?? rel.custom ?? (rel.label && !/^related$/i.test(rel.label) ? { name: rel.label, inverse: null } : null);
      if (role && target && target !== 'several' && !self) links.push({ record: r.number, target, role });
      else {
        const value = (rel.name || rel.uid || '').trim().slice(0, 2000);
        if (!value) continue;
        const list = facts.get(r.number) ?? [];
        // the limits of a fact (shared/api/methods/facts.ts): a file's label or name is cut to fit
        list.push({ label: rel.label.trim().slice(0, 100) || 'Related', type: 'text', value });
        facts.set(r.number, list);
      }
    }
  }
  return { links, facts };
}

/** writes the planned relationships between the contacts the records became; a link already there (either way round) is not written twice */
function linkRelations(sqlite: Database.Database, links: PlannedLink[], contactOf: Map<number, string>, now: number): void {
  if (!links.length) return;
  const exists = prepared(sqlite, `SELECT 1 FROM relationships WHERE kind = ? AND coalesce(role_id, '') = ? AND ((from_contact_id = ? AND to_contact_id = ?) OR (? = 0 AND from_contact_id = ? AND to_contact_id = ?))`);
  const insert = prepared(sqlite, `INSERT INTO relationships (id, from_contact_id, to_contact_id, kind, role_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  let roles = roleLookupSync(sqlite);
  for (const link of links) {
    const self = contactOf.get(link.record);
    const other = 'contactId' in link.target ? link.target.contactId : contactOf.get(link.target.record);
    if (!self || !other || self === other) continue;
    const ref = typeof link.role === 'string' ? link.role : roleRefForNames(sqlite, link.role.name, link.role.inverse, now);
    if (typeof link.role !== 'string') roles = roleLookupSync(sqlite);
    const row = storedRelationship(self, other, ref);
    const directed = isDirected(row, roles) ? 1 : 0;
    if (exists.get(row.kind, row.roleId ?? '', row.from, row.to, directed, row.to, row.from)) continue;
    insert.run(randomUUID(), row.from, row.to, row.kind, row.roleId, now);
  }
}

function addRecord(sqlite: Database.Database, record: ImportRecord, fields: ContactFields, now: number, id: string, tags: TagIds, bulk: BulkContacts): string {
  const contactId = insertContactPrepared(sqlite, fields, now, id, tags, bulk);
  insertDates(sqlite, contactId, record.dates);
  if (record.photo) insertPhoto(sqlite, contactId, record.photo, now);
  if (record.remembered) insertRemembered(sqlite, contactId, record.remembered, now, false);
  return contactId;
}
