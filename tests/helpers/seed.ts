// A database with something in every table, for export and restore tests.
import type { TestBackend } from './backend';
import { dataTables } from '../../db/derived';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export async function seedEverything(kith: TestBackend): Promise<{ ada: string; charles: string }> {
  kith.sqlite.prepare(`INSERT INTO circles (id, name, color, default_cadence_days, sort_order, created_at, updated_at) VALUES ('circle-book', 'Book club', '#8e4ec6', 21, 4, 5, 6)`).run();
  const charles = await kith.call('contacts.create', { displayName: 'Charles Babbage', circleId: 'circle-colleagues', methods: [{ kind: 'phone', value: '+44 20 7946 0100', label: 'Work' }] });
  const ada = await kith.call('contacts.create', {
    displayName: 'Ada Lovelace',
    givenName: 'Ada',
    familyName: 'Lovelace',
    nickname: 'Countess',
    company: 'Engines',
    title: 'Mathematician',
    circleId: 'circle-book',
    importance: 'inner',
    birthday: { month: 12, day: 10, year: 1815 },
    howMet: 'At the salon',
    introducedById: charles.id,
    notes: '**Markdown** notes\nwith lines',
    cadenceDays: 14,
    methods: [
      { kind: 'email', value: 'ada@example.org', label: 'Home' },
      { kind: 'email', value: 'ada@engines.example', label: 'Work', isPrimary: true },
      { kind: 'address', value: '12 St James’s Square, London' },
      { kind: 'social', value: '@ada', label: 'Mastodon' },
    ],
    tags: ['Mathematics', 'Friends'],
  });
  const sql = kith.sqlite;
  sql.prepare(`INSERT INTO contact_dates (id, contact_id, label, month, day, year) VALUES ('date-1', ?, 'Anniversary', 7, 8, 1835), ('date-2', ?, 'Name day', 2, 29, NULL)`).run(ada.id, ada.id);
  sql.prepare(`INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, 'image/png', ?, 7)`).run(ada.id, PNG);
  sql.prepare(`INSERT INTO relationships (id, from_contact_id, to_contact_id, kind, created_at) VALUES ('rel-1', ?, ?, 'colleague', 8)`).run(ada.id, charles.id);
  sql.prepare(`UPDATE tags SET color = '#ff0000' WHERE name = 'Friends'`).run();
  sql.prepare(`UPDATE contacts SET archived_at = NULL, checkin_snoozed_until = 1234 WHERE id = ?`).run(ada.id);
  await kith.call('interactions.log', { kind: 'meeting', direction: 'outbound', occurredAt: Date.UTC(2026, 0, 5, 18), durationMinutes: 90, rating: 5, summary: 'Dinner', notes: 'Talked about the engine', participantIds: [ada.id, charles.id] });
  await kith.call('interactions.log', { kind: 'call', occurredAt: Date.UTC(2026, 1, 1, 9), participantIds: [ada.id] });
  sql.prepare(
    `INSERT INTO reminders (id, contact_id, title, notes, due_date, due_time, recurrence_unit, recurrence_interval, status, snoozed_until, last_notified_at, completed_at, source, source_key, created_at, updated_at)
     VALUES ('rem-1', ?, 'Send the notes', 'the long version', '2026-03-10', '09:30', 'week', 2, 'open', NULL, 99, NULL, 'manual', NULL, 10, 11),
            ('rem-2', NULL, 'Renew domain', '', '2026-04-01', NULL, 'year', 1, 'open', NULL, NULL, NULL, 'manual', NULL, 12, 13),
            ('rem-3', ?, 'Old one', '', '2025-01-01', NULL, 'none', 1, 'done', NULL, NULL, 5, 'manual', NULL, 14, 15)`,
  ).run(ada.id, charles.id);
  sql.prepare(`INSERT INTO value_entries (id, contact_id, occurred_on, amount_minor, currency, kind, note, created_at) VALUES ('val-1', ?, '2026-01-31', 125000, 'EUR', 'invoiced', 'January', 16)`).run(ada.id);
  // what Kith remembers about a person (migration 0016)
  await kith.call('facts.create', { contactId: ada.id, label: 'Kids', value: 'Luis (7), Ana (4)' });
  await kith.call('facts.create', { contactId: ada.id, label: 'Wishlist', type: 'link', value: 'https://example.org/ada' });
  await kith.call('topics.add', { contactId: ada.id, text: 'Ask about the marathon' });
  await kith.call('lifeEvents.create', { contactId: ada.id, kind: 'married', title: 'Married William', occurredOn: '1835-07-08' });
  await kith.call('gifts.create', { contactId: ada.id, title: 'A book on Bernoulli numbers', url: 'https://example.org/book', priceMinor: 2450, currency: 'EUR' });
  await kith.call('gifts.create', { contactId: charles.id, status: 'given', title: 'Scarf', occasion: 'Christmas', onDate: '2025-12-24' });
  await kith.call('loans.create', { contactId: charles.id, direction: 'lent', amountMinor: 2000, currency: 'GBP', occurredOn: '2026-01-02', note: 'Lunch' });
  sql.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"'), ('digestTime', '"08:00"')`).run();
  return { ada: ada.id, charles: charles.id };
}

/** every data table, every row, in a stable order: what "exactly the same data" means */
export function dumpTables(kith: TestBackend): Record<string, unknown[]> {
  const tables = dataTables(kith.sqlite);
  return Object.fromEntries(
    tables.map((t) => {
      const columns = kith.sqlite.prepare(`SELECT count(*) FROM pragma_table_info('${t}')`).pluck().get() as number;
      return [t, kith.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY ${columns > 1 ? '1, 2' : '1'}`).all()];
    }),
  );
}
