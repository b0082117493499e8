// CardDAV/CalDAV sync (docs/sync.md), after vdirsyncer's algorithm:
// - sync_accounts: a server and who logs in (the password is kept by the credential store, never here).
// - sync_collections: the collections synced for an account (the address book; later the task list
//   and the journal), with the server's vCard version and the RFC 6578 sync token of the last
//   finished pass (written only after every change of that pass is applied, so a killed sync
//   starts again from the old token and redoes nothing twice: every step below is idempotent).
// - sync_items: one status row per synced item: its href and ETag on the server, the hash of each
//   side's content when they last agreed, and that agreed card itself (the base of the three-way
//   merge, and the keeper of the properties Kith does not model). No foreign key to the item: a
//   contact deleted in Kith keeps its row until the deletion has reached the server. synced_at: when
//   the row was last written, so "changed in Kith since" is an indexed comparison with updated_at.
// - sync_conflicts: what could not be merged, kept on both sides until the user decides.
// - sync_problems: items of the last pass that could not be applied (a malformed card), by href.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE sync_accounts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      server_url TEXT NOT NULL,
      username TEXT NOT NULL,
      last_sync_at INTEGER,
      last_error TEXT,
      created_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE TABLE sync_collections (
      account_id TEXT NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('contacts', 'tasks', 'journal')),
      url TEXT NOT NULL,
      name TEXT NOT NULL,
      vcard_version TEXT CHECK (vcard_version IN ('3.0', '4.0')),
      sync_token TEXT,
      PRIMARY KEY (account_id, kind)
    ) STRICT`,
    `CREATE TABLE sync_items (
      account_id TEXT NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('contacts', 'tasks', 'journal')),
      item_id TEXT NOT NULL,
      href TEXT NOT NULL,
      etag TEXT,
      local_hash TEXT NOT NULL,
      remote_hash TEXT NOT NULL,
      base TEXT NOT NULL,
      deletion TEXT CHECK (deletion IN ('asked', 'confirmed')),
      synced_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, kind, item_id)
    ) STRICT`,
    `CREATE UNIQUE INDEX sync_items_href ON sync_items(account_id, href)`,
    `CREATE TABLE sync_conflicts (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      item_id TEXT NOT NULL,
      href TEXT NOT NULL,
      remote_etag TEXT,
      remote_card TEXT NOT NULL,
      fields TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (account_id, kind, item_id)
    ) STRICT`,
    `CREATE TABLE sync_problems (
      account_id TEXT NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
      href TEXT NOT NULL,
      reason TEXT NOT NULL,
      seen_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, href)
    ) STRICT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
