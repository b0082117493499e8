// Every schema version that has existed upgrades to the newest with the data intact: a database
// file saved at each version (tests/fixtures/schema) is copied, opened by today's Kith, and read.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { startBackend, type KithBackend } from '../../electron/kith';
import { fixedClock, tempDir } from '../helpers/backend';

const fixtures = join(__dirname, '..', 'fixtures', 'schema');
const versions = readdirSync(fixtures).filter((f) => f.endsWith('.sqlite')).map((f) => f.replace(/\.sqlite$/, '')).sort();
let open: { backend: KithBackend; cleanup(): void } | null = null;
afterEach(async () => {
  await open?.backend.close();
  open?.cleanup();
  open = null;
});

async function call(backend: KithBackend, method: string, input: unknown) {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as never;
}

describe('files from every schema version', () => {
  it('has a fixture for every migration there is', () => {
    expect(versions).toEqual(Object.keys(migrations).sort());
  });

  it.each(versions)('a file at %s upgrades to the newest schema with everything intact', async (version) => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'kith.sqlite');
    copyFileSync(join(fixtures, `${version}.sqlite`), file);
    const backend = await startBackend({ databasePath: file, host: 'web', clock: fixedClock('2025-06-20T12:00:00Z', 'Europe/London') });
    open = { backend, cleanup };
    const latest = Object.keys(migrations).sort();
    expect(backend.migration.applied).toEqual(latest.slice(latest.indexOf(version) + 1));
    if (backend.migration.applied.length) expect(backend.migration.backupPath).not.toBeNull();

    const ada = (await call(backend, 'contacts.get', { id: 'c-ada' })) as {
      displayName: string; nickname: string; birthday: unknown; introducedById: string; notes: string; cadenceDays: number;
      methods: { value: string }[]; dates: { label: string }[]; tags: string[];
    };
    expect(ada).toMatchObject({ displayName: 'Ada Lovelace', nickname: 'Countess', birthday: { month: 12, day: 10, year: 1815 }, introducedById: 'c-charles', notes: 'Loves **poetical science**', cadenceDays: 21 });
    expect(ada.methods.map((m) => m.value)).toEqual(['Ada@Example.org', '+44 20 7946 0001']);
    expect(ada.dates.map((d) => d.label)).toEqual(['Wedding']);
    expect(ada.tags).toEqual(['maths']);

    const timeline = (await call(backend, 'interactions.listForContact', { contactId: 'c-ada' })) as { items: { summary: string; participants: unknown[] }[] };
    expect(timeline.items.map((i) => i.summary)).toEqual(['Sent notes', 'Talked about the engine']);
    expect(timeline.items[1]!.participants).toHaveLength(2);

    // what later versions added works on the old data: search, health, archive, reminders, value
    const hits = (await call(backend, 'contacts.search', { query: 'lovel' })) as { id: string }[];
    expect(hits.map((h) => h.id)).toContain('c-ada');
    const report = (await call(backend, 'health.forContact', { contactId: 'c-ada' })) as { health: { score: number | null }; weekly: unknown[] };
    expect(typeof report.health.score).toBe('number');
    expect(report.weekly).toHaveLength(12);
    // the dashboard reads the health table (0006), filled from the old history on first use
    const dash = (await call(backend, 'health.dashboard', {})) as { contactCount: number; trackedCount: number };
    expect(dash).toMatchObject({ contactCount: 2, trackedCount: 2 });
    const byHealth = (await call(backend, 'contacts.list', { sort: 'health' })) as { items: { id: string }[] };
    expect(byHealth.items.map((c) => c.id).sort()).toEqual(['c-ada', 'c-charles']);
    const archived = (await call(backend, 'contacts.list', { archived: true })) as { items: { id: string }[] };
    expect(archived.items.map((c) => c.id)).toEqual(['c-old']);
    const reminders = backend.handle.sqlite.prepare(`SELECT title FROM reminders WHERE source = 'manual' ORDER BY title`).pluck().all();
    expect(reminders).toEqual(['Renew the domain', 'Send Ada the Bernoulli notes']);
    const value = (await call(backend, 'value.listForContact', { contactId: 'c-charles' })) as { entries: { amountMinor: number }[] };
    expect(value.entries.map((e) => e.amountMinor)).toEqual([250000]);
    expect(backend.handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backend.handle.sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
