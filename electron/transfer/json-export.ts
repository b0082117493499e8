// The full JSON export: every table of the user's data, row by row, so that importing it into an
// empty database gives back exactly the same data (ids, timestamps, photos, settings). Tables are
// found from the schema rather than listed, so tables added by later migrations travel too.
import type Database from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { ServiceError } from '../../shared/api/errors';
import { insertContact } from '../services/contacts';
import { contactFields, postalAddressInput } from '../../shared/api/methods/contacts';
import { dataTables } from '../../db/derived';
import { readJsonExportStream, type JsonSource } from './json-stream';
import { fitPhotoRow } from '../services/photoFit';

export const JSON_FORMAT = 'kith-export';
export const JSON_FORMAT_VERSION = 1;

/** the whole export as one value (buildJsonExport): what the streamed file holds */
export interface JsonExportValue {
  format: typeof JSON_FORMAT;
  version: number;
  exportedAt: string;
  schemaVersions: string[];
  tables: Record<string, Record<string, unknown>[]>;
}

/** binary values (photos) as { $base64 } */
type Cell = string | number | null | { $base64: string };

/**
 * The export as one value in memory: what the streamed writer (export-file.ts) must write byte for
 * byte as JSON.stringify(…, null, 1). Only for small files and tests; the app streams.
 */
export function buildJsonExport(sqlite: Database.Database, now: Date): JsonExportValue {
  const tables: JsonExportValue['tables'] = {};
  // one read transaction: the export is a consistent snapshot
  sqlite.transaction(() => {
    for (const table of dataTables(sqlite)) {
      const withoutRowid = /WITHOUT ROWID\s*$/i.test(String(sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table) ?? ''));
      const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${withoutRowid ? '1, 2' : 'rowid'}`).all() as Record<string, unknown>[];
      tables[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toCell(v)])));
    }
  })();
  const schemaVersions = (sqlite.prepare(`SELECT version FROM schema_versions ORDER BY version`).pluck().all() as string[]) ?? [];
  return { format: JSON_FORMAT, version: JSON_FORMAT_VERSION, exportedAt: now.toISOString(), schemaVersions, tables };
}

export function toCell(v: unknown): Cell {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $base64: Buffer.from(v).toString('base64') };
  if (typeof v === 'bigint') return Number(v);
  return v as Cell;
}

export function fromCell(v: unknown): unknown {
  if (v && typeof v === 'object' && '$base64' in v) return Buffer.from(String((v as { $base64: string }).$base64), 'base64');
  return v;
}

/**
 * A Kith export read as a stream (json-stream.ts): what its top object says, and how many rows each
 * table has. The rows stay in the file (or the upload's bytes) and are read again, a row at a
 * time, by whatever writes them: a 300 MB export is never held whole.
 */
export interface JsonExport {
  format: typeof JSON_FORMAT;
  version: number;
  exportedAt: string | null;
  schemaVersions: string[];
  /** rows per table in the file */
  counts: Record<string, number>;
  source: JsonSource;
}

export interface JsonRow {
  table: string;
  /** 0-based, within its table */
  index: number;
  row: Record<string, unknown>;
}

/** the rows of `tables` (null: all) in the file's order */
export async function* jsonRows(data: JsonExport, tables: readonly string[] | null): AsyncGenerator<JsonRow> {
  const wanted = tables ? new Set(tables) : null;
  for await (const item of readJsonExportStream(data.source, (t) => !wanted || wanted.has(t))) {
    if (item.kind === 'row' && (!wanted || wanted.has(item.table))) yield item;
  }
}

/**
 * Reads the whole file once and checks it is a Kith export this version can restore, and every row
 * the way the restore will take it: a damaged or cut file is refused here, naming the row, before
 * anything is written. `pause` is awaited between rows (other calls answer meanwhile).
 */
export async function readJsonExport(source: JsonSource, sqlite: Database.Database, pause: () => Promise<void> = async () => {}): Promise<JsonExport> {
  const members: Record<string, unknown> = {};
  const counts: Record<string, number> = {};
  const known = new Set(dataTables(sqlite));
  const strange = new Set<string>();
  for await (const item of readJsonExportStream(source)) {
    await pause();
    if (item.kind === 'member') {
      members[item.key] = item.value;
      if (item.key === 'format' && item.value !== JSON_FORMAT) throw new ServiceError('invalid_input', 'This JSON file is not a Kith export', 'source');
      continue;
    }
    if (!known.has(item.table)) {
      strange.add(item.table);
      continue;
    }
    counts[item.table] = (counts[item.table] ?? 0) + 1;
    checkRow(item);
  }
  const d = members as Partial<{ format: string; version: number; exportedAt: string; schemaVersions: string[] }>;
  if (d.format !== JSON_FORMAT || !('tables' in members || Object.keys(counts).length)) throw new ServiceError('invalid_input', 'This JSON file is not a Kith export', 'source');
  if (typeof d.version !== 'number' || d.version > JSON_FORMAT_VERSION) {
    throw new ServiceError('invalid_input', 'This export was written by a newer version of Kith; update Kith to import it', 'source');
  }
  const ours = new Set(sqlite.prepare(`SELECT version FROM schema_versions`).pluck().all() as string[]);
  const unknown = (Array.isArray(d.schemaVersions) ? d.schemaVersions : []).filter((v) => !ours.has(v));
  if (unknown.length) throw new ServiceError('invalid_input', `This export comes from a newer Kith (schema ${unknown.join(', ')}); update Kith to import it`, 'source');
  if (strange.size) throw new ServiceError('invalid_input', `This export has tables Kith does not know: ${[...strange].join(', ')}`, 'source');
  return { format: JSON_FORMAT, version: d.version, exportedAt: typeof d.exportedAt === 'string' ? d.exportedAt : null, schemaVersions: Array.isArray(d.schemaVersions) ? d.schemaVersions : [], counts, source };
}

/** what the restore asks of a row before it writes it: checked in the preview as well, so nothing is half written */
function checkRow({ table, index, row }: JsonRow): void {
  if (table === 'contacts') {
    const name = contactFields.shape.displayName.safeParse(String(row.display_name ?? ''));
    if (!name.success) throw new ServiceError('invalid_input', `Row ${index + 1} of contacts (${String(row.id)}) has a name Kith cannot take: ${name.error.issues[0]?.message ?? 'invalid'}`, 'source');
  }
  if (table === 'contact_methods' && row.address_parts != null) checkAddressParts(row, index + 1);
}

/** tables that must be empty for a restore: anything the user made, beyond what a new database starts with */
const SEEDED_TABLES = new Set(['circles', 'settings', 'tags']);

export async function assertEmptyDatabase(trx: Transaction<DB>, tables: string[]): Promise<void> {
  for (const table of tables) {
    if (SEEDED_TABLES.has(table)) continue;
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx);
    if (Number(row.rows[0]?.n ?? 0) > 0) {
      // the user's words, never a table's name
      throw new ServiceError('conflict', 'This Kith already has data: choose to merge the export into it, or to restore it into a new data file.', 'restoreAs');
    }
  }
}

/** whether anything the user made is here (beyond what a new file starts with) */
export function hasUserData(sqlite: Database.Database, tables: string[]): boolean {
  return tables.some((t) => !SEEDED_TABLES.has(t) && sqlite.prepare(`SELECT 1 FROM "${t}" LIMIT 1`).get() !== undefined);
}

/**
 * Writes every row of the export inside the caller's transaction. Contacts are created through
 * insertContact (the one way a contact comes into being), then given their exact stored columns.
 */
export async function restoreJsonExport(trx: Transaction<DB>, data: JsonExport, tables: string[], now: number, pause: () => Promise<void> = async () => {}): Promise<Record<string, number>> {
  await assertEmptyDatabase(trx, tables);
  // references inside the file (a contact introduced by a later one) are checked at commit
  await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
  for (const table of SEEDED_TABLES) if (tables.includes(table)) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);

  const columnsOf = async (table: string) => new Set((await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(trx)).rows.map((r) => r.name));
  const columns = new Map<string, Set<string>>();
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = data.counts[table] ?? 0;
  // circles, tags and contacts first, each in a pass over the file of its own; then everything else
  // in one pass, in the file's order (the export writes tables by name, as `tables` lists them)
  const first = ['circles', 'tags', 'contacts'].filter((t) => tables.includes(t) && counts[t]);
  const rest = tables.filter((t) => !['circles', 'tags', 'contacts'].includes(t) && counts[t]);
  for (const pass of [...first.map((t) => [t]), rest]) {
    if (!pass.length) continue;
    for await (const { table, index, row: raw } of jsonRows(data, pass)) {
      await pause(); // a restore of hundreds of thousands of rows yields now and then: other calls go on
      let own = columns.get(table);
      if (!own) columns.set(table, (own = await columnsOf(table)));
      checkRow({ table, index, row: raw });
      const row = Object.fromEntries(Object.entries(raw).filter(([k]) => own.has(k)).map(([k, v]) => [k, fromCell(v)]));
      if (table === 'contacts') {
        const id = String(row.id);
        // no methods yet (the file's own rows follow), so the phone region plays no part
        await insertContact(trx, contactFields.parse({ displayName: String(row.display_name) }), now, 'US', id);
        const { id: _id, ...rest } = row;
        await setColumns(trx, 'contacts', rest, id);
      } else {
        if (table === 'contact_photos') await fitPhotoRow(row);
        const keys = Object.keys(row);
        await sql`INSERT INTO ${sql.table(table)} (${sql.join(keys.map((k) => sql.ref(k)))}) VALUES (${sql.join(keys.map((k) => row[k]))})`.execute(trx);
      }
    }
  }
  return counts;
}

/** an address's parts as the contract takes them (a file edited by hand is refused, with the row) */
function checkAddressParts(row: Record<string, unknown>, n: number) {
  let parts: unknown;
  try {
    parts = JSON.parse(String(row.address_parts));
  } catch {
    parts = undefined;
  }
  const parsed = postalAddressInput.safeParse(parts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServiceError('invalid_input', `Row ${n} of contact_methods (${String(row.id)}) has address parts Kith cannot read: ${issue ? `${issue.path.join('.') || 'address'}: ${issue.message}` : 'not an address'}`, 'source');
  }
}

async function setColumns(trx: Transaction<DB>, table: string, values: Record<string, unknown>, id: string) {
  const keys = Object.keys(values);
  if (!keys.length) return;
  await sql`UPDATE ${sql.table(table)} SET ${sql.join(keys.map((k) => sql`${sql.ref(k)} = ${values[k]}`))} WHERE id = ${id}`.execute(trx);
}
