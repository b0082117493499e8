// The dashboard does not hold the home page back for a big health catch-up (services/health.ts
// settleForDashboard): past DASHBOARD_WAIT it answers with the stored figures, says which day they
// are from (none: the first open after an import), counts everyone all the same, and the catch-up
// goes on until an answer is all today's. A small catch-up (the day's writes) is waited for.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startBackend, type KithBackend, type StartOptions } from '../../electron/kith';
import { computeAllContactsHealth } from '../../db/queries/health';
import { emptyBands, type Dashboard } from '../../shared/domain/dashboard';
import { fixedClock, tempDir } from '../helpers/backend';

const ZONE = 'Europe/Berlin';
const clock = fixedClock('2026-03-10T12:00:00Z', ZONE);
const DAY = 86_400_000;
/** never waits: every catch-up counts as big, and none is raced */
const AT_ONCE = { rows: 0, ms: 0 };

const opened: KithBackend[] = [];
const dirs: Array<() => void> = [];
afterEach(async () => {
  for (const b of opened.splice(0)) await b.close();
  for (const cleanup of dirs.splice(0)) cleanup();
});

function file() {
  const { dir, cleanup } = tempDir();
  dirs.push(cleanup);
  return join(dir, 'kith.sqlite');
}

async function open(path: string, dashboardWait?: StartOptions['dashboardWait']) {
  const backend = await startBackend({ databasePath: path, host: 'electron', clock, dashboardWait });
  opened.push(backend);
  const call = async <T,>(method: string, input: unknown): Promise<T> => {
    const result = await backend.dispatch(method as never, input as never);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  return { backend, call, dashboard: () => call<Dashboard>('health.dashboard', {}) };
}

/** twelve people with a weekly rhythm, each last seen a different number of days ago */
async function twelvePeople(call: <T>(method: string, input: unknown) => Promise<T>) {
  for (let i = 0; i < 12; i++) {
    const c = await call<{ id: string }>('contacts.create', { displayName: `Person ${String(i).padStart(2, '0')}`, cadenceDays: 7 });
    await call('interactions.log', { kind: 'call', participantIds: [c.id], occurredAt: clock.now().getTime() - i * 2 * DAY });
  }
}

/** the engine's bands, computed from the interactions: what a settled dashboard shows */
function engineBands(backend: KithBackend) {
  const bands = emptyBands();
  for (const r of computeAllContactsHealth(backend.handle.sqlite, clock.now().getTime(), ZONE, false)) if (r.health.band) bands[r.health.band]++;
  return bands;
}

/** asked again, as the page does, until the figures are today's */
async function untilToday(dashboard: () => Promise<Dashboard>) {
  for (let i = 0; i < 500; i++) {
    const d = await dashboard();
    if (!d.updating) return d;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the dashboard never caught up');
}

describe('the dashboard while the health table catches up', () => {
  it('on the first open after adding people, counts them all and says their scores are being worked out, then shows them', async () => {
    const path = file();
    clock.set('2026-03-10T12:00:00Z');
    // as an import leaves the file: people and their history, no health stored yet
    const first = await open(path);
    await twelvePeople(first.call);
    await first.backend.close();
    opened.length = 0;

    const kith = await open(path, AT_ONCE);
    const early = await kith.dashboard();
    expect(early.updating).toEqual({ asOf: null });
    expect(early.contactCount).toBe(12); // not the welcome page of an empty Kith
    expect(early.trackedCount).toBe(0);
    expect(early.bands).toEqual(emptyBands());

    const settled = await untilToday(kith.dashboard);
    expect(settled.contactCount).toBe(12);
    expect(settled.trackedCount).toBe(12);
    expect(settled.bands).toEqual(engineBands(kith.backend));
  });

  it('the next day, shows the stored figures with their day until the day’s are worked out', async () => {
    const path = file();
    clock.set('2026-03-10T12:00:00Z');
    const yesterday = await open(path);
    await twelvePeople(yesterday.call);
    const before = await yesterday.dashboard();
    expect(before.updating).toBeNull();
    await yesterday.backend.close();
    opened.length = 0;

    // three weeks on: the weekly rhythms have all lapsed, so today's bands are not the stored ones
    clock.set('2026-03-31T12:00:00Z');
    const kith = await open(path, AT_ONCE);
    const early = await kith.dashboard();
    expect(early.updating).toEqual({ asOf: '2026-03-10' });
    expect(early.today).toBe('2026-03-31');
    expect(early.bands).toEqual(before.bands);
    expect(early.contactCount).toBe(12);

    const settled = await untilToday(kith.dashboard);
    expect(settled.bands).toEqual(engineBands(kith.backend));
    expect(settled.bands).not.toEqual(before.bands);
  });

  it('waits for a small catch-up, so the answer is today’s at once', async () => {
    const path = file();
    clock.set('2026-03-10T12:00:00Z');
    const yesterday = await open(path);
    await twelvePeople(yesterday.call);
    await yesterday.dashboard();
    await yesterday.backend.close();
    opened.length = 0;

    clock.set('2026-03-31T12:00:00Z');
    const kith = await open(path); // DASHBOARD_WAIT: twelve rows are far below its rows
    const d = await kith.dashboard();
    expect(d.updating).toBeNull();
    expect(d.bands).toEqual(engineBands(kith.backend));
  });
});
