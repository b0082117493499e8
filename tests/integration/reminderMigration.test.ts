// Migration 0004 upgrades a file with reminders in it: every row stays, with the new columns'
// neutral values, and the upgraded reminders work like new ones.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { startBackend } from '../../electron/kith';
import { fixedClock, tempDir } from '../helpers/backend';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('migration 0004_reminder_series', () => {
  it('keeps reminders written by the first schema, and a repeating one moves on from its anchor', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'kith.sqlite');
    const old = openDatabase(path);
    await migrateToLatest(old, { migrations: { '0001_initial': migrations['0001_initial']! } });
    old.sqlite
      .prepare(`INSERT INTO reminders (id, title, due_date, recurrence_unit, recurrence_interval, created_at, updated_at) VALUES ('r1', 'Pay rent', '2026-01-31', 'month', 1, 1, 1)`)
      .run();
    await old.close();

    const kith = await startBackend({ databasePath: path, host: 'electron', clock: fixedClock('2026-02-10T10:00:00Z', 'Europe/Berlin') });
    try {
      expect(kith.migration.applied).toContain('0004_reminder_series');
      expect(kith.handle.sqlite.prepare(`SELECT title, anchor_date, lead_days, series_id FROM reminders`).all()).toEqual([
        { title: 'Pay rent', anchor_date: '2026-01-31', lead_days: 0, series_id: null },
      ]);
      const call = async (method: 'reminders.complete', input: { id: string }) => {
        const r = await kith.dispatch(method, input);
        if (!r.ok) throw new Error(r.error.message);
        return r.value as { next: { dueDate: string } };
      };
      expect((await call('reminders.complete', { id: 'r1' })).next.dueDate).toBe('2026-02-28');
      expect((await call('reminders.complete', { id: 'r1' })).next.dueDate).toBe('2026-03-31'); // anchored at the old due date
    } finally {
      await kith.close();
    }
  });
});
