// Migration 0032 ("coffee", a rebuild of interactions for its CHECK) keeps every row, rowid,
// index, trigger and link that points at an interaction; and the kinds list of
// shared/domain/interaction.ts is the one the database, the contract and sync accept.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { startBackend, type KithBackend } from '../../electron/kith';
import ICAL from 'ical.js';
import { INTERACTION_KINDS } from '../../shared/domain/interaction';
import { journalKind } from '../../electron/sync/journal-ical';
import { fixedClock, tempDir } from '../helpers/backend';

const fixture = join(__dirname, '..', 'fixtures', 'schema', '0031_portfolio_rhythms.sqlite');
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** the rows of every table that holds or points at interactions, and the schema around interactions */
function snapshot(db: Database.Database) {
  const rows = (table: string, order: string) => db.prepare(`SELECT ${table === 'interactions' ? 'rowid AS _rowid, ' : ''}* FROM ${table} ORDER BY ${order}`).all();
  return {
    interactions: rows('interactions', 'rowid'),
    participants: rows('interaction_participants', 'interaction_id, contact_id'),
    attachments: rows('attachments', 'id'),
    topics: rows('next_topics', 'id'),
    schema: db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'interactions' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`).all(),
    references: db.prepare(`SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = 'interactions' ORDER BY 1, 2`).all(),
  };
}

async function fileAt0031(): Promise<string> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'kith.sqlite');
  copyFileSync(fixture, file);
  // links to interactions of every kind that has them: an attachment, a topic ticked off by one
  const handle = openDatabase(file);
  handle.sqlite.exec(`
    INSERT INTO attachment_blobs (sha256, size, data) VALUES ('${'a'.repeat(64)}', 1, x'01');
    INSERT INTO attachments (id, interaction_id, name, media_type, sha256, size, created_at, updated_at) VALUES ('a1', 'i1', 'agenda.pdf', 'application/pdf', '${'a'.repeat(64)}', 1, 0, 0);
    INSERT INTO next_topics (id, contact_id, text, created_at, done_at, done_interaction_id) VALUES ('n1', 'c-ada', 'The engine', 0, 1, 'i2');
  `);
  handle.sqlite.close();
  return file;
}

describe('migration 0032: coffee', () => {
  it('keeps every interaction, its rowid, participants, attachments, topics, indexes and triggers', async () => {
    const file = await fileAt0031();
    const handle = openDatabase(file);
    cleanups.push(() => void handle.sqlite.close());
    const before = snapshot(handle.sqlite);
    expect(before.participants).toHaveLength(3);
    const report = await migrateToLatest(handle, { migrations: Object.fromEntries(Object.entries(migrations).filter(([n]) => n < '0033')), backupDir: join(file, '..', 'backups') });
    expect(report.applied).toEqual(['0032_interaction_kind_coffee']);
    expect(snapshot(handle.sqlite)).toEqual(before);
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('foreign_key_check')).toEqual([]);
    // the references still work: deleting an interaction cascades to its people and lets go of its links
    handle.sqlite.prepare(`DELETE FROM interactions WHERE id = 'i1'`).run();
    expect(handle.sqlite.prepare(`SELECT count(*) FROM interaction_participants WHERE interaction_id = 'i1'`).pluck().get()).toBe(0);
    expect(handle.sqlite.prepare(`SELECT interaction_id FROM attachments WHERE id = 'a1'`).pluck().get()).toBeNull();
  });

  it('accepts every kind of the one list, and only those', async () => {
    const file = await fileAt0031();
    const backend: KithBackend = await startBackend({ databasePath: file, host: 'web', clock: fixedClock('2025-06-20T12:00:00Z', 'Europe/London') });
    cleanups.push(() => backend.close());
    const insert = backend.handle.sqlite.prepare(`INSERT INTO interactions (id, occurred_at, kind, direction, created_at, updated_at) VALUES (?, 0, ?, 'mutual', 0, 0)`);
    for (const kind of INTERACTION_KINDS) insert.run(`k-${kind}`, kind);
    expect(() => insert.run('k-bad', 'picnic')).toThrow(/CHECK constraint/);

    const logged = await backend.dispatch('interactions.log', { kind: 'coffee', direction: 'mutual', occurredAt: Date.parse('2025-06-19T09:00:00Z'), summary: 'Flat white at the corner', participantIds: ['c-ada'] });
    expect(logged.ok ? 'ok' : logged.error.message).toBe('ok');
    const timeline = await backend.dispatch('interactions.listForContact', { contactId: 'c-ada' });
    expect(timeline.ok && (timeline.value as { items: { kind: string }[] }).items[0]!.kind).toBe('coffee');
    // sync carries every kind as X-KITH-KIND and reads it back as the same kind
    for (const kind of INTERACTION_KINDS) {
      const comp = new ICAL.Component('vjournal');
      journalKind.toComponent(comp, { occurredAt: 0, kind, direction: 'mutual', durationMinutes: null, rating: null, summary: '', notes: '', participants: [] }, backend.handle.sqlite, 0);
      expect(comp.toString()).toContain(`X-KITH-KIND:${kind}`);
      const read = journalKind.fromComponent(new ICAL.Component(ICAL.parse(comp.toString()) as never), backend.handle.sqlite);
      expect('fields' in read && [read.fields.kind, read.warnings]).toEqual([kind, []]);
    }
    // search still finds a person by what was said over coffee (the FTS link of 0018)
    const hits = await backend.dispatch('contacts.search', { query: 'flat white' });
    expect(hits.ok && (hits.value as { id: string }[]).map((h) => h.id)).toContain('c-ada');
  });
});
