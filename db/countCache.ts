// Answers that stay the same until the data changes: contacts.list's "of N" with a tag filter (a
// COUNT(*) over the whole table on every page, ×3.4 from large to huge, docs/benchmarks.md) and the
// dashboard's totals over the health table. An answer is kept per key (the query and its
// parameters), and thrown away as soon as any connection commits a change to the file (or, for
// the health totals, the health table changes).
import type Database from 'better-sqlite3';
import { prepared } from './prepared';

interface Kept {
  version: string;
  value: unknown;
}

const cache = new WeakMap<Database.Database, Map<string, Kept>>();
/** a handful of filters (circle, tag, archived) and days at a time; more only churn */
const MAX_KEYS = 32;

/**
 * What the file's data looks like from this connection, as a cheap token that changes on every write:
 * `data_version` moves when another connection (an import's, another process) commits;
 * `total_changes()` moves with every row this connection inserts, updates or deletes (triggers too).
 */
export function dataVersion(sqlite: Database.Database): string {
  const other = prepared(sqlite, 'PRAGMA data_version').pluck().get() as number;
  const own = prepared(sqlite, 'SELECT total_changes()').pluck().get() as number;
  return `${other}:${own}`;
}

function keptFor(sqlite: Database.Database, key: string, version: string): Kept | undefined {
  let byKey = cache.get(sqlite);
  if (!byKey) cache.set(sqlite, (byKey = new Map()));
  const hit = byKey.get(key);
  return hit && hit.version === version ? hit : undefined;
}

function keep(sqlite: Database.Database, key: string, version: string, value: unknown, versionOf: (sqlite: Database.Database) => string = dataVersion): void {
  // read again: a write between the two reads must not leave a stale answer under the new version
  if (versionOf(sqlite) !== version) return;
  const byKey = cache.get(sqlite)!;
  if (byKey.size >= MAX_KEYS && !byKey.has(key)) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, { version, value });
}

/**
 * `compute()` once per data version for this key; `versionOf`: a narrower token for an answer that
 * depends on fewer tables than all (db/queries/health.ts healthVersion)
 */
export function cachedUntilWrite<T>(sqlite: Database.Database, key: string, compute: () => T, versionOf: (sqlite: Database.Database) => string = dataVersion): T {
  const version = versionOf(sqlite);
  const hit = keptFor(sqlite, key, version);
  if (hit) return hit.value as T;
  const value = compute();
  keep(sqlite, key, version, value, versionOf);
  return value;
}

/** `count()` once per data version for this key */
export async function cachedCount(sqlite: Database.Database, key: string, count: () => Promise<number>): Promise<number> {
  const version = dataVersion(sqlite);
  const hit = keptFor(sqlite, key, version);
  if (hit) return hit.value as number;
  const n = await count();
  keep(sqlite, key, version, n);
  return n;
}
