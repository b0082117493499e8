// Each contact's last interaction, kept on the contact by triggers in the same transaction as every
// participant write, so "sort by last interaction" reads an index instead of a max() per contact
// (800 ms a page at 100,000 contacts before; see docs/benchmarks.md).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE contacts ADD COLUMN last_interaction_at INTEGER`,
    `UPDATE contacts SET last_interaction_at = (SELECT max(p.occurred_at) FROM interaction_participants p WHERE p.contact_id = contacts.id)`,
    // DESC puts contacts never talked to (NULL) last, as the list wants
    `CREATE INDEX contacts_active_by_last ON contacts(last_interaction_at DESC, id) WHERE archived_at IS NULL`,
    `CREATE INDEX contacts_archived_by_last ON contacts(last_interaction_at DESC, id) WHERE archived_at IS NOT NULL`,
    `CREATE TRIGGER last_interaction_on_insert AFTER INSERT ON interaction_participants BEGIN
       UPDATE contacts SET last_interaction_at = NEW.occurred_at
       WHERE id = NEW.contact_id AND (last_interaction_at IS NULL OR last_interaction_at < NEW.occurred_at);
     END`,
    `CREATE TRIGGER last_interaction_on_delete AFTER DELETE ON interaction_participants BEGIN
       UPDATE contacts SET last_interaction_at = (SELECT max(occurred_at) FROM interaction_participants WHERE contact_id = OLD.contact_id)
       WHERE id = OLD.contact_id AND last_interaction_at = OLD.occurred_at;
     END`,
    `CREATE TRIGGER last_interaction_on_update AFTER UPDATE OF occurred_at, contact_id ON interaction_participants BEGIN
       UPDATE contacts SET last_interaction_at = (SELECT max(occurred_at) FROM interaction_participants WHERE contact_id = OLD.contact_id) WHERE id = OLD.contact_id;
       UPDATE contacts SET last_interaction_at = (SELECT max(occurred_at) FROM interaction_participants WHERE contact_id = NEW.contact_id) WHERE id = NEW.contact_id;
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
