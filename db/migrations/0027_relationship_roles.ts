// Relationship roles the user defines (issue 15, point 11): godparent ↔ godchild, manager ↔ report,
// ex ↔ ex. A role has a name and an inverse name (none when it reads the same both ways); a link of
// such a role is stored as kind 'custom' with role_id, from being the role's name of to ("from is
// the godparent of to"), like the built-in 'parent'.
//
// SQLite cannot change a CHECK, so relationships is rebuilt; its indexes and triggers (sync marks
// from 0020) are read from the schema and made again on the new table. role_id has no ON DELETE:
// a role in use cannot be deleted until the user said what becomes of its links.
import { sql, type Kysely } from 'kysely';

const SYNCED = `EXISTS (SELECT 1 FROM sync_collections WHERE kind = 'contacts')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const kept = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE tbl_name = 'relationships' AND type IN ('index', 'trigger') AND sql IS NOT NULL`.execute(db);
  const statements = [
    `CREATE TABLE relationship_roles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      inverse_name TEXT CHECK (inverse_name IS NULL OR length(trim(inverse_name)) > 0),
      created_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE TABLE relationships_new (
      id TEXT PRIMARY KEY,
      from_contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      to_contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('partner','parent','sibling','colleague','friend','introduced','custom')),
      role_id TEXT REFERENCES relationship_roles(id),
      created_at INTEGER NOT NULL,
      CHECK (from_contact_id <> to_contact_id),
      CHECK ((kind = 'custom') = (role_id IS NOT NULL))
    ) STRICT`,
    `INSERT INTO relationships_new (id, from_contact_id, to_contact_id, kind, role_id, created_at) SELECT id, from_contact_id, to_contact_id, kind, NULL, created_at FROM relationships`,
    `DROP TABLE relationships`,
    `ALTER TABLE relationships_new RENAME TO relationships`,
    // one link per pair, kind and role (the old UNIQUE, with the role: NULLs would not collide)
    `CREATE UNIQUE INDEX relationships_unique ON relationships(from_contact_id, to_contact_id, kind, coalesce(role_id, ''))`,
    `CREATE INDEX relationships_role ON relationships(role_id) WHERE role_id IS NOT NULL`,
    ...kept.rows.map((r) => r.sql),
    // a role renamed: every card that carries a link of it (RELATED;X-KITH-ROLE)
    `CREATE TRIGGER sync_changes_role_rename AFTER UPDATE OF name, inverse_name ON relationship_roles WHEN ${SYNCED} BEGIN
       UPDATE sync_contact_changes SET seq = (SELECT max(seq) + 1 FROM sync_contact_changes)
         WHERE contact_id IN (SELECT from_contact_id FROM relationships WHERE role_id = NEW.id UNION SELECT to_contact_id FROM relationships WHERE role_id = NEW.id);
       INSERT INTO sync_contact_changes (contact_id, seq)
         SELECT id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_contact_changes)
         FROM (SELECT from_contact_id AS id FROM relationships WHERE role_id = NEW.id UNION SELECT to_contact_id FROM relationships WHERE role_id = NEW.id)
         WHERE id NOT IN (SELECT contact_id FROM sync_contact_changes);
     END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
