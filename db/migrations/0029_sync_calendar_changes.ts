// A CalDAV pass finds what Kith changed without reading every reminder and interaction (docs/sync.md,
// "Reminders and interactions"), as contacts do with 0020's change numbers:
//
// - sync_item_changes: one row per (account, kind, item) changed in Kith since it last agreed with
//   that account's collection, with the number of its newest change. Triggers write it in the same
//   transaction as the change (a reminder's synced columns, an interaction, its people), whichever
//   service made it, and only for accounts that sync that kind (a row per collection, so two
//   accounts each see the change). A pass reads these rows only — none when nothing changed — and
//   removes a row, in the transaction that records the agreement, only if its number is still the
//   one it read (an edit made while the pass waited for the server stays marked).
// - A collection turned on, or pointed at another calendar, marks every item of its kind once: the
//   first pass pairs or sends them all. Turned off, its rows go.
import { sql, type Kysely } from 'kysely';

type Kind = 'tasks' | 'journal';

const next = `(SELECT coalesce(max(seq), 0) + 1 FROM sync_item_changes)`;

/** item `idExpr` of `kind` changed: marked for every collection of that kind */
const mark = (kind: Kind, idExpr: string) =>
  `INSERT INTO sync_item_changes (account_id, kind, item_id, seq) SELECT account_id, kind, ${idExpr}, ${next} FROM sync_collections WHERE kind = '${kind}'
   ON CONFLICT (account_id, kind, item_id) DO UPDATE SET seq = excluded.seq;`;

const when = (kind: Kind) => `WHEN EXISTS (SELECT 1 FROM sync_collections WHERE kind = '${kind}')`;

/** insert, delete and (of `columns`) update of `table` mark the item `column` names */
const triggers = (kind: Kind, table: string, column: string, columns: string[]) => [
  `CREATE TRIGGER sync_item_changes_${table}_insert AFTER INSERT ON ${table} ${when(kind)} BEGIN ${mark(kind, `NEW.${column}`)} END`,
  `CREATE TRIGGER sync_item_changes_${table}_delete AFTER DELETE ON ${table} ${when(kind)} BEGIN ${mark(kind, `OLD.${column}`)} END`,
  `CREATE TRIGGER sync_item_changes_${table}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table}
   ${when(kind)} AND (${columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) BEGIN ${mark(kind, `OLD.${column}`)} ${column === 'id' ? '' : mark(kind, `NEW.${column}`)} END`,
];

// what a VTODO is made of (todo-ical.ts), and what decides whether a reminder is synced at all (source, series)
const REMINDER_COLUMNS = ['title', 'notes', 'due_date', 'due_time', 'recurrence_unit', 'recurrence_interval', 'status', 'snoozed_until', 'contact_id', 'source', 'series_id'];
// what a VJOURNAL is made of (journal-ical.ts)
const INTERACTION_COLUMNS = ['occurred_at', 'kind', 'direction', 'duration_minutes', 'rating', 'summary', 'notes'];

/** every item of the collection's kind, for one account (the collection's first pass, or a new calendar) */
const markCollection = (row: 'NEW') =>
  `INSERT INTO sync_item_changes (account_id, kind, item_id, seq)
     SELECT ${row}.account_id, ${row}.kind, id, ${next} FROM reminders WHERE ${row}.kind = 'tasks'
     UNION ALL SELECT ${row}.account_id, ${row}.kind, id, ${next} FROM interactions WHERE ${row}.kind = 'journal'
   ON CONFLICT (account_id, kind, item_id) DO UPDATE SET seq = excluded.seq;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE sync_item_changes (
      account_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('tasks', 'journal')),
      item_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (account_id, kind, item_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX sync_item_changes_seq ON sync_item_changes(seq)`,
    ...triggers('tasks', 'reminders', 'id', REMINDER_COLUMNS),
    ...triggers('journal', 'interactions', 'id', INTERACTION_COLUMNS),
    ...triggers('journal', 'interaction_participants', 'interaction_id', ['interaction_id', 'contact_id']),
    `CREATE TRIGGER sync_item_changes_collection_insert AFTER INSERT ON sync_collections WHEN NEW.kind IN ('tasks', 'journal') BEGIN ${markCollection('NEW')} END`,
    `CREATE TRIGGER sync_item_changes_collection_moved AFTER UPDATE OF url ON sync_collections WHEN NEW.kind IN ('tasks', 'journal') AND OLD.url IS NOT NEW.url BEGIN ${markCollection('NEW')} END`,
    `CREATE TRIGGER sync_item_changes_collection_delete AFTER DELETE ON sync_collections WHEN OLD.kind IN ('tasks', 'journal') BEGIN
       DELETE FROM sync_item_changes WHERE account_id = OLD.account_id AND kind = OLD.kind; END`,
    // collections synced before this migration: their next pass looks at every item once more (deleted ones too)
    `INSERT INTO sync_item_changes (account_id, kind, item_id, seq)
       SELECT c.account_id, c.kind, r.id, 1 FROM sync_collections c JOIN reminders r ON c.kind = 'tasks'
       UNION SELECT c.account_id, c.kind, i.id, 1 FROM sync_collections c JOIN interactions i ON c.kind = 'journal'
       UNION SELECT account_id, kind, item_id, 1 FROM sync_items WHERE kind IN ('tasks', 'journal')`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
