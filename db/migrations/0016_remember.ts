// What matters about each person (issue 17): personal facts, next-time topics, life events, gifts
// and money lent or borrowed. Each row belongs to one contact and goes with it (ON DELETE CASCADE).
//
// Facts are part of the contact's search text: triggers note the contact in search_dirty, as the
// tables of 0002 do, and electron/services/searchIndex.ts folds them into the index.
import { sql, type Kysely } from 'kysely';

const markContact = (idExpr: string) => `INSERT INTO search_dirty (contact_id) VALUES (${idExpr});`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // "Kids: Luis (7), Ana (4)", "Allergies: nuts", "Partner: John": ordered per contact
    `CREATE TABLE contact_facts (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      label TEXT NOT NULL CHECK (length(trim(label)) > 0),
      type TEXT NOT NULL CHECK (type IN ('text','number','date','link')),
      value TEXT NOT NULL CHECK (length(trim(value)) > 0),
      sort_order INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX contact_facts_by_contact ON contact_facts(contact_id, sort_order)`,
    `CREATE TRIGGER search_fact_insert AFTER INSERT ON contact_facts BEGIN ${markContact('NEW.contact_id')} END`,
    `CREATE TRIGGER search_fact_update AFTER UPDATE OF contact_id, label, value ON contact_facts BEGIN ${markContact('OLD.contact_id')} ${markContact('NEW.contact_id')} END`,
    `CREATE TRIGGER search_fact_delete AFTER DELETE ON contact_facts BEGIN ${markContact('OLD.contact_id')} END`,

    // "ask about the marathon": open until ticked off, then remembers when and in which interaction
    `CREATE TABLE next_topics (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      created_at INTEGER NOT NULL,
      done_at INTEGER,
      done_interaction_id TEXT REFERENCES interactions(id) ON DELETE SET NULL
    ) STRICT`,
    `CREATE INDEX next_topics_by_contact ON next_topics(contact_id, done_at, created_at)`,

    // dated events on a person's timeline; the reminders they created stay the user's own
    `CREATE TABLE life_events (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('new_job','moved','married','baby','graduated','loss','custom')),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      occurred_on TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      followup_reminder_id TEXT REFERENCES reminders(id) ON DELETE SET NULL,
      yearly_reminder_id TEXT REFERENCES reminders(id) ON DELETE SET NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX life_events_by_contact ON life_events(contact_id, occurred_on)`,

    // ideas (with a link and a price) and gifts given or received, by occasion and date
    `CREATE TABLE gifts (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      status TEXT NOT NULL CHECK (status IN ('idea','given','received')),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      url TEXT,
      price_minor INTEGER CHECK (price_minor >= 0),
      currency TEXT CHECK (length(currency) = 3),
      occasion TEXT,
      on_date TEXT,
      note TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((price_minor IS NULL) = (currency IS NULL))
    ) STRICT`,
    `CREATE INDEX gifts_by_contact ON gifts(contact_id, status)`,

    // personal money, apart from client value: who owes whom, in the loan's own currency
    `CREATE TABLE money_loans (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      direction TEXT NOT NULL CHECK (direction IN ('lent','borrowed')),
      amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      occurred_on TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      settled_on TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX money_loans_by_contact ON money_loans(contact_id, occurred_on)`,
    `CREATE INDEX money_loans_open ON money_loans(currency, direction) WHERE settled_on IS NULL`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
