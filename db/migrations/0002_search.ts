// Full-text search over contacts (FTS5, trigram: partial words match; case and diacritics folded).
//
// Keeping the index in step: SQL triggers on every table a contact's search text is built from
// (contacts, contact_methods, contact_tags, tags) note the contact in search_dirty, so imports,
// restores and any other writer never need to remember the index. Before every search the noted
// contacts are re-indexed in one set-based pass (electron/services/searchIndex.ts). Triggers
// that rewrote the FTS row directly made a bulk import about nine times slower: a contact with
// two emails and a tag was re-tokenised four times.
//
// FTS rows are keyed by search_keys.rowid (an INTEGER PRIMARY KEY, so VACUUM never renumbers it),
// not by contacts.rowid (which VACUUM may change, contacts having a TEXT primary key).
import { sql, type Kysely } from 'kysely';

// an append to a rowid table is the cheapest write there is; duplicates are merged at the flush
const markContact = (idExpr: string) => `INSERT INTO search_dirty (contact_id) VALUES (${idExpr});`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE search_keys (key INTEGER PRIMARY KEY, contact_id TEXT NOT NULL UNIQUE) STRICT`,
    `CREATE TABLE search_dirty (contact_id TEXT NOT NULL) STRICT`,
    `CREATE VIRTUAL TABLE contacts_fts USING fts5(name, company, methods, tags, notes, tokenize = 'trigram remove_diacritics 1')`,
    // names alone, so "does any name contain it" stays cheap when the query is common elsewhere
    `CREATE VIRTUAL TABLE contact_names_fts USING fts5(name, tokenize = 'trigram remove_diacritics 1')`,

    `CREATE TRIGGER search_contact_insert AFTER INSERT ON contacts BEGIN ${markContact('NEW.id')} END`,
    `CREATE TRIGGER search_contact_update AFTER UPDATE OF id, display_name, given_name, family_name, nickname, company, title, notes ON contacts BEGIN
      ${markContact('OLD.id')} ${markContact('NEW.id')} END`,
    `CREATE TRIGGER search_contact_delete AFTER DELETE ON contacts BEGIN ${markContact('OLD.id')} END`,
    `CREATE TRIGGER search_method_insert AFTER INSERT ON contact_methods BEGIN ${markContact('NEW.contact_id')} END`,
    `CREATE TRIGGER search_method_update AFTER UPDATE ON contact_methods BEGIN ${markContact('OLD.contact_id')} ${markContact('NEW.contact_id')} END`,
    `CREATE TRIGGER search_method_delete AFTER DELETE ON contact_methods BEGIN ${markContact('OLD.contact_id')} END`,
    `CREATE TRIGGER search_tag_link_insert AFTER INSERT ON contact_tags BEGIN ${markContact('NEW.contact_id')} END`,
    `CREATE TRIGGER search_tag_link_delete AFTER DELETE ON contact_tags BEGIN ${markContact('OLD.contact_id')} END`,
    `CREATE TRIGGER search_tag_rename AFTER UPDATE OF name ON tags BEGIN
      INSERT INTO search_dirty (contact_id) SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id; END`,

    // the contacts list pages through active (or archived) contacts by name without sorting the
    // table each time; an index on archived_at alone only misled the planner into that sort
    `DROP INDEX contacts_archived`,
    `CREATE INDEX contacts_active_by_name ON contacts(display_name COLLATE NOCASE, id) WHERE archived_at IS NULL`,
    `CREATE INDEX contacts_archived_by_name ON contacts(display_name COLLATE NOCASE, id) WHERE archived_at IS NOT NULL`,
    // the relationship list of a contact reads both directions; "introduced" reads the field back
    `CREATE INDEX relationships_from ON relationships(from_contact_id)`,
    `CREATE INDEX contacts_introduced_by ON contacts(introduced_by_id)`,

    // every existing contact is indexed at the first search
    `INSERT INTO search_dirty (contact_id) SELECT id FROM contacts`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
