// Search as you type, on the hot path: prepared statements on the raw connection, and every query
// bounded by a LIMIT so a keystroke never ranks the whole table.
//   1. names that are, or start with, the query (the name index);
//   2. names that contain it anywhere (a trigram index of names alone);
//   3. if the page is not full yet: anything else (company, emails, phones, tags, notes), the first
//      few matches. No bm25: its document frequencies make it read every match of a common term.
// Ranked: exact names first, then names starting with the query (diacritics folded), other names,
// then by where it matched: company, emails and phones, tags, notes.
import type Database from 'better-sqlite3';
import type { ContactSearchHit } from '../../shared/domain/contact';
import { foldForSearch, ftsMatchExpression, nameMatchTier, searchTerms } from '../../shared/domain/search';
import type { HandlerGroup } from './context';
import { refreshSearchIndex } from './searchIndex';
import { looksLikePhoneNumber, toE164 } from '../../shared/domain/phone';
import { phoneRegion } from './phones';
import { catchUp } from '../backend-status';

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
    /** one or two letters, too short for trigrams: a later word of the name starting with them */
    wordStart: db.prepare<{ word: string; archived: number; limit: number }, Row>(`
      SELECT k.key, ${CONTACT_COLUMNS} FROM contacts c JOIN search_keys k ON k.contact_id = c.id
      WHERE (@archived OR c.archived_at IS NULL) AND c.display_name LIKE @word ESCAPE '\\'
      ORDER BY c.display_name COLLATE NOCASE LIMIT @limit`),
    names: db.prepare<{ match: string; archived: number; limit: number }, Row>(`
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
    columns: db.prepare<{ key: number }, { name: string; company: string | null; methods: string | null; tags: string | null }>(
      `SELECT name, company, methods, tags FROM contacts_fts WHERE rowid = @key`,
    ),
    facts: db.prepare<{ id: string }, { label: string; value: string }>(`SELECT label, value FROM contact_facts WHERE contact_id = @id ORDER BY sort_order`),
    notesExcerpt: db.prepare<{ match: string; key: number }, { excerpt: string | null }>(
      `SELECT snippet(contacts_fts, 4, char(2), char(3), '…', 10) AS excerpt FROM contacts_fts WHERE contacts_fts MATCH @match AND rowid = @key`,
    ),
  };
}
const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

export function searchContacts(db: Database.Database, query: string, limit: number, includeArchived: boolean, refresh = true): ContactSearchHit[] {
  const q = query.trim();
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
  const byNumber = e164 ? s.phone.all({ e164, archived, limit }) : [];
  if (byNumber.length) return byNumber.map((r) => hit(r, 'methods', r.value));
  add(s.namePrefix.all({ from: q, to: `${q}\uffff`, archived, limit }));

  if (match === null) {
    if (found.size < limit) add(s.wordStart.all({ word: `% ${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`, archived, limit }));
    return rank([...found.values()], q, (r) => r.display_name)
      .slice(0, limit)
      .map((r) => hit(r, 'name', null));
  }

  const candidates = limit * CANDIDATE_FACTOR;
  add(s.names.all({ match, archived, limit: candidates }));
  if (found.size < limit) add(s.fts.all({ match, archived, limit: candidates }));

  const terms = searchTerms(q);
  const placed = [...found.values()].map((r) => {
    const cols = s.columns.get({ key: r.key });
    return { r, cols, matchedIn: whereItMatched(cols, terms) };
  });
  return rank(placed, q, (x) => x.r.display_name, (x) => PLACES.indexOf(x.matchedIn))
    .slice(0, limit)
    .map(({ r, cols, matchedIn }) => {
      if (matchedIn === 'notes') {
        // a personal fact that holds every term is shown as itself ("Allergies: nuts")
        const fact = s.facts.all({ id: r.id }).find((f) => terms.every((t) => foldForSearch(`${f.label}: ${f.value}`).includes(t)));
        if (fact) return hit(r, 'facts', `${fact.label}: ${fact.value}`);
      }
      if (matchedIn === 'notes') return hit(r, matchedIn, s.notesExcerpt.get({ match, key: r.key })?.excerpt ?? null);
      if (matchedIn === 'methods' || matchedIn === 'tags') return hit(r, matchedIn, matchingWord(matchedIn === 'methods' ? cols?.methods : cols?.tags, terms));
      return hit(r, matchedIn, null);
    });
}

const PLACES: ContactSearchHit['matchedIn'][] = ['name', 'company', 'methods', 'tags', 'notes', 'facts'];

function hit(r: Row, matchedIn: ContactSearchHit['matchedIn'], excerpt: string | null): ContactSearchHit {
  return { id: r.id, displayName: r.display_name, company: r.company, title: r.title, circleId: r.circle_id, archivedAt: r.archived_at, matchedIn, excerpt };
}

/** the first part of the card (in reading order) that holds every term; notes otherwise */
function whereItMatched(cols: { name: string; company: string | null; methods: string | null; tags: string | null } | undefined, terms: string[]): ContactSearchHit['matchedIn'] {
  for (const key of ['name', 'company', 'methods', 'tags'] as const) {
    const v = cols?.[key];
    if (v && terms.every((t) => foldForSearch(v).includes(t))) return key;
  }
  return 'notes';
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

export const searchHandlers: HandlerGroup<'contacts.search'> = {
  async 'contacts.search'(ctx, input) {
    // on a full disk the index cannot catch up: search what is indexed, and say so in the banner
    if (input.query.trim()) catchUp(ctx.status, ctx.sqlite, 'search', () => refreshSearchIndex(ctx.sqlite));
    return searchContacts(ctx.sqlite, input.query, input.limit, input.includeArchived, false);
  },
};
