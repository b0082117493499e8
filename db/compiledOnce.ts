// A Kysely query built and compiled once per shape, then run as a prepared statement: building and
// compiling contacts.list's query on every call cost more than a page of the list itself on a small
// file (×1.7–2.3 over raw SQL, docs/benchmarks.md). The builder gets stand-ins for the values that
// change from call to call; the compiled parameters are matched back to them by name.
import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';
import { prepared } from './prepared';

const STAND_IN = '\u0000kith-parameter:';

interface Compiled {
  statement: Database.Statement;
  /** for each parameter, the name of the value it stands for, or the constant the builder put there */
  parameters: ({ name: string } | { value: unknown })[];
}

const compiled = new WeakMap<Database.Database, Map<string, Compiled>>();

/**
 * The statement for the query `build` makes, with its arguments for `values`. `key` names the
 * shape: every call with the same key must build the same query up to the values, which `build`
 * must take from its argument only (a stand-in for each, never tested or changed).
 */
export function compiledOnce<V extends Record<string, unknown>>(
  sqlite: Database.Database,
  key: string,
  values: V,
  build: (values: V) => Compilable,
): { statement: Database.Statement; args: unknown[] } {
  let byKey = compiled.get(sqlite);
  if (!byKey) compiled.set(sqlite, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c) {
    const standIns = Object.fromEntries(Object.keys(values).map((name) => [name, `${STAND_IN}${name}`])) as unknown as V;
    const query = build(standIns).compile();
    c = {
      statement: prepared(sqlite, query.sql),
      parameters: query.parameters.map((p) => (typeof p === 'string' && p.startsWith(STAND_IN) ? { name: p.slice(STAND_IN.length) } : { value: p })),
    };
    byKey.set(key, c);
  }
  return { statement: c.statement, args: c.parameters.map((p) => ('name' in p ? values[p.name] : p.value)) };
}
