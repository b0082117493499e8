// How many contacts a list filter without a tag matches, from contact_counts (migration 0033), which
// triggers keep per archived state and circle: the same contacts as filteredContacts
// (electron/services/contacts.ts) selects; tests/integration/list-count-cache.test.ts holds the two
// to each other after every kind of write.
import type Database from 'better-sqlite3';
import { prepared } from '../prepared';

export function countedContacts(sqlite: Database.Database, filter: { archived: boolean; circleId?: string; noCircle?: boolean }): number {
  const archived = filter.archived ? 1 : 0;
  if (filter.noCircle) return prepared(sqlite, `SELECT total(n) FROM contact_counts WHERE archived = ? AND circle_key = ''`).pluck().get(archived) as number;
  if (filter.circleId) return prepared(sqlite, `SELECT total(n) FROM contact_counts WHERE archived = ? AND circle_key = ?`).pluck().get(archived, filter.circleId) as number;
  return prepared(sqlite, `SELECT total(n) FROM contact_counts WHERE archived = ?`).pluck().get(archived) as number;
}
