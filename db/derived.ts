// Tables that hold nothing of the user's own: indexes and caches rebuilt from the data by triggers
// and services, and merge_undo (the undo history of merges, not carried into another file).
// Exports, restores and "did anything change?" checks leave them out.
import type Database from 'better-sqlite3';

const DERIVED_TABLES = new Set(['contact_thumbnails', 'thumbnail_dirty', 'search_keys', 'search_dirty', 'contact_health', 'health_dirty', 'health_meta', 'health_slides', 'interaction_gaps', 'reminder_sync_dirty', 'reminder_sync_state', 'merge_undo', 'bulk_undo', 'contact_counts', 'search_name_prefixes']);

/** the user's tables: not SQLite's own, not the schema record, not full-text indexes or caches */
export function dataTables(sqlite: Database.Database): string[] {
  const rows = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows
    .map((r) => r.name)
    .filter((name) => name !== 'schema_versions' && !DERIVED_TABLES.has(name) && !virtual.includes(name) && !virtual.some((v) => name.startsWith(`${v}_`)));
}
