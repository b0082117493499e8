// The bench's data generator on a small size, so it cannot rot: right counts, realistic shapes,
// the same seed gives the same bytes, and Kith's own back end opens the file and answers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { normalizeMethodValue } from '../../shared/domain/normalize';
import { DEFAULT_NOW, SIZES, generateDatabase, type GenerateReport } from '../perf/generate';
import { fixedClock, tempDir } from '../helpers/backend';

const tmp = tempDir('kith-seed-');
const NOW = new Date(DEFAULT_NOW);
let first: GenerateReport;
let db: Database.Database;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

beforeAll(async () => {
  first = await generateDatabase({ out: join(tmp.dir, 'a.sqlite'), size: SIZES.small, seed: 7, now: NOW });
  db = new Database(first.path, { readonly: true });
});
afterAll(() => {
  db?.close();
  tmp.cleanup();
});

describe('the seeded generator (small)', () => {
  it('writes exactly the asked-for numbers of contacts, interactions and reminders', () => {
    expect(count('SELECT count(*) FROM contacts')).toBe(SIZES.small.contacts);
    expect(count('SELECT count(*) FROM interactions')).toBe(SIZES.small.interactions);
    expect(count('SELECT count(*) FROM reminders')).toBe(SIZES.small.reminders);
    expect(first.rows.interaction_participants).toBe(count('SELECT count(*) FROM interaction_participants'));
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps every participant row in step with its interaction, and every interaction has someone', () => {
    expect(count('SELECT count(*) FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM interaction_participants p WHERE p.interaction_id = i.id)')).toBe(0);
    expect(
      count(`SELECT count(*) FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.occurred_at <> i.occurred_at OR p.kind <> i.kind OR p.direction <> i.direction OR p.rating IS NOT i.rating`),
    ).toBe(0);
    expect(count('SELECT count(*) FROM (SELECT interaction_id FROM interaction_participants GROUP BY interaction_id HAVING count(*) > 1)')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM interactions WHERE occurred_at > ?', NOW.getTime())).toBe(0);
  });

  it('makes people from several languages, with 1–4 ways to reach each', () => {
    const names = db.prepare('SELECT display_name FROM contacts').pluck().all() as string[];
    expect(names.filter((n) => /[^\x00-\x7f]/.test(n)).length).toBeGreaterThan(names.length / 5);
    const perContact = db.prepare('SELECT count(m.id) FROM contacts c LEFT JOIN contact_methods m ON m.contact_id = c.id GROUP BY c.id').pluck().all() as number[];
    expect(Math.min(...perContact)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perContact)).toBeLessThanOrEqual(4);
    const methods = db.prepare('SELECT kind, value, value_normalized FROM contact_methods').all() as { kind: 'phone'; value: string; value_normalized: string }[];
    for (const m of methods) expect(m.value_normalized).toBe(normalizeMethodValue(m.kind, m.value, 'US'));
    expect(methods.filter((m) => m.kind === 'phone').every((m) => m.value.startsWith('+'))).toBe(true);
    expect(count('SELECT count(*) FROM contacts WHERE birthday_month IS NOT NULL AND birthday_year IS NULL')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM contacts WHERE birthday_year IS NOT NULL')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM contact_tags')).toBeGreaterThan(0);
  });

  it('gives close family a weekly rhythm and leaves most acquaintances dormant', () => {
    const perYear = (where: string) =>
      db
        .prepare(
          `SELECT avg(n) FROM (SELECT count(*) * 365.25 * 86400000.0 / max(@now - min(p.occurred_at), 86400000) AS n
           FROM contacts c JOIN interaction_participants p ON p.contact_id = c.id WHERE ${where} GROUP BY c.id)`,
        )
        .pluck()
        .get({ now: NOW.getTime() }) as number;
    expect(perYear(`c.circle_id = 'circle-family' AND c.importance = 'inner'`)).toBeGreaterThan(30);
    // the long tail: people with no circle last heard of over a year ago
    const dormant = count(
      `SELECT count(*) FROM contacts c WHERE c.circle_id IS NULL AND
         (SELECT max(occurred_at) FROM interaction_participants p WHERE p.contact_id = c.id) < ?`,
      NOW.getTime() - 365 * 86_400_000,
    );
    expect(dormant).toBeGreaterThan(count('SELECT count(*) FROM contacts WHERE circle_id IS NULL') / 2);
  });

  it('fills circles (four seeded, two of the user’s), reminders of every kind and client value', () => {
    expect(count('SELECT count(*) FROM circles')).toBe(6);
    expect(count('SELECT count(DISTINCT circle_id) FROM contacts WHERE circle_id IS NOT NULL')).toBe(6);
    expect(count(`SELECT count(*) FROM reminders WHERE recurrence_unit <> 'none'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM reminders WHERE status = 'done' AND completed_at IS NOT NULL`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM reminders WHERE status = 'open' AND due_date < '2026-11-01'`)).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM value_entries')).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM value_entries v JOIN contacts c ON c.id = v.contact_id WHERE c.circle_id <> 'circle-clients'`)).toBe(0);
    expect(count('SELECT count(*) FROM relationships')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM contact_dates')).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same seed, and another file for another seed', async () => {
    const again = await generateDatabase({ out: join(tmp.dir, 'b.sqlite'), size: SIZES.small, seed: 7, now: NOW });
    expect(sha256(again.path)).toBe(sha256(first.path));
    const other = await generateDatabase({ out: join(tmp.dir, 'c.sqlite'), size: { contacts: 40, interactions: 300, reminders: 20 }, seed: 8, now: NOW });
    expect(sha256(other.path)).not.toBe(sha256(first.path));
  });

  it('opens in Kith: the contacts list and a timeline answer from the generated file', async () => {
    const backend = await startBackend({ databasePath: first.path, host: 'electron', clock: fixedClock(DEFAULT_NOW) });
    try {
      expect(backend.migration.applied).toEqual([]);
      const list = await backend.dispatch('contacts.list', { sort: 'name', limit: 50 });
      if (!list.ok) throw new Error(list.error.message);
      const { items, total } = list.value as { items: { displayName: string; id: string }[]; total: number };
      expect(total).toBe(count('SELECT count(*) FROM contacts WHERE archived_at IS NULL'));
      expect(items).toHaveLength(50);
      const byName = [...items].sort((a, b) => (a.displayName.toLowerCase() < b.displayName.toLowerCase() ? -1 : a.displayName.toLowerCase() > b.displayName.toLowerCase() ? 1 : 0));
      expect(items.map((i) => i.displayName.toLowerCase())).toEqual(byName.map((i) => i.displayName.toLowerCase()));

      const busiest = db.prepare('SELECT contact_id FROM interaction_participants GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
      const timeline = await backend.dispatch('interactions.listForContact', { contactId: busiest, limit: 30 });
      if (!timeline.ok) throw new Error(timeline.error.message);
      const page = timeline.value as { items: { occurredAt: number }[]; nextCursor: unknown };
      expect(page.items).toHaveLength(30);
      expect(page.nextCursor).not.toBeNull();
      const times = page.items.map((i) => i.occurredAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    } finally {
      await backend.close();
    }
  });
});
