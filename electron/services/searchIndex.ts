// Brings the search index up to date for the contacts the triggers noted in search_dirty: set-based
// passes over a batch of them, so a bulk import of 10,000 contacts is indexed once. Search runs the
// passes in slices (db/slices.ts) with a yield between them, because one pass over every contact of a
// large file (all their interactions' text) takes seconds, and no call may hold the one connection
// that long; the back end also starts the slices a little after opening, so the first search after
// an upgrade or an import does not wait for all of it.
import type Database from 'better-sqlite3';
import { NAME_PUNCTUATION, SEARCH_PART_SEPARATOR } from '../../shared/domain/search';
import { NAME_PREFIX_INSERT, namePrefixRowsJson, type NamedKey } from '../../db/queries/searchNamePrefixes';
import { nextTurn } from './turns';
import { SLICE_MS } from '../../db/slices';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const JSON_SEPARATOR = sqlString(SEARCH_PART_SEPARATOR);
const withoutPunctuation = (expr: string) => NAME_PUNCTUATION.reduce((e, ch) => `replace(${e}, ${sqlString(ch)}, '')`, expr);
/** every name of the contact, and the display name once more without punctuation when it has some,
 *  so "oneill" finds O'Neill (the trigram "one" is not in "o'neill") */
const NAME_TEXT = `concat_ws(' ', c.display_name, c.given_name, c.family_name, c.nickname,
  nullif(${withoutPunctuation('c.display_name')}, c.display_name))`;

/** in FLUSH: the step that writes the batch's search_name_prefixes rows */
const NAME_PREFIXES = Symbol('name prefixes');

const FLUSH: (string | typeof NAME_PREFIXES)[] = [
  // the triggers append; each contact once from here on
  `INSERT OR IGNORE INTO temp.search_batch (contact_id) SELECT contact_id FROM search_dirty ORDER BY rowid DESC LIMIT :limit`,
  `INSERT OR IGNORE INTO search_keys (contact_id) SELECT d.contact_id FROM temp.search_batch d JOIN contacts c ON c.id = d.contact_id`,
  `DELETE FROM contacts_fts WHERE rowid IN (SELECT k.key FROM search_keys k JOIN temp.search_batch d ON d.contact_id = k.contact_id)`,
  `DELETE FROM contact_names_fts WHERE rowid IN (SELECT k.key FROM search_keys k JOIN temp.search_batch d ON d.contact_id = k.contact_id)`,
  `DELETE FROM search_name_prefixes WHERE key IN (SELECT k.key FROM search_keys k JOIN temp.search_batch d ON d.contact_id = k.contact_id)`,
  `INSERT INTO contacts_fts (rowid, name, company, methods, tags, notes, how_met, facts, interactions, attachments)
   SELECT k.key, ${NAME_TEXT},
     concat_ws(' ', c.company, c.title),
     (SELECT group_concat(CASE WHEN m.kind <> 'address' THEN m.value || ' ' || m.value_normalized
         -- an address by its city, postcode and region; a free text (no parts besides the street) whole
         WHEN concat(m.address_parts ->> '$.city', m.address_parts ->> '$.postcode') <> '' THEN concat_ws(' ', m.address_parts ->> '$.city', m.address_parts ->> '$.postcode', nullif(m.address_parts ->> '$.region', ''))
         ELSE m.value END, ' ') FROM contact_methods m
       WHERE m.contact_id = c.id AND m.kind IN ('email', 'phone', 'social', 'address')),
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
        GROUP BY x ORDER BY at DESC)),
     -- the names of their files and of the files on their interactions (few rows: read from attachments' side)
     (SELECT group_concat(a.name, ${JSON_SEPARATOR}) FROM (
        SELECT a.name FROM attachments a WHERE a.contact_id = c.id AND a.deleted_at IS NULL
        UNION
        SELECT a.name FROM attachments a JOIN interaction_participants p ON p.interaction_id = a.interaction_id
        WHERE p.contact_id = c.id AND a.deleted_at IS NULL) a)
   FROM temp.search_batch d JOIN search_keys k ON k.contact_id = d.contact_id JOIN contacts c ON c.id = d.contact_id`,
  `INSERT INTO contact_names_fts (rowid, name)
   SELECT k.key, ${NAME_TEXT}
   FROM temp.search_batch d JOIN search_keys k ON k.contact_id = d.contact_id JOIN contacts c ON c.id = d.contact_id`,
  // the starts of names for one- and two-letter queries, folded in JS (shared/domain/search.ts namePrefixes)
  NAME_PREFIXES,
  `DELETE FROM search_keys WHERE contact_id IN (SELECT contact_id FROM temp.search_batch) AND contact_id NOT IN (SELECT id FROM contacts)`,
  `DELETE FROM search_dirty WHERE contact_id IN (SELECT contact_id FROM temp.search_batch)`,
  `DELETE FROM temp.search_batch`,
];

/** contacts per slice at most: one with years of interactions costs a hundred others */
const MAX_BATCH = 256;

interface Prepared {
  pending: Database.Statement<[], { n: number }>;
  /** the contacts marked most recently, newest first (one mark each since migration 0035) */
  latestMarks: Database.Statement<[], string>;
  /** what re-indexing a contact costs, besides one: its interactions (their text is most of the work) */
  interactionsOf: Database.Statement<[string], number>;
  flush: (limit: number) => void;
  flushThese: (ids: string[]) => void;
}
const cache = new WeakMap<Database.Database, Prepared>();

function prepared(db: Database.Database): Prepared {
  let p = cache.get(db);
  if (!p) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS search_batch (contact_id TEXT PRIMARY KEY) WITHOUT ROWID`);
    const names = db.prepare(`SELECT k.key, c.display_name AS name FROM temp.search_batch d JOIN search_keys k ON k.contact_id = d.contact_id JOIN contacts c ON c.id = d.contact_id`);
    const insertPrefixes = db.prepare(NAME_PREFIX_INSERT);
    const steps = FLUSH.slice(1).map((s): (() => unknown) => {
      if (s === NAME_PREFIXES) return () => insertPrefixes.run(namePrefixRowsJson(names.all() as NamedKey[]));
      const statement = db.prepare(s);
      return () => statement.run();
    });
    const batch = db.prepare(FLUSH[0] as string);
    const batchOf = db.prepare(`INSERT OR IGNORE INTO temp.search_batch (contact_id) SELECT value FROM json_each(?)`);
    p = {
      pending: db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM search_dirty LIMIT 1)`),
      latestMarks: db.prepare(`SELECT contact_id FROM search_dirty ORDER BY rowid DESC LIMIT ${MAX_BATCH}`).pluck() as Database.Statement<[], string>,
      interactionsOf: db.prepare(`SELECT count(*) FROM interaction_participants WHERE contact_id = ?`).pluck() as Database.Statement<[string], number>,
      flush: db.transaction((limit: number) => {
        batch.run({ limit });
        steps.forEach((step) => step());
      }).immediate,
      flushThese: db.transaction((ids: string[]) => {
        batchOf.run(JSON.stringify(ids));
        steps.forEach((step) => step());
      }).immediate,
    };
    cache.set(db, p);
  }
  return p;
}

/** re-index at most `limit` of the contacts that changed (all of them by default); true when
 *  some are still waiting. A no-op (one index probe) when nothing changed. */
export function refreshSearchIndex(db: Database.Database, limit = -1): boolean {
  // a file opened read-only keeps the index it has: searches still work, on what was indexed
  if (db.readonly) return false;
  const p = prepared(db);
  if (p.pending.get()!.n === 0) return false;
  p.flush(limit);
  generations.set(db, (generations.get(db) ?? 0) + 1);
  return limit >= 0 && p.pending.get()!.n > 0;
}

/** re-index the contacts that changed most recently, as many as cost about `budget` (one for each,
 *  and one per interaction; one contact at least, MAX_BATCH at most) */
function refreshSearchIndexWeighing(db: Database.Database, budget: number): { weight: number; more: boolean } {
  if (db.readonly) return { weight: 0, more: false };
  const p = prepared(db);
  const ids: string[] = [];
  let weight = 0;
  // weighed one by one, as far as the budget goes (~1 µs each)
  for (const id of p.latestMarks.all()) {
    const w = 1 + p.interactionsOf.get(id)!;
    if (ids.length > 0 && weight + w > budget) break;
    ids.push(id);
    weight += w;
  }
  if (ids.length === 0) return { weight: 0, more: false };
  p.flushThese(ids);
  generations.set(db, (generations.get(db) ?? 0) + 1);
  return { weight, more: p.pending.get()!.n > 0 };
}

export interface SliceOptions {
  /** how long one slice may hold the connection */
  sliceMs?: number;
  /** what runs between slices: other calls get the connection there */
  pause?: () => Promise<void>;
  /** stops after the current slice when it returns true (the back end closing) */
  stopped?: () => boolean;
  /** runs each slice; a guard that reports a full disk and returns stops the slices there */
  guard?: (slice: () => void) => void;
  /** stops after the slice that ends this long after the start, with the rest still marked */
  forMs?: number;
  /** called once, when the first slice leaves some still waiting: the catch-up is a long one */
  behind?: () => void;
}

/** a first guess of a slice's cost per contact and interaction, from 2,000 people with 20 each
 *  (~0.7 s): each slice measures it again */
const FIRST_MS_PER_WEIGHT = 0.02;

/** brings the index up to date slice by slice: each takes as many contacts as fit in `sliceMs` by
 *  how many interactions each carries (a batch sized by count alone grew on light contacts and then
 *  held the connection 80 ms on heavy ones). True when the index is up to date; false when
 *  it stopped (closing, `forMs` used up, a full disk) with some still waiting */
export async function refreshSearchIndexInSlices(db: Database.Database, options: SliceOptions = {}): Promise<boolean> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const pause = options.pause ?? nextTurn;
  const began = performance.now();
  let msPerWeight = FIRST_MS_PER_WEIGHT;
  for (let slices = 0; ; slices++) {
    if (options.stopped?.() || !db.open) return false;
    const started = performance.now();
    let more = false;
    // a guard that caught a full disk returns without the slice having run
    let failed = true;
    let weight = 0;
    (options.guard ?? ((slice) => slice()))(() => {
      ({ weight, more } = refreshSearchIndexWeighing(db, sliceMs / msPerWeight));
      failed = false;
    });
    if (failed) return false;
    if (!more) return true;
    if (slices === 0) options.behind?.();
    if (options.forMs !== undefined && performance.now() - began >= options.forMs) return false;
    // slower at once, faster only gradually: a light batch does not promise a cheap next one
    if (weight > 0) msPerWeight = Math.max((performance.now() - started) / weight, msPerWeight * 0.7);
    await pause();
  }
}

const generations = new WeakMap<Database.Database, number>();
/** changes whenever this process re-indexed something: what is built from the index (the name
 *  vocabulary of the typo pass) is rebuilt when it moves */
export function searchIndexGeneration(db: Database.Database): number {
  return generations.get(db) ?? 0;
}
