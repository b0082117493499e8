// Writes an export to a file piece by piece, from a connection of its own (the export worker's
// read-only one). The JSON export is streamed row by row, byte for byte what
// JSON.stringify(buildJsonExport(…), null, 1) gives, so a file of hundreds of MB is never one string.
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import type { ExportFormat } from '../../shared/api/methods/transfer';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../../shared/api/errors';
import type { Contact } from '../../shared/domain/contact';
import { loadContact } from '../services/contacts';
import { dataTables } from '../../db/derived';
import { contactsToCsv } from './csv-export';
import { buildIcs } from './ics-export';
import { JSON_FORMAT, JSON_FORMAT_VERSION, toCell } from './json-export';
import { contactToVCard } from './vcard-write';
import { rememberedProperties } from './vcard-remember';
import { readCardRelations } from './vcard-related';

/** what an export reads through: the worker's own read-only connection and the fixed "now" */
export type ExportContext = Pick<ServiceContext, 'db' | 'sqlite' | 'clock'>;

export interface ExportSpec {
  format: ExportFormat;
  contactIds?: string[];
}

/** what the writer tells its caller as it goes; `stop()` true ends it with ExportStopped */
export interface ExportSink {
  write(text: string): void;
  progress(processed: number, total: number): void;
  stop(): boolean;
}

export class ExportStopped extends Error {}

/** the names and types each format's file gets, as the old one-call export named them */
export function exportFileName(format: ExportFormat, today: string): { fileName: string; mime: string } {
  if (format === 'json') return { fileName: `kith-export-${today}.json`, mime: 'application/json' };
  if (format === 'vcard' || format === 'vcard3') return { fileName: `kith-contacts-${today}${format === 'vcard3' ? '-vcard3' : ''}.vcf`, mime: 'text/vcard' };
  if (format === 'csv') return { fileName: `kith-contacts-${today}.csv`, mime: 'text/csv' };
  return { fileName: `kith-calendar-${today}.ics`, mime: 'text/calendar' };
}

/** a sink over a file descriptor that writes in blocks of about 1 MB */
export function fileSink(path: string, hooks: { progress(processed: number, total: number, bytes: number): void; stop(): boolean }): ExportSink & { bytes(): number; close(): void } {
  const fd = openSync(path, 'wx');
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  const flush = () => {
    if (!pending.length) return;
    bytes += writeSync(fd, pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  return {
    write(text) {
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= 1 << 20) flush();
    },
    progress: (processed, total) => hooks.progress(processed, total, bytes + pendingLength),
    stop: () => hooks.stop(),
    bytes: () => bytes,
    close() {
      try {
        flush();
        // on disk before the worker renames it into place: a crash just after "done" must not
        // leave an empty or torn file under the export's name
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** how many rows between two looks at progress and cancel */
const CHECK_EVERY = 2000;

/** writes the export; returns the count the old one-call export reported */
export async function writeExport(ctx: ExportContext, spec: ExportSpec, sink: ExportSink): Promise<number> {
  if (spec.format === 'json') return writeJson(ctx.sqlite, ctx.clock.now(), sink);
  const contacts = await selectedContacts(ctx, spec.contactIds, (done, total) => {
    sink.progress(done, total);
    if (sink.stop()) throw new ExportStopped();
  });
  const circles = new Map((await ctx.db.selectFrom('circles').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  const circleName = (id: string | null) => (id ? (circles.get(id) ?? null) : null);
  if (spec.format === 'vcard' || spec.format === 'vcard3') {
    const version = spec.format === 'vcard3' ? '3.0' : '4.0';
    const remembered = await rememberedProperties(ctx.db, new Set(contacts.map((c) => c.id)));
    const related = readCardRelations(ctx.sqlite, spec.contactIds);
    for (const c of contacts) sink.write(contactToVCard(c, { circleName: circleName(c.circleId), remembered: remembered.get(c.id), related: related.get(c.id) }, version));
    return contacts.length;
  }
  if (spec.format === 'csv') {
    sink.write(contactsToCsv(contacts, circleName));
    return contacts.length;
  }
  const ids = contacts.map((c) => c.id);
  let q = ctx.db
    .selectFrom('reminders as r')
    .leftJoin('contacts as c', 'c.id', 'r.contact_id')
    .select(['r.id', 'r.title', 'r.notes', 'r.due_date', 'r.due_time', 'r.recurrence_unit', 'r.recurrence_interval', 'c.display_name'])
    .where('r.status', '=', 'open')
    .where('r.source', 'not in', ['birthday', 'anniversary']); // those are the yearly events already
  if (spec.contactIds) q = q.where(sql<boolean>`r.contact_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const reminders = await q.orderBy('r.due_date').execute();
  sink.write(
    buildIcs(
      contacts,
      reminders.map((r) => ({ id: r.id, title: r.title, notes: r.notes, contactName: r.display_name, dueDate: r.due_date, dueTime: r.due_time, recurrenceUnit: r.recurrence_unit, recurrenceInterval: r.recurrence_interval })),
      ctx.clock.now(),
    ),
  );
  return contacts.length + reminders.length;
}

/** JSON.stringify(value, null, 1) of a value nested `depth` levels deep */
function indented(value: unknown, depth: number): string {
  const pad = ' '.repeat(depth);
  return pad + JSON.stringify(value, null, 1).replace(/\n/g, `\n${pad}`);
}

function writeJson(sqlite: Database.Database, now: Date, sink: ExportSink): number {
  const tables = dataTables(sqlite);
  let contacts = 0;
  // one read transaction: the export is a consistent snapshot however long it takes
  sqlite.exec('BEGIN');
  try {
    const counts = tables.map((t) => Number(sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()));
    const total = counts.reduce((a, b) => a + b, 0);
    const schemaVersions = sqlite.prepare(`SELECT version FROM schema_versions ORDER BY version`).pluck().all() as string[];
    sink.write(`{\n "format": ${JSON.stringify(JSON_FORMAT)},\n "version": ${JSON_FORMAT_VERSION},\n "exportedAt": ${JSON.stringify(now.toISOString())},\n "schemaVersions": `);
    sink.write(schemaVersions.length ? `[\n${schemaVersions.map((v) => indented(v, 2)).join(',\n')}\n ]` : '[]');
    sink.write(`,\n "tables": ${tables.length ? '{\n' : '{}'}`);
    let processed = 0;
    tables.forEach((table, i) => {
      const withoutRowid = /WITHOUT ROWID\s*$/i.test(String(sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table) ?? ''));
      sink.write(`${indented(table, 2)}: `);
      let first = true;
      for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${withoutRowid ? '1, 2' : 'rowid'}`).iterate() as IterableIterator<Record<string, unknown>>) {
        const cells: Record<string, unknown> = {};
        for (const key in row) cells[key] = toCell(row[key]);
        sink.write((first ? '[\n' : ',\n') + indented(cells, 3));
        first = false;
        if (table === 'contacts') contacts++;
        if (++processed % CHECK_EVERY === 0) {
          sink.progress(processed, total);
          if (sink.stop()) throw new ExportStopped();
        }
      }
      sink.write(first ? '[]' : '\n  ]');
      sink.write(i < tables.length - 1 ? ',\n' : '\n }');
    });
    sink.write('\n}');
    sink.progress(total, total);
  } finally {
    sqlite.exec('COMMIT');
  }
  return contacts;
}

/** the contacts an export holds, in display order; `progress` is told after each one is read */
export async function selectedContacts(ctx: ExportContext, contactIds?: string[], progress?: (done: number, total: number) => void): Promise<Contact[]> {
  let q = ctx.db.selectFrom('contacts').select('id').orderBy('display_name').orderBy('id');
  // the ids travel as one JSON parameter: SQLite allows at most 32,766 parameters in a statement
  q = contactIds ? q.where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(contactIds)}))`) : q.where('archived_at', 'is', null);
  const rows = await q.execute();
  if (contactIds && rows.length !== new Set(contactIds).size) throw new ServiceError('not_found', 'Some of the chosen contacts do not exist', 'contactIds');
  const out: Contact[] = [];
  for (const r of rows) {
    out.push(await loadContact(ctx, r.id));
    if (out.length % 200 === 0) progress?.(out.length, rows.length);
  }
  progress?.(out.length, rows.length);
  return out;
}
