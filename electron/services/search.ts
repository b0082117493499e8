// Search as you type, on the hot path: prepared statements on the raw connection, and every query
// bounded by a LIMIT so a keystroke never ranks the whole table.
//   0. one or two letters: names, or later words of names, starting with them (folded), from an
//      index of the starts of names kept in ranking order: nothing else is searched;
//   1. names that are, or start with, the query (the name index);
//   2. names that contain it anywhere (a trigram index of names alone);
//   3. if the page is not full yet: anything else (company, emails, phones, tags, notes, how we met,
//      personal facts, interactions' summaries and notes, attachments' file names), the first few matches. No bm25: its
//      document frequencies make it read every match of a common term.
//   4. still not full and a term of four letters or more: names one typo away (shared/domain/typoIndex.ts).
// Ranked: exact names first, then names starting with the query (diacritics and punctuation folded),
// other names, then by where it matched (the order of PLACES), typo matches last.
import type Database from 'better-sqlite3';
import type { ContactSearchHit } from '../../shared/domain/contact';
import { foldForSearch, ftsMatchExpression, markMatches, nameMatchTier, searchTerms, SEARCH_PART_SEPARATOR, shortQueryPrefix, withoutPunctuation } from '../../shared/domain/search';
import { buildTypoIndex, MIN_TYPO_TERM_LENGTH, typoCorrections, type TypoIndex } from '../../shared/domain/typoIndex';
import type { HandlerGroup, ServiceContext } from './context';
import { refreshSearchIndex, refreshSearchIndexInSlices, searchIndexGeneration } from './searchIndex';
import { looksLikePhoneNumber, toE164 } from '../../shared/domain/phone';
import { phoneRegion } from './phones';
import { catchUp } from '../backend-status';
import { nextTurnWhenIdle } from './turns';

/** rows looked at from the FTS index per step, as a multiple of the page asked for */
const CANDIDATE_FACTOR = 3;

type Row = { key: number; id: string; display_name: string; company: string | null; title: string | null; circle_id: string | null; archived_at: number | null };

const CONTACT_COLUMNS = 'c.id, c.display_name, c.company, c.title, c.circle_id, c.archived_at';

function prepare(db: Database.Database) {
  return {
    namePrefix: db.prepare<{ from: string; to: string; archived: number; limit: number }, Row>(`
      SELECT k.key, ${CONTACT_COLUMNS} FROM contacts c JOIN search_keys k ON k.contact_id = c.id
      WHERE c.display_name >= @from COLLATE NOCASE AND c.display_name < @to COLLATE NOCASE AND (@archived OR c.archived_at IS NULL)
      ORDER BY c.display_name COLLATE NOCASE LIMIT @limit`),
    /** one or two letters, too short for trigrams: names or later words starting with them, folded,
     *  in ranking order straight off the index (migration 0033) */
    shortPrefix: db.prepare<{ prefix: string; archived: number; limit: number }, Row>(`
      SELECT k.key, ${CONTACT_COLUMNS} FROM search_name_prefixes p JOIN search_keys k ON k.key = p.key JOIN contacts c ON c.id = k.contact_id
      WHERE p.prefix = @prefix AND (@archived OR c.archived_at IS NULL)
      ORDER BY p.tier, p.name_key, p.key LIMIT @limit`),
    /** a short query with a space in it ("a b"): a later word of the name starting with it */
    wordStart: db.prepare<{ word: string; archived: number; limit: number }, Row>(`
      SELECT k.key, ${CONTACT_COLUMNS} FROM contacts c JOIN search_keys k ON k.contact_id = c.id
      WHERE (@archived OR c.archived_at IS NULL) AND c.display_name LIKE @word ESCAPE '\\'
      ORDER BY c.display_name COLLATE NOCASE LIMIT @limit`),
    nameMatches: db.prepare<{ match: string; archived: number; limit: number }, Row>(`
      SELECT n.rowid AS key, ${CONTACT_COLUMNS} FROM contact_names_fts n JOIN search_keys k ON k.key = n.rowid JOIN contacts c ON c.id = k.contact_id
      WHERE contact_names_fts MATCH @match AND (@archived OR c.archived_at IS NULL)
      LIMIT @limit`),
    fts: db.prepare<{ match: string; archived: number; limit: number }, Row>(`
      SELECT f.rowid AS key, ${CONTACT_COLUMNS}
      FROM contacts_fts f JOIN search_keys k ON k.key = f.rowid JOIN contacts c ON c.id = k.contact_id
      WHERE contacts_fts MATCH @match AND (@archived OR c.archived_at IS NULL)
      LIMIT @limit`),
    /** a number in any format: its E.164 form, through the methods' lookup index */
    phone: db.prepare<{ e164: string; archived: number; limit: number }, Row & { value: string }>(`
      SELECT k.key, ${CONTACT_COLUMNS}, m.value FROM contact_methods m JOIN contacts c ON c.id = m.contact_id JOIN search_keys k ON k.contact_id = c.id
      WHERE m.kind = 'phone' AND m.value_normalized = @e164 AND (@archived OR c.archived_at IS NULL)
      ORDER BY c.display_name COLLATE NOCASE LIMIT @limit`),
    /** the short columns; the interactions' text (kilobytes for a busy contact) only when needed */
    columns: db.prepare<{ key: number }, Omit<Columns, 'interactions'>>(`SELECT name, company, methods, tags, notes, how_met, facts, attachments FROM contacts_fts WHERE rowid = @key`),
    interactionsText: db.prepare<{ key: number }, { interactions: string | null }>(`SELECT interactions FROM contacts_fts WHERE rowid = @key`),
    /** a piece of one long column around the match, marked by the index itself; the tokens are
     *  trigrams, so 64 (the most snippet() takes) is about 64 characters */
    excerpt: db.prepare<{ match: string; key: number; column: number }, { excerpt: string | null }>(
      `SELECT snippet(contacts_fts, @column, char(2), char(3), '…', 64) AS excerpt FROM contacts_fts WHERE contacts_fts MATCH @match AND rowid = @key`,
    ),
    names: db.prepare<{}, { name: string }>(`SELECT name FROM contact_names_fts`),
  };
}
const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

/** the columns of contacts_fts, in their order there (snippet() takes the column's number) */
type Columns = { name: string; company: string | null; methods: string | null; tags: string | null; notes: string | null; how_met: string | null; facts: string | null; interactions: string | null; attachments: string | null };
const COLUMN_OF: Record<Exclude<ContactSearchHit['matchedIn'], 'name'>, { column: keyof Columns; index: number }> = {
  company: { column: 'company', index: 1 },
  methods: { column: 'methods', index: 2 },
  tags: { column: 'tags', index: 3 },
  notes: { column: 'notes', index: 4 },
  howMet: { column: 'how_met', index: 5 },
  facts: { column: 'facts', index: 6 },
  interactions: { column: 'interactions', index: 7 },
  attachments: { column: 'attachments', index: 8 },
};
/** reading order of a contact's card: the first of these that holds the query is where it matched */
const PLACES: ContactSearchHit['matchedIn'][] = ['name', 'company', 'methods', 'tags', 'notes', 'howMet', 'facts', 'interactions', 'attachments'];

const typoIndexes = new WeakMap<Database.Database, { generation: number; index: TypoIndex }>();
function typoIndexOf(db: Database.Database, s: ReturnType<typeof prepare>): TypoIndex {
  const generation = searchIndexGeneration(db);
  let t = typoIndexes.get(db);
  if (!t || t.generation !== generation) typoIndexes.set(db, (t = { generation, index: buildTypoIndex(s.names.all({}).map((r) => r.name)) }));
  return t.index;
}

/** hits offset .. offset + limit of the ranked answer: a later page ranks the pages before it too */
export function searchContacts(db: Database.Database, query: string, limit: number, includeArchived: boolean, refresh = true, offset = 0): ContactSearchHit[] {
  const q = query.trim();
  const want = offset + limit;
  if (!q) return [];
  if (refresh) refreshSearchIndex(db);
  let s = cache.get(db);
  if (!s) cache.set(db, (s = prepare(db)));
  const archived = includeArchived ? 1 : 0;
  const match = ftsMatchExpression(q);

  const found = new Map<string, Row>();
  const add = (rows: Row[]) => rows.forEach((r) => found.has(r.id) || found.set(r.id, r));
  // a whole number in any format ("030 12345678" for +49 30 12345678): whoever has that number, read
  // in the user's region and compared as E.164; a part of a number goes on to the text search below
  const e164 = looksLikePhoneNumber(q) ? toE164(q, phoneRegion(db)) : null;
  const byNumber = e164 ? s.phone.all({ e164, archived, limit: want }) : [];
  if (byNumber.length) return byNumber.slice(offset).map((r) => hit(r, 'methods', r.value));
  const short = shortQueryPrefix(q);
  if (short !== null) {
    return rank(s.shortPrefix.all({ prefix: short, archived, limit: want }), q, (r) => r.display_name)
      .slice(offset, want)
      .map((r) => hit(r, 'name', null));
  }
  add(s.namePrefix.all({ from: q, to: `${q}\uffff`, archived, limit: want }));

  if (match === null) {
    if (found.size < want) add(s.wordStart.all({ word: `% ${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`, archived, limit: want }));
    return rank([...found.values()], q, (r) => r.display_name)
      .slice(offset, want)
      .map((r) => hit(r, 'name', null));
  }

  const candidates = want * CANDIDATE_FACTOR;
  add(s.nameMatches.all({ match, archived, limit: candidates }));
  // every term is in these names (the names index holds nothing else): no column needs reading
  const byName = new Set(found.keys());
  if (found.size < want) add(s.fts.all({ match, archived, limit: candidates }));

  const terms = searchTerms(q);
  // one typo: each term of four letters or more may stand for a name word one edit away
  const typo = new Set<string>();
  if (found.size < want && terms.some((t) => t.length >= MIN_TYPO_TERM_LENGTH)) {
    const index = typoIndexOf(db, s);
    const corrected = terms.map((t) => [t, ...typoCorrections(index, t)]);
    if (corrected.some((c) => c.length > 1)) {
      const fuzzy = corrected.map((c) => `(${c.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ')})`).join(' AND ');
      // the trigram index finds the corrected word anywhere; only names with a word starting with it count
      const startsAWord = (name: string) => withoutPunctuation(foldForSearch(name)).split(/\s+/);
      for (const r of s.nameMatches.all({ match: fuzzy, archived, limit: candidates })) {
        if (found.has(r.id)) continue;
        const words = startsAWord(r.display_name);
        if (!corrected.every((c) => c.some((w) => words.some((word) => word.startsWith(w))))) continue;
        found.set(r.id, r);
        typo.add(r.id);
      }
    }
  }

  const placed = [...found.values()].map((r) => {
    const cols = columnReader(s, r.key);
    return { r, cols, matchedIn: typo.has(r.id) || byName.has(r.id) ? ('name' as const) : whereItMatched(cols, terms) };
  });
  return rank(placed, q, (x) => x.r.display_name, (x) => (typo.has(x.r.id) ? PLACES.length : PLACES.indexOf(x.matchedIn)))
    .slice(offset, want)
    .map(({ r, cols, matchedIn }) => hit(r, matchedIn, matchedIn === 'name' ? null : excerptOf(s, matchedIn, cols, terms, match, r.key), typo.has(r.id)));
}

/** a field this short is shown whole */
const EXCERPT_LENGTH = 120;

/** what the user sees under the name: the part of that field that matched, with the match marked */
function excerptOf(s: ReturnType<typeof prepare>, matchedIn: Exclude<ContactSearchHit['matchedIn'], 'name'>, cols: ColumnReader, terms: string[], match: string, key: number): string | null {
  const { column, index } = COLUMN_OF[matchedIn];
  const text = cols(column);
  if (!text) return null;
  // a fact or an interaction holding every term is shown whole ("Allergies: nuts"); a long one is cut by the index
  if (matchedIn === 'facts' || matchedIn === 'interactions' || matchedIn === 'attachments') {
    const part = text.split(SEARCH_PART_SEPARATOR).find((p) => terms.every((t) => foldForSearch(p).includes(t)));
    if (part && part.length <= EXCERPT_LENGTH) return markMatches(part, terms);
  }
  if (matchedIn === 'methods' || matchedIn === 'tags') {
    const word = matchingWord(text, terms);
    return word && markMatches(word, terms);
  }
  if (matchedIn === 'company' || text.length <= EXCERPT_LENGTH) return markMatches(text, terms);
  return s.excerpt.get({ match, key, column: index })?.excerpt ?? markMatches(text.slice(0, EXCERPT_LENGTH), terms);
}

function hit(r: Row, matchedIn: ContactSearchHit['matchedIn'], excerpt: string | null, typo = false): ContactSearchHit {
  return { id: r.id, displayName: r.display_name, company: r.company, title: r.title, circleId: r.circle_id, archivedAt: r.archived_at, matchedIn, excerpt, typo };
}

type ColumnReader = (column: keyof Columns) => string | null;
/** a contact's index columns, read when first asked for */
function columnReader(s: ReturnType<typeof prepare>, key: number): ColumnReader {
  let short: Omit<Columns, 'interactions'> | undefined;
  let interactions: string | null | undefined;
  return (column) => {
    if (column === 'interactions') return interactions === undefined ? (interactions = s.interactionsText.get({ key })?.interactions ?? null) : interactions;
    return (short ??= s.columns.get({ key }))?.[column] ?? null;
  };
}

/** the first part of the card (in reading order) that holds every term; else the first holding one */
function whereItMatched(cols: ColumnReader, terms: string[]): ContactSearchHit['matchedIn'] {
  const holds = (every: boolean) =>
    PLACES.find((place) => {
      const v = cols(place === 'name' ? 'name' : COLUMN_OF[place].column);
      if (!v) return false;
      const f = foldForSearch(v);
      const bare = place === 'name' ? withoutPunctuation(f) : f;
      const has = (t: string) => f.includes(t) || bare.includes(withoutPunctuation(t));
      return every ? terms.every(has) : terms.some(has);
    });
  return holds(true) ?? holds(false) ?? 'notes';
}

/** the email, phone or tag that matched, so the user sees why the contact is listed */
function matchingWord(text: string | null | undefined, terms: string[]): string | null {
  const words = text?.split(' ') ?? [];
  return words.find((w) => terms.some((t) => foldForSearch(w).includes(t))) ?? null;
}

/** by how well the name matches, then by `then`; stable, so the order found breaks ties */
function rank<T>(rows: T[], q: string, nameOf: (row: T) => string, then: (row: T) => number = () => 0): T[] {
  return rows
    .map((r, i) => ({ r, i, tier: nameMatchTier(nameOf(r), q), then: then(r) }))
    .sort((a, b) => a.tier - b.tier || a.then - b.then || a.i - b.i)
    .map((x) => x.r);
}

/** slices between which other calls run, that wait for a long write to finish and report a full disk */
export const searchSlices = (ctx: Pick<ServiceContext, 'sqlite' | 'status' | 'writes'>, stopped?: () => boolean) => ({
  guard: (slice: () => void) => catchUp(ctx.status, ctx.sqlite, 'search', slice),
  pause: async () => {
    await nextTurnWhenIdle(ctx.writes);
  },
  stopped,
});

/** how long a search waits for the index to catch up before it answers from what is indexed: the
 *  newest changes are indexed first, so what was just edited is found; after an upgrade or a big
 *  import the rest goes on in the background (minutes for a fresh 100,000 people), and the banner
 *  says a search may miss some people until then */
export const SEARCH_WAITS_FOR_INDEX_MS = 200;

const catchingUp = new WeakMap<Database.Database, Promise<void>>();

/** the index catches up slice by slice in the background, one run per connection (a second call
 *  joins the first); while it is behind, app.status says so */
export function catchUpSearchIndexInBackground(ctx: Pick<ServiceContext, 'sqlite' | 'status' | 'writes'>, stopped?: () => boolean, knownBehind = false): Promise<void> {
  const db = ctx.sqlite;
  const current = catchingUp.get(db);
  if (current) return current;
  if (db.readonly) return Promise.resolve();
  const behind = () => {
    if (ctx.status) ctx.status.searchIndexing = true;
  };
  if (knownBehind) behind();
  const run = (async () => {
    try {
      // a search that could not finish may come from inside an import's turn: the first slice after it
      await nextTurnWhenIdle(ctx.writes);
      await refreshSearchIndexInSlices(db, { ...searchSlices(ctx, stopped), behind });
    } finally {
      catchingUp.delete(db);
      if (ctx.status) ctx.status.searchIndexing = false;
    }
  })();
  catchingUp.set(db, run);
  return run;
}

export const searchHandlers: HandlerGroup<'contacts.search'> = {
  async 'contacts.search'(ctx, input) {
    // on a full disk the index cannot catch up: search what is indexed, and say so in the banner
    // while an import holds the write gate, search what is indexed: its contacts are marked and
    // indexed after it
    if (input.query.trim() && !ctx.writes?.busy) {
      const upToDate = await refreshSearchIndexInSlices(ctx.sqlite, { ...searchSlices(ctx), forMs: SEARCH_WAITS_FOR_INDEX_MS });
      if (!upToDate && ctx.sqlite.open) void catchUpSearchIndexInBackground(ctx, undefined, true).catch((err) => console.error('[kith] search index:', err));
    }
    return searchContacts(ctx.sqlite, input.query, input.limit, input.includeArchived, false, input.offset);
  },
};
