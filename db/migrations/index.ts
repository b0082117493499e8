// Every migration, in order. Names sort in the order they run; never rename or edit a released one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
