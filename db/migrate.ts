// Ordered, transactional, forward-only migrations. All pending migrations run in one transaction,
// after an online backup of the file, so a failure leaves the file exactly as it was.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connection';
import { migrations as knownMigrations } from './migrations';
import type { Migration } from 'kysely';

export class SchemaTooNewError extends Error {
  constructor(readonly unknownVersions: string[]) {
    super(
      `This database was written by a newer version of Kith (schema ${unknownVersions.join(', ')}). ` +
        'Update Kith to open it; the file has not been changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationReport {
  applied: string[];
  /** path of the copy taken before migrating, when an existing database was migrated */
  backupPath: string | null;
}

export interface MigrateOptions {
  /** where pre-migration backups go; default: a `backups` folder beside the database */
  backupDir?: string;
  /** the migrations to run; tests pass a subset or a failing one */
  migrations?: Record<string, Migration>;
  /** for the backup's file name */
  now?: Date;
}

export async function appliedVersions(handle: Pick<DatabaseHandle, 'db'>): Promise<string[]> {
  await ensureVersionTable(handle);
  const rows = await sql<{ version: string }>`SELECT version FROM schema_versions ORDER BY version`.execute(handle.db);
  return rows.rows.map((r) => r.version);
}

export async function migrateToLatest(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<MigrationReport> {
  const all = options.migrations ?? knownMigrations;
  const names = Object.keys(all).sort();
  const applied = await appliedVersions(handle);
  const unknown = applied.filter((v) => !names.includes(v));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
  const pending = names.filter((n) => !applied.includes(n));
  if (pending.length === 0) return { applied: [], backupPath: null };

  let backupPath: string | null = null;
  if (applied.length > 0 && handle.path !== ':memory:') {
    const dir = options.backupDir ?? join(dirname(handle.path), 'backups');
    mkdirSync(dir, { recursive: true });
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupPath = join(dir, `kith-before-${pending[0]}-${stamp}.sqlite`);
    await handle.sqlite.backup(backupPath);
  }

  // a migration that rebuilds a table others reference (SQLite's 12 steps) runs with foreign keys
  // off, which only takes effect outside a transaction; they are checked before the commit instead
  const keysOff = pending.some((n) => (all[n] as Migration & { foreignKeysOff?: boolean }).foreignKeysOff);
  if (keysOff) handle.sqlite.pragma('foreign_keys = OFF');
  try {
    await handle.db.transaction().execute(async (trx) => {
      for (const name of pending) {
        await all[name]!.up(trx);
        await sql`INSERT INTO schema_versions (version, applied_at) VALUES (${name}, ${Date.now()})`.execute(trx);
      }
      if (keysOff) {
        const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(trx);
        if (broken.rows.length) throw new Error(`Migrating would leave ${broken.rows.length} broken references (first in ${broken.rows[0]!.table}); the file has not been changed`);
      }
    });
  } finally {
    if (keysOff) handle.sqlite.pragma('foreign_keys = ON');
  }
  return { applied: pending, backupPath };
}

async function ensureVersionTable(handle: Pick<DatabaseHandle, 'db'>): Promise<void> {
  // Append-only record of every schema version this file has been through.
  await sql`CREATE TABLE IF NOT EXISTS schema_versions (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT`.execute(
    handle.db,
  );
}
