import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../electron/transfer/rotation';
import { isDailyBackupDue } from '../../electron/transfer/backup-schedule';
import type { BackupInfo } from '../../shared/api/methods/transfer';

const DAY = 86_400_000;
const at = (iso: string) => ({ takenAt: Date.parse(iso), name: iso });

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps the newest of each of the last 7 days, 4 ISO weeks and 12 months, and nothing else', () => {
    // one backup a day at 03:00 UTC for 400 days, plus an extra one on the newest day
    const start = Date.parse('2025-01-01T03:00:00Z');
    const all = Array.from({ length: 400 }, (_, i) => ({ takenAt: start + i * DAY, name: new Date(start + i * DAY).toISOString().slice(0, 10) }));
    all.push({ takenAt: start + 399 * DAY + 3600_000, name: 'extra' });
    const kept = [...backupsToKeep(all, 'UTC')].map((b) => b.name).sort();
    // newest is 2026-02-04 (a Wednesday)
    expect(kept).toEqual(
      [
        // daily: the last 7 days, "extra" is the newer one of 2026-02-04
        'extra', '2026-02-03', '2026-02-02', '2026-02-01', '2026-01-31', '2026-01-30', '2026-01-29',
        // weekly: newest of ISO weeks 2026-W06 (extra), W05 (Feb 1, a Sunday), W04 (Jan 25), W03 (Jan 18)
        '2026-01-25', '2026-01-18',
        // monthly: newest of 2026-02 (extra), 2026-01 (Jan 31) and the last day of the ten months before
        '2025-12-31', '2025-11-30', '2025-10-31', '2025-09-30', '2025-08-31', '2025-07-31', '2025-06-30', '2025-05-31', '2025-04-30', '2025-03-31',
      ].sort(),
    );
  });

  it('counts days in the user’s time zone', () => {
    // 23:30 and 00:30 UTC are the same day in Los Angeles but two days in UTC
    const list = [at('2026-03-01T23:30:00Z'), at('2026-03-02T00:30:00Z')];
    expect(backupsToKeep(list, 'UTC', { daily: 7, weekly: 0, monthly: 0 }).size).toBe(2);
    expect([...backupsToKeep(list, 'America/Los_Angeles', { daily: 7, weekly: 0, monthly: 0 })].map((b) => b.name)).toEqual(['2026-03-02T00:30:00Z']);
  });

  it('keeps everything while there are fewer backups than slots', () => {
    const list = [at('2026-03-01T10:00:00Z'), at('2026-02-01T10:00:00Z')];
    expect(backupsToKeep(list, 'UTC').size).toBe(2);
    expect(backupsToKeep([], 'UTC').size).toBe(0);
  });
});

describe('daily backup is due', () => {
  const daily = (iso: string): BackupInfo => ({ fileName: 'x', takenAt: Date.parse(iso), kind: 'daily', sizeBytes: 1 });
  it('when no automatic backup was taken on the user’s local day', () => {
    expect(isDailyBackupDue([], Date.parse('2026-03-02T08:00:00Z'), 'UTC')).toBe(true);
    expect(isDailyBackupDue([daily('2026-03-02T01:00:00Z')], Date.parse('2026-03-02T23:00:00Z'), 'UTC')).toBe(false);
    expect(isDailyBackupDue([daily('2026-03-01T23:00:00Z')], Date.parse('2026-03-02T08:00:00Z'), 'UTC')).toBe(true);
    // 23:00 UTC on 1 March is already 2 March in Berlin
    expect(isDailyBackupDue([daily('2026-03-01T23:00:00Z')], Date.parse('2026-03-02T08:00:00Z'), 'Europe/Berlin')).toBe(false);
    // a manual backup does not count as the daily one
    expect(isDailyBackupDue([{ ...daily('2026-03-02T07:00:00Z'), kind: 'manual' }], Date.parse('2026-03-02T08:00:00Z'), 'UTC')).toBe(true);
  });
});
