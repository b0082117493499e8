// A fingerprint of the user's data in a database file: equal fingerprints = nothing changed.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { dataTables } from '../../db/derived';

export function databaseFingerprint(sqlite: Database.Database): string {
  const hash = createHash('sha256');
  for (const table of [...dataTables(sqlite), 'schema_versions']) {
    hash.update(`#${table}\n`);
    const columns = (sqlite.prepare(`SELECT count(*) FROM pragma_table_info('${table}')`).pluck().get() as number) || 1;
    const order = Array.from({ length: Math.min(columns, 3) }, (_, i) => i + 1).join(', ');
    for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
    }
  }
  return hash.digest('hex');
}
