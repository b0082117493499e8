// What every service receives: the database and a clock. Services never read the clock themselves,
// so tests and the scheduler can move time.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/api/contract';

export interface Clock {
  now(): Date;
  /** IANA zone of the user, e.g. "Europe/Berlin" */
  timeZone(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};

export interface ServiceContext {
  db: Kysely<DB>;
  sqlite: Database.Database;
  clock: Clock;
  databasePath: string;
  host: 'electron' | 'web';
}

export type Handler<M extends MethodName> = (ctx: ServiceContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** the handlers of one part of the app */
export type HandlerGroup<M extends MethodName> = { [K in M]: Handler<K> };
