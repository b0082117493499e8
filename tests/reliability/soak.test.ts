// Load: 100,000 mixed API calls against one database through the dispatcher. Every answer is
// checked against a model of what should be there, and the heap must stay flat.
//
// The bound: after a warm-up of 20,000 calls, the live heap (measured after a full GC) may grow by
// at most 16 MB over the remaining 80,000 calls. A leak of one small object per call (~200 bytes)
// would already exceed it; SQLite's own page cache is outside the JS heap and capped by cache_size.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const CALLS = Number(process.env.KITH_SOAK_CALLS ?? 100_000);
const WARM_UP = Math.floor(CALLS / 5);
const HEAP_GROWTH_LIMIT = 16 * 1024 * 1024;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

let kith: TestBackend;
const clock = fixedClock('2026-01-01T08:00:00Z');
beforeAll(async () => (kith = await startTestBackend({ clock })));
afterAll(async () => kith.dispose());

/** a deterministic PRNG, so a failure can be replayed */
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

describe('a long session', () => {
  it(`answers ${CALLS.toLocaleString('en')} mixed calls correctly with a flat heap`, async () => {
    const random = prng(42);
    const contacts: { id: string; name: string; interactions: number }[] = [];
    const interactionIds: string[] = [];
    let heapAfterWarmUp = 0;
    let peakGrowth = 0;
    const counts = { create: 0, update: 0, log: 0, get: 0, list: 0, timeline: 0, deleteInteraction: 0, refused: 0 };

    for (let n = 0; n < CALLS; n++) {
      clock.advance(30_000);
      const r = random();
      const some = contacts.length ? contacts[Math.floor(random() * contacts.length)]! : null;
      if (!some || r < 0.05) {
        const name = `Person ${n}`;
        const c = await kith.call('contacts.create', { displayName: name, methods: [{ kind: 'email', value: `p${n}@example.org` }] });
        contacts.push({ id: c.id, name, interactions: 0 });
        counts.create++;
      } else if (r < 0.3) {
        const other = contacts[Math.floor(random() * contacts.length)]!;
        const ids = other.id === some.id ? [some.id] : [some.id, other.id];
        const i = await kith.call('interactions.log', { kind: 'call', direction: 'outbound', participantIds: ids, summary: `call ${n}` });
        for (const id of ids) contacts.find((c) => c.id === id)!.interactions++;
        interactionIds.push(i.id);
        counts.log++;
      } else if (r < 0.55) {
        const c = await kith.call('contacts.get', { id: some.id });
        expect(c.displayName).toBe(some.name);
        counts.get++;
      } else if (r < 0.7) {
        const page = await kith.call('interactions.listForContact', { contactId: some.id, limit: 10 });
        expect(page.items.length).toBe(Math.min(10, some.interactions));
        counts.timeline++;
      } else if (r < 0.8) {
        const list = await kith.call('contacts.list', { limit: 20 });
        expect(list.total).toBe(contacts.length);
        counts.list++;
      } else if (r < 0.9) {
        some.name = `Renamed ${n}`;
        const c = await kith.call('contacts.update', { id: some.id, displayName: some.name });
        expect(c.displayName).toBe(some.name);
        counts.update++;
      } else if (r < 0.93 && interactionIds.length) {
        const id = interactionIds.splice(Math.floor(random() * interactionIds.length), 1)[0]!;
        const before = await kith.call('interactions.get', { id });
        await kith.call('interactions.delete', { id });
        for (const p of before.participants) contacts.find((c) => c.id === p.id)!.interactions--;
        counts.deleteInteraction++;
      } else {
        // a refused call in the mix: nothing written, a typed error back
        const result = await kith.dispatch('contacts.create', { displayName: '' });
        expect(result.ok).toBe(false);
        counts.refused++;
      }
      if (n === WARM_UP) heapAfterWarmUp = liveHeap();
      if (n > WARM_UP && n % 20_000 === 0) peakGrowth = Math.max(peakGrowth, liveHeap() - heapAfterWarmUp);
    }
    const growth = Math.max(peakGrowth, liveHeap() - heapAfterWarmUp);
    console.log(
      `[soak] ${CALLS.toLocaleString('en')} calls (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); ` +
        `heap after warm-up ${(heapAfterWarmUp / 2 ** 20).toFixed(1)} MB, largest growth ${(growth / 2 ** 20).toFixed(2)} MB (limit ${HEAP_GROWTH_LIMIT / 2 ** 20} MB)`,
    );
    expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(contacts.length);
    expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(interactionIds.length);
  }, 600_000);
});
