// On a new day or in a new time zone every contact's health changes at once. The readers of many
// rows (contacts sorted by health or next check-in, the reminders page's check-ins) wait for it to
// be recomputed in slices, answer with the rows of the one pass, and the event loop keeps turning:
// the longest stretch between two turns costs a small part of the CPU the one pass holds the
// thread for, measured in the same test (CPU, not wall time: the machine may be loaded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startBackend, type KithBackend } from '../../electron/kith';
import type { Clock } from '../../electron/services/context';
import { refreshHealth, refreshHealthInSlices } from '../../db/queries/health';
import { localEpochDay } from '../../shared/domain/epochDay';
import { generateDatabase } from '../perf/generate';
import { tempDir } from '../helpers/backend';
import { makeCall, settledDashboard } from '../perf/harness';
import { cpuMs, longestCpuBetweenTurns, sliceBound } from '../helpers/threadTime';

const NOW = new Date('2026-11-01T12:00:00Z').getTime();
const DAY = 86_400_000;
let now = NOW;
let zone = 'Europe/Berlin';
const clock: Clock = { now: () => new Date(now), timeZone: () => zone };
const tmp = tempDir();
let kith: KithBackend;
let call: ReturnType<typeof makeCall>;

beforeAll(async () => {
  const out = join(tmp.dir, 'kith.sqlite');
  await generateDatabase({ out, size: { contacts: 6000, interactions: 100_000, reminders: 200 }, seed: 5, now: new Date(NOW), timeZone: zone });
  kith = await startBackend({ databasePath: out, host: 'web', clock });
  call = makeCall(kith);
  await settledDashboard(call);
}, 300_000);
afterAll(async () => {
  await kith?.close();
  tmp.cleanup();
});

const rows = () => kith.handle.sqlite.prepare(`SELECT * FROM contact_health ORDER BY contact_id`).all();

/** the CPU the one pass of refreshHealth takes (the thread is held all that while), and the rows it leaves */
function onePass(): { cpuMs: number; rows: unknown[] } {
  const c = cpuMs();
  refreshHealth(kith.handle.sqlite, now, zone);
  return { cpuMs: cpuMs() - c, rows: rows() };
}

/** `read` beside a trivial call: the order they answered in, and the most CPU spent between two turns of the event loop */
async function besideATrivialCall<T>(read: () => Promise<T>) {
  const order: string[] = [];
  const { value, longestCpuMs } = await longestCpuBetweenTurns(async () => {
    const answer = read().then((v) => (order.push('read'), v));
    await call('app.info', {}).then(() => order.push('info'));
    return answer;
  });
  return { value, order, longestCpuMs };
}

/** the list's order (services/contacts.ts), read from the table */
const firstBy = (column: string, missing: number) =>
  kith.handle.sqlite
    .prepare(`SELECT c.id FROM contacts c LEFT JOIN contact_health h ON h.contact_id = c.id WHERE c.archived_at IS NULL ORDER BY coalesce(h.${column}, ${missing}), c.display_name COLLATE NOCASE, c.id LIMIT 50`)
    .pluck()
    .all();

describe('health on a new day or in a new zone, read in slices', () => {
  it('contacts sorted by health after a change of time zone', async () => {
    zone = 'America/New_York';
    const expected = onePass();
    const order = firstBy('score', 1000);
    zone = 'Europe/Berlin';
    refreshHealth(kith.handle.sqlite, now, zone);
    zone = 'America/New_York';
    const read = await besideATrivialCall(() => call('contacts.list', { sort: 'health', limit: 50 }));
    expect(read.order).toEqual(['info', 'read']);
    expect(rows()).toEqual(expected.rows);
    expect(read.value.items.map((c) => c.id)).toEqual(order);
    expect(read.longestCpuMs).toBeLessThan(sliceBound(expected.cpuMs, 3));
  }, 120_000);

  it('contacts sorted by next check-in on the next day', async () => {
    zone = 'Europe/Berlin';
    await settledDashboard(call);
    const today = now;
    // the one pass on the next day: the windows slide, every row's results are computed again
    now = today + DAY;
    const expected = onePass();
    const order = firstBy('next_day', 1e9);
    // back to today (the clock set back: rebuilt), then the next day again, read by the list
    now = today;
    refreshHealth(kith.handle.sqlite, now, zone);
    now = today + DAY;
    const read = await besideATrivialCall(() => call('contacts.list', { sort: 'nextCheckIn', limit: 50 }));
    expect(read.order).toEqual(['info', 'read']);
    expect(rows()).toEqual(expected.rows);
    expect(read.value.items.map((c) => c.id)).toEqual(order);
    expect(read.longestCpuMs).toBeLessThan(sliceBound(expected.cpuMs, 2));
  }, 120_000);

  it('a next day’s slide of the windows stopped half way goes on where it stopped, sliding no cadence twice', async () => {
    zone = 'Europe/Berlin';
    const sqlite = kith.handle.sqlite;
    const count = (q: string) => sqlite.prepare(q).pluck().get() as number;
    await settledDashboard(call);
    const today = now;
    // both from the table rebuilt today (the clock set back from tomorrow): the one pass tomorrow, ...
    const rebuiltToday = () => {
      now = today + DAY;
      refreshHealth(sqlite, now, zone);
      now = today;
      refreshHealth(sqlite, now, zone);
      now = today + DAY;
    };
    rebuiltToday();
    const expected = onePass();
    // ... and tomorrow in slices, stopped (the app closing) after two of them
    rebuiltToday();
    expect(count(`SELECT count(DISTINCT cadence) FROM contact_health`)).toBeGreaterThan(2);
    let turns = 0;
    const closing = new Error('the app closed');
    await expect(
      refreshHealthInSlices(sqlite, now, zone, async () => {
        if (++turns > 2) throw closing;
      }),
    ).rejects.toBe(closing);
    // each slice slid one cadence's windows and said so; the day is stored only with the last
    expect(count(`SELECT count(*) FROM health_slides`)).toBe(2);
    expect(count(`SELECT day FROM health_meta`)).toBe(localEpochDay(today, zone));
    // the next open finishes it: the same rows as the one pass
    refreshHealth(sqlite, now, zone);
    expect(rows()).toEqual(expected.rows);
    expect(count(`SELECT count(*) FROM health_slides`)).toBe(0);
    expect(count(`SELECT day FROM health_meta`)).toBe(localEpochDay(now, zone));
  }, 120_000);

  it('the reminders page’s check-ins after a change of time zone', async () => {
    zone = 'Asia/Tokyo';
    const expected = onePass();
    const due = kith.handle.sqlite.prepare(`SELECT count(*) FROM contact_health WHERE next_day <= (SELECT day FROM health_meta)`).pluck().get();
    zone = 'Europe/Berlin';
    refreshHealth(kith.handle.sqlite, now, zone);
    zone = 'Asia/Tokyo';
    const read = await besideATrivialCall(() => call('reminders.checkIns', { limit: 20 }));
    expect(read.order).toEqual(['info', 'read']);
    expect(rows()).toEqual(expected.rows);
    expect(read.value.checkInTotal).toBe(due);
    expect(read.longestCpuMs).toBeLessThan(sliceBound(expected.cpuMs, 3));
  }, 120_000);

  it('the reminders board answers while the health table is still being brought up to date', async () => {
    zone = 'Australia/Sydney';
    const expected = onePass();
    zone = 'Europe/Berlin';
    refreshHealth(kith.handle.sqlite, now, zone);
    zone = 'Australia/Sydney';
    // the page sends both at once: the check-ins wait for every contact's health, the board does not
    const order: string[] = [];
    const checkIns = call('reminders.checkIns', { limit: 20 }).then((v) => (order.push('checkIns'), v));
    const board = await call('reminders.list', { limit: 20, doneLimit: 5 }).then((v) => (order.push('board'), v));
    await checkIns;
    expect(order).toEqual(['board', 'checkIns']);
    expect(board.overdue.length).toBeGreaterThan(0);
    expect(rows()).toEqual(expected.rows);
  }, 120_000);
});

