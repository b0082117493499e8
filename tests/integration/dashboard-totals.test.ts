// The dashboard's totals are counted over the health table once per version of that table
// (db/queries/health.ts healthVersion), not once per write to the file: on huge, a search-index
// slice or a note between two dashboards made it count 100,000 rows again. They still follow every
// change of the health table — a logged interaction, an archive, a contact deleted with nothing
// logged (its row goes by cascade, marking nothing out of date), another connection's write — and an
// up-to-date dashboard answers without giving the event loop a turn (a background slice waiting for
// one was timed into its answer).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { healthVersion } from '../../db/queries/health';

let kith: TestBackend;
const clock = fixedClock('2026-06-15T12:00:00Z', 'Europe/Berlin');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => kith.dispose());

const dashboard = () => kith.call('health.dashboard', {});

describe('the dashboard totals', () => {
  it('follow every change of the health table, whatever wrote it', async () => {
    const quiet = await kith.call('contacts.create', { displayName: 'Quiet Ada', cadenceDays: 7 });
    const busy = await kith.call('contacts.create', { displayName: 'Busy Bo', cadenceDays: 7 });
    const third = await kith.call('contacts.create', { displayName: 'Third Cy', cadenceDays: 7 });
    expect((await dashboard()).contactCount).toBe(3);

    await kith.call('interactions.log', { kind: 'call', participantIds: [busy.id], occurredAt: clock.now().getTime() - 3_600_000 });
    const logged = await dashboard();
    expect(logged.contactCount).toBe(3);
    expect(logged.trackedCount).toBe(3);
    expect(Object.values(logged.bands).reduce((a, b) => a + b, 0)).toBe(3);

    // a contact with nothing logged, deleted: no trigger marks it, its row goes by cascade
    kith.sqlite.prepare(`DELETE FROM contacts WHERE id = ?`).run(quiet.id);
    expect((await dashboard()).contactCount).toBe(2);

    await kith.call('contacts.archive', { id: third.id });
    expect((await dashboard()).contactCount).toBe(1);

    // another connection to the same file (an import's, a second process's)
    const other = new Database(join(kith.dir, 'kith.sqlite'));
    other.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES ('other-1', 'Other Di', 0, 0)`).run();
    other.close();
    expect((await dashboard()).contactCount).toBe(2);
  });

  it('keep their version through writes that leave the health table alone', async () => {
    const ada = await kith.call('contacts.create', { displayName: 'Ada', cadenceDays: 7 });
    await dashboard();
    const before = healthVersion(kith.sqlite);
    await kith.call('contacts.update', { id: ada.id, notes: 'met at the climbing wall' });
    kith.sqlite.prepare(`INSERT INTO tags (id, name, created_at) VALUES ('t1', 'climbing', 0)`).run();
    await dashboard();
    expect(healthVersion(kith.sqlite)).toBe(before);
    await kith.call('contacts.update', { id: ada.id, importance: 'inner' });
    await dashboard();
    expect(healthVersion(kith.sqlite)).not.toBe(before);
  });

  it('come back without a turn of the event loop when the table is up to date', async () => {
    await kith.call('contacts.create', { displayName: 'Ada', cadenceDays: 7 });
    await dashboard();
    let turned = false;
    setImmediate(() => (turned = true));
    const answer = await dashboard();
    expect(turned).toBe(false);
    expect(answer.contactCount).toBe(1);
  });
});
