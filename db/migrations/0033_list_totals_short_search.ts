// contacts.list's total without counting (issue 18): the list said "of N" from a COUNT(*) over every
// contact of the filter, ×3.4 from 10,000 to 100,000 contacts, and the count cache (db/countCache.ts)
// threw it away at every write, a logged interaction included. contact_counts keeps how many contacts
// there are per archived state and circle ('' for none), moved by triggers whoever writes (the
// services, an import, a sync, a restore, a merge, raw SQL), so the list's total for a filter
// without a tag is a sum over a handful of rows (db/queries/contactCounts.ts).
//
// Search as you type with one or two letters (too short for the trigram index) read the names in
// order testing each with LIKE, and LIKE and NOCASE fold ASCII only: "ó" found no Ólafur, and when
// few names matched, the scan read every contact (p95 7–8 ms at 100,000). search_name_prefixes holds
// the folded first one and two characters of each name and of its later words, in the order the
// search ranks them (tier, then name), kept with the rest of the search index
// (electron/services/searchIndex.ts); filled here for the contacts already indexed.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { NAME_PREFIX_INSERT, namePrefixRowsJson } from '../queries/searchNamePrefixes';

// (no INSERT OR IGNORE: the ON DELETE SET NULL of a circle's contacts runs this with ABORT, which
// overrides a trigger's own conflict clause)
const plusOne = (row: string) => [
  `INSERT INTO contact_counts (archived, circle_key, n) SELECT ${row}.archived_at IS NOT NULL, coalesce(${row}.circle_id, ''), 0
     WHERE NOT EXISTS (SELECT 1 FROM contact_counts WHERE archived = (${row}.archived_at IS NOT NULL) AND circle_key = coalesce(${row}.circle_id, ''));`,
  `UPDATE contact_counts SET n = n + 1 WHERE archived = (${row}.archived_at IS NOT NULL) AND circle_key = coalesce(${row}.circle_id, '');`,
];
const minusOne = (row: string) => [`UPDATE contact_counts SET n = n - 1 WHERE archived = (${row}.archived_at IS NOT NULL) AND circle_key = coalesce(${row}.circle_id, '');`];

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE contact_counts (
      archived INTEGER NOT NULL,
      circle_key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (archived, circle_key)
    ) STRICT, WITHOUT ROWID`,
    `INSERT INTO contact_counts (archived, circle_key, n)
      SELECT archived_at IS NOT NULL, coalesce(circle_id, ''), count(*) FROM contacts GROUP BY 1, 2`,
    `CREATE TRIGGER contact_counts_insert AFTER INSERT ON contacts BEGIN
      ${plusOne('NEW').join('\n      ')}
    END`,
    `CREATE TRIGGER contact_counts_delete AFTER DELETE ON contacts BEGIN
      ${minusOne('OLD').join('\n      ')}
    END`,
    // a circle deleted sets its contacts' circle_id to NULL: that update fires this too
    `CREATE TRIGGER contact_counts_update AFTER UPDATE OF archived_at, circle_id ON contacts
      WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL) OR OLD.circle_id IS NOT NEW.circle_id BEGIN
      ${[...minusOne('OLD'), ...plusOne('NEW')].join('\n      ')}
    END`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);

  // the dashboard's anniversaries coming up, by month and day as birthdays are (contacts_birthday)
  // instead of a scan of every dated row
  await sql`CREATE INDEX contact_dates_by_day ON contact_dates (month * 100 + day)`.execute(db);

  await sql`CREATE TABLE search_name_prefixes (
    prefix TEXT NOT NULL,
    tier INTEGER NOT NULL,
    name_key TEXT NOT NULL,
    key INTEGER NOT NULL,
    PRIMARY KEY (prefix, tier, name_key, key)
  ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX search_name_prefixes_by_key ON search_name_prefixes (key)`.execute(db);
  const indexed = await sql<{ key: number; name: string }>`SELECT k.key, c.display_name AS name FROM search_keys k JOIN contacts c ON c.id = k.contact_id`.execute(db);
  for (let at = 0; at < indexed.rows.length; at += 5_000) {
    await db.executeQuery(CompiledQuery.raw(NAME_PREFIX_INSERT, [namePrefixRowsJson(indexed.rows.slice(at, at + 5_000))]));
  }
}
