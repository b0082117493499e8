// THE list of benchmarks `npm run bench` runs on every data set. Adding one is a few lines:
//
//   {
//     name: 'dashboard (health for all, overdue, coming up)',
//     budget: { stat: 'p50', ms: 25 },
//     needs: ['health.dashboard'],
//     api: (env) => env.call('health.dashboard', {}),
//     sql: (env) => stmt(env, `SELECT … one query doing the same work …`).all(env.now),
//   },
//
// `api` runs through the real dispatcher; `sql` (optional) is the same work as raw SQL, for the
// "API overhead" ratio. `run` counts up from 0, so each run can ask about someone else.
import type Database from 'better-sqlite3';
import type { Benchmark, BenchEnv } from './harness';
import { dashboardData, settleHealth } from '../../electron/services/health';
import { catchUpSearchIndexInBackground, searchContacts } from '../../electron/services/search';
import { computeHealth, weeklyScores, type HealthInteraction, type HealthSubject } from '../../shared/domain/health';
import { effectiveCadence } from '../../shared/domain/cadence';

/** the zone the bench backend's clock reports (bench-worker.ts) */
const BENCH_ZONE = 'Europe/Berlin';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** a prepared statement on the env's raw connection, prepared once */
export function stmt(env: BenchEnv, source: string): Database.Statement {
  let cache = statements.get(env.sqlite);
  if (!cache) statements.set(env.sqlite, (cache = new Map()));
  let s = cache.get(source);
  if (!s) cache.set(source, (s = env.sqlite.prepare(source)));
  return s;
}

/** the n-th sample, going round */
const nth = (list: string[], run: number) => list[run % list.length]!;

const LIST_PAGE = 100;
const TIMELINE_PAGE = 30;

/** contacts.list's columns for one row, as raw SQL: the same text the API runs */
const LIST_COLUMNS = `c.id, c.display_name, c.given_name, c.family_name, c.company, c.title, c.circle_id, c.importance, c.archived_at,
  c.last_interaction_at,
  (SELECT m.kind || ':' || m.value FROM contact_methods m WHERE m.contact_id = c.id AND m.kind IN ('email', 'phone') ORDER BY m.kind = 'email' DESC, m.is_primary DESC, m.sort_order LIMIT 1) AS reach,
  (SELECT group_concat(t.name, char(31)) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tag_names`;

/** a first page and the total, which triggers keep in contact_counts (migration 0033), as contacts.list reads it */
function rawContactsPage(env: BenchEnv, order: string) {
  const total = stmt(env, `SELECT total(n) FROM contact_counts WHERE archived = 0`).pluck().get();
  const items = stmt(env, `SELECT ${LIST_COLUMNS} FROM contacts c WHERE c.archived_at IS NULL ORDER BY ${order}, c.id LIMIT ? OFFSET ?`).all(LIST_PAGE, 0);
  return { total, items };
}

/** a timeline page as raw SQL: keyset over the covering index, then the interactions and who took part */
function rawTimelinePage(env: BenchEnv, contactId: string, cursor: { occurredAt: number; id: string } | null) {
  const page = (
    cursor
      ? stmt(env, `SELECT interaction_id FROM interaction_participants WHERE contact_id = ? AND (occurred_at < ? OR (occurred_at = ? AND interaction_id < ?))
                   ORDER BY occurred_at DESC, interaction_id DESC LIMIT ${TIMELINE_PAGE + 1}`).pluck().all(contactId, cursor.occurredAt, cursor.occurredAt, cursor.id)
      : stmt(env, `SELECT interaction_id FROM interaction_participants WHERE contact_id = ? ORDER BY occurred_at DESC, interaction_id DESC LIMIT ${TIMELINE_PAGE + 1}`)
          .pluck()
          .all(contactId)
  ) as string[];
  const ids = JSON.stringify(page.slice(0, TIMELINE_PAGE));
  const items = stmt(env, `SELECT i.* FROM interactions i WHERE i.id IN (SELECT value FROM json_each(?))`).all(ids);
  const people = stmt(
    env,
    `SELECT p.interaction_id, c.id, c.display_name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id
     WHERE p.interaction_id IN (SELECT value FROM json_each(?)) ORDER BY c.display_name`,
  ).all(ids);
  return { items, people, more: page.length > TIMELINE_PAGE };
}

function rawContact(env: BenchEnv, id: string) {
  return {
    row: stmt(env, `SELECT c.*, ci.default_cadence_days FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.id = ?`).get(id),
    methods: stmt(env, `SELECT * FROM contact_methods WHERE contact_id = ? ORDER BY sort_order`).all(id),
    dates: stmt(env, `SELECT * FROM contact_dates WHERE contact_id = ? ORDER BY month, day`).all(id),
    tags: stmt(env, `SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name`).all(id),
    photo: stmt(env, `SELECT mime, data FROM contact_photos WHERE contact_id = ?`).get(id),
  };
}

/** health.forContact as raw SQL: the contact's cadence and its interactions off the covering index, scored now and for each of the last 12 weeks */
function rawContactHealth(env: BenchEnv, id: string) {
  const row = stmt(env, `SELECT c.cadence_days, ci.default_cadence_days, c.created_at, c.checkin_snoozed_until, c.importance FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.id = ?`).get(id) as
    | { cadence_days: number | null; default_cadence_days: number | null; created_at: number; checkin_snoozed_until: number | null; importance: HealthSubject['importance'] }
    | undefined;
  if (!row) throw new Error(`no contact ${id}`);
  const subject: HealthSubject = { cadenceDays: effectiveCadence(row.cadence_days, row.default_cadence_days), createdAt: row.created_at, snoozedUntil: row.checkin_snoozed_until, importance: row.importance };
  const interactions = stmt(env, `SELECT interaction_id AS id, occurred_at AS occurredAt, kind, direction, rating FROM interaction_participants WHERE contact_id = ? ORDER BY occurred_at DESC`).all(id) as HealthInteraction[];
  return { health: computeHealth(subject, interactions, env.now, BENCH_ZONE), weekly: weeklyScores(subject, interactions, env.now, BENCH_ZONE) };
}

/** the names people type: real display names from the data, lower-cased as typed */
let searchTerms: string[] = [];
async function typedPrefixes(env: BenchEnv): Promise<string[]> {
  const names = stmt(env, `SELECT display_name FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(env.samples.spread)) as string[];
  return names.map((n) => n.toLowerCase());
}

let vcardFile = '';
/** 10,000 vCard 3.0 cards, with names, emails, phones, a birthday and a note each */
export function tenThousandVcards(): string {
  const cards: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    cards.push(
      ['BEGIN:VCARD', 'VERSION:3.0', `N:Import${i};Person;;;`, `FN:Person Import${i}`, `EMAIL;TYPE=INTERNET:person.import${i}@bench.example`, `TEL;TYPE=CELL:+44 20 7946 ${String(i).padStart(4, '0')}`, `BDAY:19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`, `NOTE:Imported for the benchmark\, card ${i}`, 'CATEGORIES:bench,imported', 'END:VCARD'].join('\r\n'),
    );
  }
  return cards.join('\r\n') + '\r\n';
}

/** cursors through the busiest contact's whole timeline, so paging runs walk deep into it */
let timelineCursors: ({ occurredAt: number; id: string } | null)[] = [null];

export const benchmarks: Benchmark[] = [
  {
    name: `contacts.list, first ${LIST_PAGE} by name`,
    api: (env) => env.call('contacts.list', { sort: 'name', limit: LIST_PAGE }),
    sql: (env) => rawContactsPage(env, 'c.display_name COLLATE NOCASE'),
  },
  {
    name: `contacts.list, first ${LIST_PAGE} by last interaction`,
    api: (env) => env.call('contacts.list', { sort: 'lastInteraction', limit: LIST_PAGE }),
    sql: (env) => rawContactsPage(env, 'c.last_interaction_at DESC'),
  },
  {
    name: 'interactions.log (one call, one person)',
    budget: { stat: 'p95', ms: 2 },
    api: (env, run) =>
      env.call('interactions.log', {
        kind: 'call',
        direction: 'outbound',
        durationMinutes: 12,
        rating: 4,
        summary: 'Bench: quick call',
        occurredAt: env.now - (run + 1) * 60_000,
        participantIds: [nth(env.samples.spread, run)],
      }),
    sql: (env, run) => {
      const id = `bench-raw-${run}-${env.now}`;
      const occurredAt = env.now - (run + 1) * 60_000;
      env.sqlite.transaction(() => {
        stmt(env, `SELECT id FROM contacts WHERE id = ?`).get(nth(env.samples.spread, run));
        stmt(env, `INSERT INTO interactions (id, occurred_at, kind, direction, duration_minutes, rating, summary, notes, created_at, updated_at) VALUES (?, ?, 'call', 'outbound', 12, 4, 'Bench: quick call', '', ?, ?)`).run(id, occurredAt, env.now, env.now);
        stmt(env, `INSERT INTO interaction_participants (interaction_id, contact_id, occurred_at, kind, direction, rating) VALUES (?, ?, ?, 'call', 'outbound', 4)`).run(id, nth(env.samples.spread, run), occurredAt);
      })();
      // what the API answers: the interaction with who took part (the floor read the row alone before)
      return {
        row: stmt(env, `SELECT * FROM interactions WHERE id = ?`).get(id),
        people: stmt(env, `SELECT p.interaction_id, c.id, c.display_name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id WHERE p.interaction_id = ? ORDER BY c.display_name`).all(id),
      };
    },
  },
  {
    name: `contact page (contacts.get + first ${TIMELINE_PAGE} of the timeline + health.forContact: score and sparkline)`,
    needs: ['health.forContact'],
    api: async (env, run) => {
      const id = nth(run % 2 ? env.samples.spread : env.samples.busiest, run);
      return Promise.all([
        env.call('contacts.get', { id }),
        env.call('interactions.listForContact', { contactId: id, limit: TIMELINE_PAGE }),
        env.call('health.forContact', { contactId: id }),
      ]);
    },
    // the same reads as prepared statements, and the same pure health maths over them
    sql: (env, run) => {
      const id = nth(run % 2 ? env.samples.spread : env.samples.busiest, run);
      return [rawContact(env, id), rawTimelinePage(env, id, null), rawContactHealth(env, id)];
    },
  },
  {
    name: `timeline paging (next ${TIMELINE_PAGE}, busiest contact)`,
    setup: async (env) => {
      // walk the whole timeline once to know every page's cursor
      timelineCursors = [null];
      const contactId = env.samples.busiest[0]!;
      for (;;) {
        const page = await env.call('interactions.listForContact', { contactId, limit: TIMELINE_PAGE, cursor: timelineCursors.at(-1) });
        if (!page.nextCursor) break;
        timelineCursors.push(page.nextCursor);
      }
    },
    api: (env, run) => env.call('interactions.listForContact', { contactId: env.samples.busiest[0]!, limit: TIMELINE_PAGE, cursor: timelineCursors[run % timelineCursors.length] }),
    sql: (env, run) => rawTimelinePage(env, env.samples.busiest[0]!, timelineCursors[run % timelineCursors.length] ?? null),
  },

  {
    name: 'dashboard (health for all, overdue, coming up)',
    budget: { stat: 'p50', ms: 25 },
    needs: ['health.dashboard'],
    api: (env) => env.call('health.dashboard', {}),
    // the same queries over the health table on the raw connection, without the dispatcher
    sql: (env) => dashboardData({ sqlite: env.sqlite }, env.now, BENCH_ZONE),
  },
  ...[1, 2, 3, 5].map(
    (chars): Benchmark => ({
      name: `search as you type, ${chars} character${chars > 1 ? 's' : ''}`,
      budget: { stat: 'p95', ms: 5 },
      needs: ['contacts.search'],
      setup: async (env) => {
        searchTerms = await typedPrefixes(env);
      },
      api: (env, run) => env.call('contacts.search', { query: nth(searchTerms, run).slice(0, chars) }),
      // the search service's own prepared statements, without the dispatcher
      sql: (env, run) => searchContacts(env.sqlite, nth(searchTerms, run).slice(0, chars), 20, false),
    }),
  ),
  {
    // before the import below, which adds 10,000 contacts to the file
    name: 'duplicates scan (every active contact: emails, phones, name keys)',
    budget: { stat: 'p50', ms: 1000 },
    needs: ['duplicates.list'],
    api: (env) => env.call('duplicates.list', { limit: 100 }),
    // the floor: the same reads, and the exact-match groups SQL can make without folding names
    sql: (env) => ({
      methods: stmt(
        env,
        `SELECT m.kind, m.value_normalized, group_concat(m.contact_id) FROM contact_methods m JOIN contacts c ON c.id = m.contact_id
         WHERE m.kind IN ('email', 'phone') AND c.archived_at IS NULL GROUP BY m.kind, m.value_normalized HAVING count(DISTINCT m.contact_id) BETWEEN 2 AND 8`,
      ).all(),
      names: stmt(env, `SELECT lower(display_name), group_concat(id) FROM contacts WHERE archived_at IS NULL GROUP BY lower(display_name) HAVING count(*) BETWEEN 2 AND 8`).all(),
    }),
  },
  {
    name: 'import 10,000 vCards (preview + commit, one transaction)',
    budget: { stat: 'p50', ms: 3000 },
    runs: 3,
    needs: ['transfer.importPreview', 'transfer.importCommit'],
    setup: () => {
      vcardFile = Buffer.from(tenThousandVcards()).toString('base64');
    },
    api: async (env, run) => {
      const preview = await env.call('transfer.importPreview', { source: { kind: 'upload', fileName: `bench-${run}.vcf`, base64: vcardFile } });
      return env.call('transfer.importCommit', { sessionId: preview!.sessionId, defaultAction: 'keepBoth' });
    },
    // a committed import leaves its contacts' health to be worked out in background slices (about
    // 300 ms of work for 10,000), and a file just opened has its search index to catch up: a
    // person's next import finds both done, the next timed run did not
    between: async (env) => {
      await catchUpSearchIndexInBackground(env.backend.ctx);
      await settleHealth(env.backend.ctx);
    },
  },
];

/** The cold start: a fresh process opens the file, migrates it and answers the first dashboard. */
export const COLD_START = {
  budget: { stat: 'p50', ms: 300 } as const,
  method: 'health.dashboard',
  input: {} as Record<string, unknown>,
  /** the same first answer on a bare better-sqlite3 connection: no migration check, no dispatcher */
  sql: (db: Database.Database, now: number) => dashboardData({ sqlite: db }, now, BENCH_ZONE),
};

/**
 * "Longest stall": the worst latency of a trivial call (app.info, one Kysely read) made every
 * 10 ms while long work runs beside it — no call may stall another for more than 50 ms. And the
 * memory a large JSON export adds to the app. Measured by stall.ts.
 */
/** "Sync at scale" (sync-scale.ts, issue 16): an incremental sync with one change, end to end, on large */
export const SYNC = {
  budgetMs: 500,
  server: 'radicale',
  /** the second server, for the daily passes only (large paired, then its incremental passes): a
   *  server of another make keeps the figures from describing one server's costs alone */
  alsoOn: 'xandikos',
  /** the cards sent by the "to" first sync: radicale's PUT of a new card reads every card it holds, so 10,000 would take hours */
  toCount: 1000,
} as const;

export const MEMORY = {
  /** the back end's own memory after every page, at rest, on huge (issue 18) */
  budgetMB: 300,
  /** how long the process sits idle after the last page before it is read "at rest" */
  restMs: 15_000,
} as const;

export const STALL = {
  budgetMs: 50,
  memoryBudgetMB: 200,
  tickMs: 10,
  method: 'app.info',
} as const;
