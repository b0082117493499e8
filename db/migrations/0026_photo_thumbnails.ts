// Photo thumbnails for lists (issue 15, point 6): the contacts list, search results, pickers and the
// dashboard show a small image per row, so each photo gets a 64 px thumbnail beside it. Thumbnails
// are derived: triggers queue a photo in thumbnail_dirty whenever it is written, however it was
// written (the photo dialog, an import, a sync, a restore, a merge), and electron/services/thumbnails.ts
// makes the queued ones in slices. An empty `data` marks a photo no thumbnail could be made of.
import { sql, type Kysely } from 'kysely';

const queue = (contact: string) => `INSERT INTO thumbnail_dirty SELECT ${contact} WHERE NOT EXISTS (SELECT 1 FROM thumbnail_dirty WHERE contact_id = ${contact});`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE contact_thumbnails (
      contact_id TEXT PRIMARY KEY,
      data BLOB NOT NULL
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE thumbnail_dirty (contact_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID`,
    `CREATE TRIGGER contact_photos_thumb_insert AFTER INSERT ON contact_photos BEGIN
      DELETE FROM contact_thumbnails WHERE contact_id = NEW.contact_id;
      ${queue('NEW.contact_id')}
    END`,
    `CREATE TRIGGER contact_photos_thumb_update AFTER UPDATE OF contact_id, mime, data ON contact_photos BEGIN
      DELETE FROM contact_thumbnails WHERE contact_id IN (OLD.contact_id, NEW.contact_id);
      DELETE FROM thumbnail_dirty WHERE contact_id = OLD.contact_id AND OLD.contact_id <> NEW.contact_id;
      ${queue('NEW.contact_id')}
    END`,
    `CREATE TRIGGER contact_photos_thumb_delete AFTER DELETE ON contact_photos BEGIN
      DELETE FROM contact_thumbnails WHERE contact_id = OLD.contact_id;
      DELETE FROM thumbnail_dirty WHERE contact_id = OLD.contact_id;
    END`,
    // the photos already stored: made by the backfill after the first screen
    `INSERT INTO thumbnail_dirty SELECT contact_id FROM contact_photos`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
