// Full-text search over contacts (FTS5, trigram: partial words match; case and diacritics folded).
// One row per contact, rowid = contacts.rowid. SQL triggers on every table the row is built from
// keep it in step, so imports, restores and any other writer never need to remember it.
import { sql, type Kysely } from 'kysely';

/** the statement that (re)writes the search rows of the contacts chosen by `where` (on alias c) */
const fillRows = (where: string) => `
  INSERT INTO contacts_fts (rowid, contact_id, name, company, methods, tags, notes)
  SELECT c.rowid, c.id,
    concat_ws(' ', c.display_name, c.given_name, c.family_name, c.nickname),
    concat_ws(' ', c.company, c.title),
    (SELECT group_concat(m.value || ' ' || m.value_normalized, ' ') FROM contact_methods m
      WHERE m.contact_id = c.id AND m.kind IN ('email', 'phone', 'social')),
    (SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id),
    c.notes
  FROM contacts c WHERE ${where};`;

const dropRow = (contactIdExpr: string) => `DELETE FROM contacts_fts WHERE rowid = (SELECT rowid FROM contacts WHERE id = ${contactIdExpr});`;
const refresh = (contactIdExpr: string) => `${dropRow(contactIdExpr)}${fillRows(`c.id = ${contactIdExpr}`)}`;

/** names alone, so "does any name contain it" stays cheap when the query is common elsewhere */
const fillName = (where: string) => `
  INSERT INTO contact_names_fts (rowid, name)
  SELECT c.rowid, concat_ws(' ', c.display_name, c.given_name, c.family_name, c.nickname) FROM contacts c WHERE ${where};`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE VIRTUAL TABLE contact_names_fts USING fts5(name, tokenize = 'trigram remove_diacritics 1')`,
    `CREATE TRIGGER contact_names_fts_insert AFTER INSERT ON contacts BEGIN ${fillName('c.id = NEW.id')} END`,
    `CREATE TRIGGER contact_names_fts_update AFTER UPDATE OF display_name, given_name, family_name, nickname ON contacts BEGIN
      DELETE FROM contact_names_fts WHERE rowid = OLD.rowid; ${fillName('c.id = NEW.id')} END`,
    `CREATE TRIGGER contact_names_fts_delete AFTER DELETE ON contacts BEGIN DELETE FROM contact_names_fts WHERE rowid = OLD.rowid; END`,
    `CREATE VIRTUAL TABLE contacts_fts USING fts5(
      contact_id UNINDEXED, name, company, methods, tags, notes,
      tokenize = 'trigram remove_diacritics 1'
    )`,
    `CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN ${fillRows('c.id = NEW.id')} END`,
    `CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, given_name, family_name, nickname, company, title, notes ON contacts BEGIN
      DELETE FROM contacts_fts WHERE rowid = OLD.rowid; ${fillRows('c.id = NEW.id')} END`,
    `CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN DELETE FROM contacts_fts WHERE rowid = OLD.rowid; END`,
    `CREATE TRIGGER contact_methods_fts_insert AFTER INSERT ON contact_methods BEGIN ${refresh('NEW.contact_id')} END`,
    `CREATE TRIGGER contact_methods_fts_update AFTER UPDATE ON contact_methods BEGIN ${refresh('OLD.contact_id')} ${refresh('NEW.contact_id')} END`,
    `CREATE TRIGGER contact_methods_fts_delete AFTER DELETE ON contact_methods BEGIN ${refresh('OLD.contact_id')} END`,
    `CREATE TRIGGER contact_tags_fts_insert AFTER INSERT ON contact_tags BEGIN ${refresh('NEW.contact_id')} END`,
    `CREATE TRIGGER contact_tags_fts_delete AFTER DELETE ON contact_tags BEGIN ${refresh('OLD.contact_id')} END`,
    `CREATE TRIGGER tags_fts_rename AFTER UPDATE OF name ON tags BEGIN
      DELETE FROM contacts_fts WHERE rowid IN (SELECT c.rowid FROM contacts c JOIN contact_tags ct ON ct.contact_id = c.id WHERE ct.tag_id = NEW.id);
      ${fillRows('c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id)')} END`,
    // the contacts list pages through active (or archived) contacts by name without sorting the
    // table each time; an index on archived_at alone only misled the planner into that sort
    `DROP INDEX contacts_archived`,
    `CREATE INDEX contacts_active_by_name ON contacts(display_name COLLATE NOCASE, id) WHERE archived_at IS NULL`,
    `CREATE INDEX contacts_archived_by_name ON contacts(display_name COLLATE NOCASE, id) WHERE archived_at IS NOT NULL`,
    // the relationship list of a contact reads both directions
    `CREATE INDEX IF NOT EXISTS relationships_from ON relationships(from_contact_id)`,
    `CREATE INDEX IF NOT EXISTS contacts_introduced_by ON contacts(introduced_by_id)`,
    fillRows('1'),
    fillName('1'),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
