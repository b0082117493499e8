// One statement cache for hand-written SQL on the raw connection: a statement is prepared once per
// connection and source text, then reused (preparing costs more than running most of these).
import type Database from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** the statement for this SQL on this connection, prepared on first use */
export function prepared(sqlite: Database.Database, source: string): Database.Statement {
  let byText = statements.get(sqlite);
  if (!byText) statements.set(sqlite, (byText = new Map()));
  let statement = byText.get(source);
  if (!statement) byText.set(source, (statement = sqlite.prepare(source)));
  return statement;
}
