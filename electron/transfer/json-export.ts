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
import { fitPhotoRow } from '../services/photoFit';

export const JSON_FORMAT = 'kith-export';
export const JSON_FORMAT_VERSION = 1;

export interface JsonExport {
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
export function buildJsonExport(sqlite: Database.Database, now: Date): JsonExport {
  const tables: JsonExport['tables'] = {};
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

/** checks a parsed file is a Kith export this version can restore */
export function readJsonExport(text: string, sqlite: Database.Database): JsonExport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ServiceError('invalid_input', `The file is not valid JSON: ${(err as Error).message}`, 'source');
  }
  const d = data as Partial<JsonExport>;
  if (!d || d.format !== JSON_FORMAT || typeof d.tables !== 'object' || d.tables === null) {
    throw new ServiceError('invalid_input', 'This JSON file is not a Kith export', 'source');
  }
  if (typeof d.version !== 'number' || d.version > JSON_FORMAT_VERSION) {
    throw new ServiceError('invalid_input', 'This export was written by a newer version of Kith; update Kith to import it', 'source');
  }
  const ours = new Set(sqlite.prepare(`SELECT version FROM schema_versions`).pluck().all() as string[]);
  const unknown = (d.schemaVersions ?? []).filter((v) => !ours.has(v));
  if (unknown.length) throw new ServiceError('invalid_input', `This export comes from a newer Kith (schema ${unknown.join(', ')}); update Kith to import it`, 'source');
  const known = new Set(dataTables(sqlite));
  const strange = Object.keys(d.tables).filter((t) => !known.has(t));
  if (strange.length) throw new ServiceError('invalid_input', `This export has tables Kith does not know: ${strange.join(', ')}`, 'source');
  return d as JsonExport;
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

  const columnsOf = async (table: string) => (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(trx)).rows.map((r) => r.name);
  const counts: Record<string, number> = {};
  const order = ['circles', 'tags', 'contacts', ...tables.filter((t) => !['circles', 'tags', 'contacts'].includes(t))];
  for (const table of order) {
    const rows = data.tables[table] ?? [];
    counts[table] = rows.length;
    if (!rows.length) continue;
    const columns = new Set(await columnsOf(table));
    for (const [i, raw] of rows.entries()) {
      await pause(); // a restore of hundreds of thousands of rows yields now and then: other calls go on
      const row = Object.fromEntries(Object.entries(raw).filter(([k]) => columns.has(k)).map(([k, v]) => [k, fromCell(v)]));
      if (table === 'contacts') {
        const id = String(row.id);
        // no methods yet (the file's own rows follow), so the phone region plays no part
        await insertContact(trx, contactFields.parse({ displayName: String(row.display_name) }), now, 'US', id);
        const { id: _id, ...rest } = row;
        await setColumns(trx, 'contacts', rest, id);
      } else {
        if (table === 'contact_methods' && row.address_parts != null) checkAddressParts(row, i + 1);
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
