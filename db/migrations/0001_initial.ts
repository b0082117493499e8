// The whole domain model of DESIGN.md. Written as plain SQL so the file says exactly what is stored.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE circles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
      color TEXT NOT NULL,
      default_cadence_days INTEGER NOT NULL CHECK (default_cadence_days >= 0),
      sort_order INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE TABLE contacts (
      id TEXT PRIMARY KEY,
      display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
      given_name TEXT,
      family_name TEXT,
      nickname TEXT,
      company TEXT,
      title TEXT,
      circle_id TEXT REFERENCES circles(id) ON DELETE SET NULL,
      importance TEXT NOT NULL DEFAULT 'regular' CHECK (importance IN ('inner','regular','outer')),
      birthday_month INTEGER CHECK (birthday_month BETWEEN 1 AND 12),
      birthday_day INTEGER CHECK (birthday_day BETWEEN 1 AND 31),
      birthday_year INTEGER,
      how_met TEXT,
      introduced_by_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
      notes TEXT NOT NULL DEFAULT '',
      cadence_days INTEGER CHECK (cadence_days >= 0),
      checkin_snoozed_until INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      archived_at INTEGER
    ) STRICT`,
    `CREATE INDEX contacts_circle ON contacts(circle_id)`,
    `CREATE INDEX contacts_name ON contacts(display_name COLLATE NOCASE)`,
    `CREATE INDEX contacts_archived ON contacts(archived_at)`,
    `CREATE TABLE contact_photos (
      contact_id TEXT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
      mime TEXT NOT NULL,
      data BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE TABLE contact_methods (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('email','phone','address','website','social')),
      label TEXT,
      value TEXT NOT NULL,
      value_normalized TEXT NOT NULL,
      is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0,1)),
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT`,
    `CREATE INDEX contact_methods_contact ON contact_methods(contact_id)`,
    `CREATE INDEX contact_methods_lookup ON contact_methods(kind, value_normalized)`,
    `CREATE TABLE contact_dates (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
      day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
      year INTEGER
    ) STRICT`,
    `CREATE INDEX contact_dates_contact ON contact_dates(contact_id)`,
    `CREATE TABLE tags (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
      color TEXT,
      created_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE TABLE contact_tags (
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (contact_id, tag_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX contact_tags_tag ON contact_tags(tag_id, contact_id)`,
    `CREATE TABLE relationships (
      id TEXT PRIMARY KEY,
      from_contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      to_contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('partner','parent','sibling','colleague','friend','introduced')),
      created_at INTEGER NOT NULL,
      CHECK (from_contact_id <> to_contact_id),
      UNIQUE (from_contact_id, to_contact_id, kind)
    ) STRICT`,
    `CREATE INDEX relationships_to ON relationships(to_contact_id)`,
    `CREATE TABLE interactions (
      id TEXT PRIMARY KEY,
      occurred_at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('call','video','meeting','message','email','social','other')),
      direction TEXT NOT NULL CHECK (direction IN ('outbound','inbound','mutual')),
      duration_minutes INTEGER CHECK (duration_minutes >= 0),
      rating INTEGER CHECK (rating BETWEEN 1 AND 5),
      summary TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX interactions_occurred ON interactions(occurred_at)`,
    `CREATE TABLE interaction_participants (
      interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      occurred_at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      direction TEXT NOT NULL,
      rating INTEGER,
      PRIMARY KEY (interaction_id, contact_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX participants_by_contact ON interaction_participants(contact_id, occurred_at DESC, kind, direction, rating)`,
    `CREATE TABLE reminders (
      id TEXT PRIMARY KEY,
      contact_id TEXT REFERENCES contacts(id) ON DELETE CASCADE,
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      notes TEXT NOT NULL DEFAULT '',
      due_date TEXT NOT NULL,
      due_time TEXT,
      recurrence_unit TEXT NOT NULL DEFAULT 'none' CHECK (recurrence_unit IN ('none','day','week','month','year')),
      recurrence_interval INTEGER NOT NULL DEFAULT 1 CHECK (recurrence_interval >= 1),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','dismissed')),
      snoozed_until INTEGER,
      last_notified_at INTEGER,
      completed_at INTEGER,
      source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','birthday','anniversary','checkin')),
      source_key TEXT UNIQUE,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX reminders_open_due ON reminders(status, due_date, due_time)`,
    `CREATE INDEX reminders_contact ON reminders(contact_id)`,
    `CREATE TABLE value_entries (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      occurred_on TEXT NOT NULL,
      amount_minor INTEGER NOT NULL,
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      kind TEXT NOT NULL CHECK (kind IN ('invoiced','paid')),
      note TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL
    ) STRICT`,
    `CREATE INDEX value_entries_contact ON value_entries(contact_id, occurred_on)`,
    `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);

  // The four circles every new user starts with; ids are fixed so exports and fixtures agree.
  const seeded = [
    ['circle-family', 'Family', '#e5484d', 14, 0],
    ['circle-friends', 'Friends', '#30a46c', 30, 1],
    ['circle-colleagues', 'Colleagues', '#0090ff', 60, 2],
    ['circle-clients', 'Clients', '#f76b15', 30, 3],
  ] as const;
  const now = Date.now();
  for (const [id, name, color, cadence, order] of seeded) {
    await sql`INSERT INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at)
              VALUES (${id}, ${name}, ${color}, ${cadence}, ${order}, ${now}, ${now})`.execute(db);
  }
}
