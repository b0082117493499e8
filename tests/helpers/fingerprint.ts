// A fingerprint of everything in a database file: equal fingerprints = nothing changed.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function databaseFingerprint(sqlite: Database.Database): string {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    if (/_(data|idx|content|docsize|config)$/.test(table) && tables.some((t) => table.startsWith(t + '_'))) continue; // FTS shadow tables follow their sources
    hash.update(`#${table}\n`);
    const columns = (sqlite.prepare(`SELECT count(*) FROM pragma_table_info('${table}')`).pluck().get() as number) || 1;
    const order = Array.from({ length: Math.min(columns, 3) }, (_, i) => i + 1).join(', ');
    for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
    }
  }
  return hash.digest('hex');
}
