// Search reaches everything a user wrote about a person (issue 15): "how we met", personal facts and
// the summaries and notes of their interactions each get a column of their own, so a hit can say
// which field it came from and show an excerpt of that field alone.
//
// The interactions' text is indexed per contact (the distinct summaries and notes of everything
// they took part in), not per interaction: a search answers contacts, so one row per contact keeps
// every MATCH bounded by contacts, and 500,000 interactions do not become 500,000 FTS rows.
// Triggers note the contacts concerned in search_dirty, as 0002 does; the index is rebuilt for
// every contact at the first search after this migration (electron/services/searchIndex.ts).
import { sql, type Kysely } from 'kysely';

const markContact = (idExpr: string) => `INSERT INTO search_dirty (contact_id) VALUES (${idExpr});`;
const markParticipants = (interactionIdExpr: string) =>
  `INSERT INTO search_dirty (contact_id) SELECT contact_id FROM interaction_participants WHERE interaction_id = ${interactionIdExpr};`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `DROP TABLE contacts_fts`,
    `CREATE VIRTUAL TABLE contacts_fts USING fts5(name, company, methods, tags, notes, how_met, facts, interactions, tokenize = 'trigram remove_diacritics 1')`,
    // how_met joins the columns whose change re-indexes the contact
    `DROP TRIGGER search_contact_update`,
    `CREATE TRIGGER search_contact_update AFTER UPDATE OF id, display_name, given_name, family_name, nickname, company, title, notes, how_met ON contacts BEGIN
      ${markContact('OLD.id')} ${markContact('NEW.id')} END`,
    `CREATE TRIGGER search_interaction_update AFTER UPDATE OF summary, notes ON interactions BEGIN ${markParticipants('NEW.id')} END`,
    `CREATE TRIGGER search_participant_insert AFTER INSERT ON interaction_participants BEGIN ${markContact('NEW.contact_id')} END`,
    `CREATE TRIGGER search_participant_delete AFTER DELETE ON interaction_participants BEGIN ${markContact('OLD.contact_id')} END`,
    // the names index gains the name without punctuation ("ONeill" beside "O'Neill"): rebuilt too
    `DELETE FROM contact_names_fts`,
    `INSERT INTO search_dirty (contact_id) SELECT id FROM contacts`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
