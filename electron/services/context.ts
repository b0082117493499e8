// What every service receives: the database and a clock. Services never read the clock themselves,
// so tests and the scheduler can move time.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/api/contract';
import type { CredentialStore } from '../sync/credentials';
import type { WriteGate } from './write-gate';
import type { BackendStatus } from '../backend-status';

export interface Clock {
  now(): Date;
  /** IANA zone of the user, e.g. "Europe/Berlin" */
  timeZone(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};

/** native open/save dialogs (Electron); the web host has none and moves files through the page */
export interface FileDialogs {
  openFile(options: { title: string; extensions: string[] }): Promise<{ name: string; bytes: Buffer } | null>;
  /** asks which file to open and answers its path, reading nothing (an import reads a large JSON export from it as a stream); null when cancelled */
  openPath?(options: { title: string; extensions: string[] }): Promise<string | null>;
  /** returns the chosen path after writing, or null when the user cancelled */
  saveFile(options: { title: string; defaultName: string; content: string }): Promise<string | null>;
  /** asks where to save, writing nothing (an export worker writes the file); null when cancelled */
  choosePath?(options: { title: string; defaultName: string }): Promise<string | null>;
  /** opens a file with the system's app for its type (shell.openPath); answers a problem, or null */
  openWithSystem?(path: string): Promise<string | null>;
}

/** below `rows` rows of health work the dashboard waits for it; above, at most `ms` */
export interface DashboardWait {
  rows: number;
  ms: number;
}

export interface ServiceContext {
  db: Kysely<DB>;
  sqlite: Database.Database;
  clock: Clock;
  databasePath: string;
  host: 'electron' | 'web';
  files?: FileDialogs;
  /** sync passwords (electron/sync/credentials.ts): a 0600 file beside the data, sealed by safeStorage in Electron */
  credentials?: CredentialStore;
  /** per-request timeout of sync's server requests (tests shorten it) */
  syncTimeoutMs?: number;
  /** long writes (imports) hold it on their own connection; other writes wait for it */
  writes?: WriteGate;
  /** the better-sqlite3 build the export worker's own connection loads (Electron's ABI) */
  nativeBinding?: string;
  /** read-only, damage found, background tasks that failed (the app's banner) */
  status: BackendStatus;
  /** how much health work the dashboard waits for before it answers with the stored figures (services/health.ts DASHBOARD_WAIT; tests lower it) */
  dashboardWait?: DashboardWait;
  /** the host closes this data file and opens `path` instead (a restore into a new data file); called once the current call has answered */
  switchDataFile?: (path: string) => void;
}

export type Handler<M extends MethodName> = (ctx: ServiceContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** the handlers of one part of the app */
export type HandlerGroup<M extends MethodName> = { [K in M]: Handler<K> };
