// Search as you type. Hot path: prepared statements on the raw connection (no query building per
// keystroke). Three characters or more go through the FTS5 trigram index; shorter queries match
// the start of names. Exact name matches come first, then names that start with the query, then
// the rest by FTS rank (bm25, names weighted highest).
import type Database from 'better-sqlite3';
import type { ContactSearchHit } from '../../shared/domain/contact';
import { foldForSearch, ftsMatchExpression, nameMatchTier } from '../../shared/domain/search';
import type { HandlerGroup } from './context';

/** FTS candidates looked at before ranking by name; more than any screen shows */
const CANDIDATES = 200;
const COLUMNS = ['name', 'company', 'methods', 'tags', 'notes'] as const;

interface Statements {
  fts: Database.Statement<[{ match: string; archived: number; limit: number }]>;
  prefix: Database.Statement<[{ start: string; word: string; archived: number; limit: number }]>;
}
const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      fts: db.prepare(`
        SELECT c.id, c.display_name, c.company, c.title, c.circle_id, c.archived_at,
               f.name AS f_name, f.company AS f_company, f.methods AS f_methods, f.tags AS f_tags,
               snippet(contacts_fts, 5, char(2), char(3), '…', 10) AS notes_excerpt
        FROM contacts_fts f JOIN contacts c ON c.rowid = f.rowid
        WHERE contacts_fts MATCH @match AND (@archived OR c.archived_at IS NULL)
        ORDER BY bm25(contacts_fts, 0, 12, 4, 3, 3, 1)
        LIMIT @limit`),
      prefix: db.prepare(`
        SELECT c.id, c.display_name, c.company, c.title, c.circle_id, c.archived_at
        FROM contacts c
        WHERE (@archived OR c.archived_at IS NULL)
          AND (c.display_name LIKE @start ESCAPE '\\' OR c.given_name LIKE @start ESCAPE '\\' OR c.family_name LIKE @start ESCAPE '\\'
               OR c.nickname LIKE @start ESCAPE '\\' OR c.display_name LIKE @word ESCAPE '\\')
        ORDER BY c.display_name COLLATE NOCASE
        LIMIT @limit`),
    };
    cache.set(db, s);
  }
  return s;
}

type Row = { id: string; display_name: string; company: string | null; title: string | null; circle_id: string | null; archived_at: number | null };
type FtsRow = Row & { f_name: string; f_company: string | null; f_methods: string | null; f_tags: string | null; notes_excerpt: string | null };

export function searchContacts(db: Database.Database, query: string, limit: number, includeArchived: boolean): ContactSearchHit[] {
  const q = query.trim();
  if (!q) return [];
  const s = statements(db);
  const match = ftsMatchExpression(q);
  if (match === null) {
    const escaped = q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const rows = s.prefix.all({ start: `${escaped}%`, word: `% ${escaped}%`, archived: includeArchived ? 1 : 0, limit }) as Row[];
    return rank(rows.map((r) => hit(r, 'name', null)), q).slice(0, limit);
  }
  const rows = s.fts.all({ match, archived: includeArchived ? 1 : 0, limit: Math.max(CANDIDATES, limit) }) as FtsRow[];
  const terms = foldForSearch(q).split(/\s+/);
  return rank(
    rows.map((r) => {
      const matchedIn = whereItMatched(r, terms);
      return hit(r, matchedIn, matchedIn === 'notes' ? r.notes_excerpt : matchedIn === 'name' || matchedIn === 'company' ? null : excerptOf(r, matchedIn, terms));
    }),
    q,
  ).slice(0, limit);
}

function hit(r: Row, matchedIn: ContactSearchHit['matchedIn'], excerpt: string | null): ContactSearchHit {
  return { id: r.id, displayName: r.display_name, company: r.company, title: r.title, circleId: r.circle_id, archivedAt: r.archived_at, matchedIn, excerpt };
}

/** the first column (in the order a person reads a card) that holds every term */
function whereItMatched(r: FtsRow, terms: string[]): ContactSearchHit['matchedIn'] {
  const values: Record<(typeof COLUMNS)[number], string | null> = { name: r.f_name, company: r.f_company, methods: r.f_methods, tags: r.f_tags, notes: null };
  for (const col of COLUMNS) {
    const v = values[col];
    if (v && terms.every((t) => foldForSearch(v).includes(t))) return col;
  }
  return 'notes';
}

/** the email, phone or tag that matched, to show why the contact is in the results */
function excerptOf(r: FtsRow, col: 'methods' | 'tags', terms: string[]): string | null {
  const words = (col === 'methods' ? r.f_methods : r.f_tags)?.split(' ') ?? [];
  return words.find((w) => terms.some((t) => foldForSearch(w).includes(t))) ?? words[0] ?? null;
}

/** stable: keeps the FTS order within a tier */
function rank(hits: ContactSearchHit[], q: string): ContactSearchHit[] {
  return hits
    .map((h, i) => ({ h, i, tier: nameMatchTier(h.displayName, q) }))
    .sort((a, b) => a.tier - b.tier || a.i - b.i)
    .map((x) => x.h);
}

export const searchHandlers: HandlerGroup<'contacts.search'> = {
  async 'contacts.search'(ctx, input) {
    return searchContacts(ctx.sqlite, input.query, input.limit, input.includeArchived);
  },
};
