// Brings the search index up to date for the contacts the triggers noted in search_dirty: one
// set-based pass, so a bulk import of 10,000 contacts is indexed once, at the next search.
// Search calls it first; an importer may call it at its end to pay the cost there instead.
import type Database from 'better-sqlite3';
import { NAME_PUNCTUATION, SEARCH_PART_SEPARATOR } from '../../shared/domain/search';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const JSON_SEPARATOR = sqlString(SEARCH_PART_SEPARATOR);
const withoutPunctuation = (expr: string) => NAME_PUNCTUATION.reduce((e, ch) => `replace(${e}, ${sqlString(ch)}, '')`, expr);
/** every name of the contact, and the display name once more without punctuation when it has some,
 *  so "oneill" finds O'Neill (the trigram "one" is not in "o'neill") */
const NAME_TEXT = `concat_ws(' ', c.display_name, c.given_name, c.family_name, c.nickname,
  nullif(${withoutPunctuation('c.display_name')}, c.display_name))`;

const FLUSH = [
  // the triggers append; each contact once from here on
  `INSERT OR IGNORE INTO temp.search_batch (contact_id) SELECT contact_id FROM search_dirty`,
  `INSERT OR IGNORE INTO search_keys (contact_id) SELECT d.contact_id FROM temp.search_batch d JOIN contacts c ON c.id = d.contact_id`,
  `DELETE FROM contacts_fts WHERE rowid IN (SELECT k.key FROM search_keys k JOIN temp.search_batch d ON d.contact_id = k.contact_id)`,
  `DELETE FROM contact_names_fts WHERE rowid IN (SELECT k.key FROM search_keys k JOIN temp.search_batch d ON d.contact_id = k.contact_id)`,
  `INSERT INTO contacts_fts (rowid, name, company, methods, tags, notes, how_met, facts, interactions)
   SELECT k.key, ${NAME_TEXT},
     concat_ws(' ', c.company, c.title),
     (SELECT group_concat(m.value || ' ' || m.value_normalized, ' ') FROM contact_methods m
       WHERE m.contact_id = c.id AND m.kind IN ('email', 'phone', 'social')),
     (SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id),
     c.notes,
     c.how_met,
     (SELECT group_concat(f.label || ': ' || f.value, ${JSON_SEPARATOR}) FROM contact_facts f WHERE f.contact_id = c.id),
     -- each distinct summary and note once, newest first: a weekly "Call" is one phrase, not 500
     (SELECT group_concat(x, ${JSON_SEPARATOR}) FROM (
        SELECT x, max(at) AS at FROM (
          SELECT i.summary AS x, p.occurred_at AS at FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = c.id AND i.summary <> ''
          UNION ALL
          SELECT i.notes, p.occurred_at FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = c.id AND i.notes <> '')
        GROUP BY x ORDER BY at DESC))
   FROM temp.search_batch d JOIN search_keys k ON k.contact_id = d.contact_id JOIN contacts c ON c.id = d.contact_id`,
  `INSERT INTO contact_names_fts (rowid, name)
   SELECT k.key, ${NAME_TEXT}
   FROM temp.search_batch d JOIN search_keys k ON k.contact_id = d.contact_id JOIN contacts c ON c.id = d.contact_id`,
  `DELETE FROM search_keys WHERE contact_id IN (SELECT contact_id FROM temp.search_batch) AND contact_id NOT IN (SELECT id FROM contacts)`,
  `DELETE FROM search_dirty`,
  `DELETE FROM temp.search_batch`,
];

interface Prepared {
  pending: Database.Statement<[], { n: number }>;
  flush: () => void;
}
const cache = new WeakMap<Database.Database, Prepared>();

/** re-index what changed since the last search; a no-op (one index probe) when nothing did */
export function refreshSearchIndex(db: Database.Database): number {
  // a file opened read-only keeps the index it has: searches still work, on what was indexed
  if (db.readonly) return 0;
  let p = cache.get(db);
  if (!p) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS search_batch (contact_id TEXT PRIMARY KEY) WITHOUT ROWID`);
    const statements = FLUSH.map((s) => db.prepare(s));
    p = { pending: db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM search_dirty LIMIT 1)`), flush: db.transaction(() => statements.forEach((s) => s.run())).immediate };
    cache.set(db, p);
  }
  if (p.pending.get()!.n === 0) return 0;
  const n = (db.prepare(`SELECT count(DISTINCT contact_id) AS n FROM search_dirty`).get() as { n: number }).n;
  p.flush();
  generations.set(db, (generations.get(db) ?? 0) + 1);
  return n;
}

const generations = new WeakMap<Database.Database, number>();
/** changes whenever this process re-indexed something: what is built from the index (the name
 *  vocabulary of the typo pass) is rebuilt when it moves */
export function searchIndexGeneration(db: Database.Database): number {
  return generations.get(db) ?? 0;
}
