// Attachments (issue 17.7): files on a contact or on an interaction, kept inside the data file.
//
// Why in the file and not in a folder beside it: a write is one SQLite transaction (the file and its
// row appear together or not at all), the backups (VACUUM INTO, electron/transfer/backups.ts), a
// restore and the JSON export already carry every table, and nothing can drift apart between a folder
// and the rows that name it. The bytes live once per content (attachment_blobs, keyed by SHA-256):
// the same photo attached to three dinners is stored once. A blob goes when its last row goes
// (trigger).
//
// An attachment belongs to a contact (gone with the contact) or to an interaction. Deleting one is
// soft for a while (deleted_at) so Undo can bring it back; deleting an interaction leaves its
// attachments ownerless and deleted, so Undo of that delete can hang them back on it
// (electron/services/attachments.ts purges both after the undo window).
//
// Search finds a contact by a file's name (its own files and those on its interactions): contacts_fts
// gains an attachments column (FTS5 cannot add one, so it is made again, as 0018 did, and every
// contact is indexed again at the first search, in slices).
import { sql, type Kysely } from 'kysely';

const markContact = (idExpr: string) => `INSERT INTO search_dirty (contact_id) SELECT ${idExpr} WHERE ${idExpr} IS NOT NULL;`;
const markParticipants = (interactionIdExpr: string) =>
  `INSERT INTO search_dirty (contact_id) SELECT contact_id FROM interaction_participants WHERE interaction_id = ${interactionIdExpr};`;
const markOwner = (row: 'NEW' | 'OLD') => `${markContact(`${row}.contact_id`)} ${markParticipants(`${row}.interaction_id`)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE attachment_blobs (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      size INTEGER NOT NULL CHECK (size > 0),
      data BLOB NOT NULL CHECK (length(data) = size)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      contact_id TEXT REFERENCES contacts(id) ON DELETE CASCADE,
      interaction_id TEXT REFERENCES interactions(id) ON DELETE SET NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      media_type TEXT NOT NULL,
      sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
      size INTEGER NOT NULL CHECK (size > 0),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER,
      CHECK (contact_id IS NULL OR interaction_id IS NULL)
    ) STRICT`,
    `CREATE INDEX attachments_by_contact ON attachments(contact_id, created_at) WHERE contact_id IS NOT NULL`,
    `CREATE INDEX attachments_by_interaction ON attachments(interaction_id) WHERE interaction_id IS NOT NULL`,
    `CREATE INDEX attachments_by_blob ON attachments(sha256)`,
    `CREATE INDEX attachments_deleted ON attachments(deleted_at) WHERE deleted_at IS NOT NULL`,
    // the bytes go with the last row that names them (a contact deleted for good cascades here too)
    `CREATE TRIGGER attachment_blob_release AFTER DELETE ON attachments
      WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = OLD.sha256)
      BEGIN DELETE FROM attachment_blobs WHERE sha256 = OLD.sha256; END`,
    `CREATE TRIGGER search_attachment_insert AFTER INSERT ON attachments BEGIN ${markOwner('NEW')} END`,
    `CREATE TRIGGER search_attachment_update AFTER UPDATE OF name, deleted_at, contact_id, interaction_id ON attachments BEGIN ${markOwner('OLD')} ${markOwner('NEW')} END`,
    `CREATE TRIGGER search_attachment_delete AFTER DELETE ON attachments BEGIN ${markOwner('OLD')} END`,
    `DROP TABLE contacts_fts`,
    `CREATE VIRTUAL TABLE contacts_fts USING fts5(name, company, methods, tags, notes, how_met, facts, interactions, attachments, tokenize = 'trigram remove_diacritics 1')`,
    `INSERT INTO search_dirty (contact_id) SELECT id FROM contacts`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
