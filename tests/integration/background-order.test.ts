// What the first screen waits for goes first: when a file is opened with its health table to be
// brought up to date (the day's first open, a big import), the background catch-ups that start
// after opening — the search index, photo thumbnails — wait for that to end instead of taking
// slices beside it, which made the first dashboard wait for both (huge: 2–3 s became 5–7 s).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { startBackend, type KithBackend } from '../../electron/kith';
import { generateDatabase } from '../perf/generate';
import { tempDir } from '../helpers/backend';

const NOW = new Date('2026-11-01T12:00:00Z');
const tmp = tempDir();
const file = join(tmp.dir, 'kith.sqlite');
let kith: KithBackend | null = null;

beforeAll(async () => {
  // generated as an import leaves a file: every contact waits for the search index and for health
  await generateDatabase({ out: file, size: { contacts: 3000, interactions: 60_000, reminders: 100 }, seed: 11, now: NOW, timeZone: 'Europe/Berlin' });
}, 300_000);
afterAll(async () => {
  await kith?.close();
  tmp.cleanup();
});

it('indexes for search only once the first dashboard’s health is worked out', async () => {
  kith = await startBackend({ databasePath: file, host: 'web', clock: { now: () => NOW, timeZone: () => 'Europe/Berlin' }, backgroundDelayMs: 0 });
  const waiting = () => kith!.handle.sqlite.prepare(`SELECT count(*) FROM search_dirty`).pluck().get() as number;
  const before = waiting();
  expect(before).toBeGreaterThan(1000);
  // the background catch-up is due at once (delay 0); the dashboard's health takes many slices
  const dashboard = await kith.dispatch('health.dashboard', {});
  expect(dashboard.ok).toBe(true);
  expect(waiting()).toBe(before);
  // and then it runs
  const until = Date.now() + 60_000;
  while (waiting() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(waiting()).toBe(0);
}, 120_000);
