export { openDatabase, type DatabaseHandle, type OpenOptions } from './connection';
export { migrateToLatest, appliedVersions, SchemaTooNewError, type MigrationReport } from './migrate';
export type { DB } from './schema';
