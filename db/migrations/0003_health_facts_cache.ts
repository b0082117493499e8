// A per-contact cache of what the health score is computed from (db/queries/health.ts): the
// contact's own fields and the facts reduced from its interactions, valid for one local day in one
// time zone. Triggers drop a contact's row in the same transaction as any change to the contact, its
// interactions or the circles, so a cached row always equals a fresh computation (a property test
// in tests/integration/health.test.ts checks it). It makes the dashboard one scan of one table
// instead of five index lookups per contact.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE health_facts_cache (
      contact_id TEXT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
      zone TEXT NOT NULL,
      day INTEGER NOT NULL,
      cadence INTEGER NOT NULL,
      computed_at INTEGER NOT NULL,
      -- the contact's fields and its HealthFacts joined by char(31), read back in one piece
      packed TEXT NOT NULL
    ) STRICT, WITHOUT ROWID`,
    `CREATE TRIGGER health_facts_on_insert AFTER INSERT ON interaction_participants BEGIN
       DELETE FROM health_facts_cache WHERE contact_id = NEW.contact_id;
     END`,
    `CREATE TRIGGER health_facts_on_delete AFTER DELETE ON interaction_participants BEGIN
       DELETE FROM health_facts_cache WHERE contact_id = OLD.contact_id;
     END`,
    `CREATE TRIGGER health_facts_on_update AFTER UPDATE ON interaction_participants BEGIN
       DELETE FROM health_facts_cache WHERE contact_id IN (OLD.contact_id, NEW.contact_id);
     END`,
    // any edit of a contact (name, circle, cadence, snooze, archive) and any change of a circle
    `CREATE TRIGGER health_facts_on_contact AFTER UPDATE ON contacts BEGIN
       DELETE FROM health_facts_cache WHERE contact_id = OLD.id;
     END`,
    `CREATE TRIGGER health_facts_on_circle_update AFTER UPDATE ON circles BEGIN
       DELETE FROM health_facts_cache;
     END`,
    `CREATE TRIGGER health_facts_on_circle_delete AFTER DELETE ON circles BEGIN
       DELETE FROM health_facts_cache;
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
