// Bulk writes are faster into a bare table with its indexes built once at the end: an index built
// by CREATE INDEX is one sort, where row-by-row inserts update every index's B-tree per row.
import type Database from 'better-sqlite3';

/**
 * Drops the secondary indexes of these tables and returns the CREATE statements that put them back
 * (the same text, so the schema ends up identical). Nothing is dropped when a trigger exists on one
 * of them: a trigger may rely on an index to stay fast. Inside a transaction, a rollback restores them.
 */
export function dropSecondaryIndexes(sqlite: Database.Database, tables: string[]): string[] {
  const marks = tables.map(() => '?').join(', ');
  const triggers = sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${marks})`).pluck().get(...tables) as number;
  if (triggers > 0) return [];
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${marks}) ORDER BY rowid`)
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  return indexes.map((i) => i.sql);
}

/** the statements dropSecondaryIndexes returned, run */
export function restoreIndexes(sqlite: Database.Database, statements: string[]): void {
  for (const statement of statements) sqlite.exec(statement);
}
