// Contact sync finds what changed in Kith without reading every contact (docs/sync.md, "What Kith
// changed"): a change sequence per contact, written by triggers in the same transaction as any
// write to what a synced card is made of, whichever service (form, import, bulk edit, merge, undo)
// made it.
//
// - sync_contact_changes: per contact, the sequence number of its newest change (one counter for
//   all contacts: a change gets the highest number so far plus one). Only while an address book is
//   synced (the triggers' WHEN), so Kith without sync pays nothing; contacts that have no row then
//   count as number 0, and a contact with no status row is sent anyway.
// - sync_items.local_seq: the contact's number when the item last agreed with the server. A pass
//   looks at the contacts whose number is higher (plus those never sent and the deleted ones), and
//   still compares hashes, so a write that changed nothing sync carries sends nothing.
// - sync_items.merged_into: the contact a merged-away contact went into; its card waits for the
//   user's confirmation like an archived one, and the confirmation list says where it went.
import { sql, type Kysely } from 'kysely';

const SYNCED = `EXISTS (SELECT 1 FROM sync_collections WHERE kind = 'contacts')`;

/** the contacts `ids` (a SELECT of contact ids) changed: each gets the next number */
const markAll = (ids: string) =>
  `UPDATE sync_contact_changes SET seq = (SELECT max(seq) + 1 FROM sync_contact_changes) WHERE contact_id IN (${ids});
   INSERT INTO sync_contact_changes (contact_id, seq) SELECT id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_contact_changes)
     FROM (${ids.replace(/^SELECT (\S+)/, 'SELECT DISTINCT $1 AS id')}) WHERE id IS NOT NULL AND id NOT IN (SELECT contact_id FROM sync_contact_changes);`;
const mark = (idExpr: string) => markAll(`SELECT ${idExpr}`);

/** a child table of contacts: each insert, update and delete marks its contact (both, when an update moves it) */
const childTriggers = (table: string, column = 'contact_id') => [
  `CREATE TRIGGER sync_changes_${table}_insert AFTER INSERT ON ${table} WHEN ${SYNCED} BEGIN ${mark(`NEW.${column}`)} END`,
  `CREATE TRIGGER sync_changes_${table}_delete AFTER DELETE ON ${table} WHEN ${SYNCED} BEGIN ${mark(`OLD.${column}`)} END`,
  `CREATE TRIGGER sync_changes_${table}_update AFTER UPDATE ON ${table} WHEN ${SYNCED} BEGIN ${mark(`OLD.${column}`)} ${mark(`NEW.${column}`)} END`,
];

// what a card is made of on the contact's own row (docs/sync.md "What travels"), and its archive state
const CARD_COLUMNS = ['id', 'display_name', 'given_name', 'family_name', 'nickname', 'company', 'title', 'circle_id', 'importance', 'birthday_month', 'birthday_day', 'birthday_year', 'how_met', 'introduced_by_id', 'notes', 'cadence_days', 'archived_at'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE sync_contact_changes (contact_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT, WITHOUT ROWID`,
    `CREATE INDEX sync_contact_changes_seq ON sync_contact_changes(seq)`,
    `ALTER TABLE sync_items ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE sync_items ADD COLUMN merged_into TEXT`,
    // contacts already synced are looked at once more by the next pass (their edits before this migration were found by hashing)
    `INSERT INTO sync_contact_changes (contact_id, seq) SELECT DISTINCT item_id, 1 FROM sync_items WHERE kind = 'contacts'`,

    `CREATE TRIGGER sync_changes_contact_insert AFTER INSERT ON contacts WHEN ${SYNCED} BEGIN ${mark('NEW.id')} END`,
    `CREATE TRIGGER sync_changes_contact_update AFTER UPDATE OF ${CARD_COLUMNS.join(', ')} ON contacts
     WHEN ${SYNCED} AND (${CARD_COLUMNS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}) BEGIN ${mark('OLD.id')} ${mark('NEW.id')} END`,
    ...childTriggers('contact_methods'),
    ...childTriggers('contact_tags'),
    ...childTriggers('contact_dates'),
    ...childTriggers('contact_photos'),
    // a relationship is on both people's cards (RELATED)
    `CREATE TRIGGER sync_changes_relationship_insert AFTER INSERT ON relationships WHEN ${SYNCED} BEGIN ${mark('NEW.from_contact_id')} ${mark('NEW.to_contact_id')} END`,
    `CREATE TRIGGER sync_changes_relationship_delete AFTER DELETE ON relationships WHEN ${SYNCED} BEGIN ${mark('OLD.from_contact_id')} ${mark('OLD.to_contact_id')} END`,
    `CREATE TRIGGER sync_changes_relationship_update AFTER UPDATE ON relationships WHEN ${SYNCED} BEGIN
       ${mark('OLD.from_contact_id')} ${mark('OLD.to_contact_id')} ${mark('NEW.from_contact_id')} ${mark('NEW.to_contact_id')} END`,
    // a tag or circle renamed: every card that names it (CATEGORIES, X-KITH-CIRCLE)
    `CREATE TRIGGER sync_changes_tag_rename AFTER UPDATE OF name ON tags WHEN ${SYNCED} AND OLD.name IS NOT NEW.name BEGIN
       ${markAll('SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id')} END`,
    `CREATE TRIGGER sync_changes_circle_rename AFTER UPDATE OF name ON circles WHEN ${SYNCED} AND OLD.name IS NOT NEW.name BEGIN
       ${markAll('SELECT id FROM contacts WHERE circle_id = NEW.id')} END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
