import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
const clock = fixedClock('2026-06-15T12:00:00Z');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => kith.dispose());

const DAY = 86_400_000;

describe('the interaction log', () => {
  it('logs one interaction with several participants, at now by default', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const b = await kith.call('contacts.create', { displayName: 'Ben' });
    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [a.id, b.id], summary: 'Dinner', rating: 5 });
    expect(dinner).toMatchObject({ occurredAt: clock.now().getTime(), kind: 'meeting', direction: 'mutual', rating: 5 });
    expect(dinner.participants.map((p) => p.displayName)).toEqual(['Ann', 'Ben']);
    for (const who of [a, b]) {
      const timeline = await kith.call('interactions.listForContact', { contactId: who.id });
      expect(timeline.items.map((i) => i.id)).toEqual([dinner.id]);
    }
  });

  it('refuses a future time, an unknown participant and a duplicate, writing nothing', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const future = await kith.dispatch('interactions.log', { kind: 'call', participantIds: [a.id], occurredAt: clock.now().getTime() + DAY });
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'occurredAt' } });
    const unknown = await kith.dispatch('interactions.log', { kind: 'call', participantIds: [a.id, 'ghost'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'participantIds.1' } });
    const twice = await kith.dispatch('interactions.log', { kind: 'call', participantIds: [a.id, a.id] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'participantIds' } });
    expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(0);
  });

  it('pages a timeline newest first without gaps or repeats', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const start = clock.now().getTime() - 100 * DAY;
    for (let i = 0; i < 25; i++) await kith.call('interactions.log', { kind: 'message', participantIds: [a.id], occurredAt: start + Math.floor(i / 2) * DAY, summary: `#${i}` });
    const seen: number[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof kith.call<'interactions.listForContact'>>> = await kith.call('interactions.listForContact', { contactId: a.id, limit: 7, cursor });
      seen.push(...page.items.map((i) => i.occurredAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
  });

  it('moves the copied fields with an edit and removes participants with a delete', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const b = await kith.call('contacts.create', { displayName: 'Ben' });
    const call = await kith.call('interactions.log', { kind: 'call', participantIds: [a.id] });
    await kith.call('interactions.update', { id: call.id, kind: 'video', participantIds: [a.id, b.id], occurredAt: clock.now().getTime() - DAY });
    const rows = kith.sqlite.prepare('SELECT contact_id, kind, occurred_at FROM interaction_participants ORDER BY contact_id').all();
    expect(rows).toHaveLength(2);
    for (const r of rows as { kind: string; occurred_at: number }[]) expect(r).toMatchObject({ kind: 'video', occurred_at: clock.now().getTime() - DAY });
    await kith.call('interactions.delete', { id: call.id });
    expect(kith.sqlite.prepare('SELECT count(*) FROM interaction_participants').pluck().get()).toBe(0);
  });

  it('keeps what an edit leaves out: direction, summary, notes, rating', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const call = await kith.call('interactions.log', { kind: 'call', direction: 'inbound', summary: 'Catch-up', notes: 'She moved', rating: 4, participantIds: [a.id] });
    const edited = await kith.call('interactions.update', { id: call.id, kind: 'video' });
    expect(edited).toMatchObject({ kind: 'video', direction: 'inbound', summary: 'Catch-up', notes: 'She moved', rating: 4 });
  });

  it('shows a dinner with three people on each of their timelines, and an edit that drops one takes it off theirs only', async () => {
    const [a, b, c] = await Promise.all(['Ann', 'Ben', 'Cy'].map((n) => kith.call('contacts.create', { displayName: n })));
    const dinner = await kith.call('interactions.log', { kind: 'meeting', summary: 'Dinner', participantIds: [a!.id, b!.id, c!.id] });
    await kith.call('interactions.update', { id: dinner.id, participantIds: [a!.id, b!.id] });
    const ids = async (x: { id: string }) => (await kith.call('interactions.listForContact', { contactId: x.id })).items.map((i) => i.id);
    expect(await ids(a!)).toEqual([dinner.id]);
    expect(await ids(b!)).toEqual([dinner.id]);
    expect(await ids(c!)).toEqual([]);
  });
});

describe("a contact's last interaction", () => {
  it('follows every log, edit and delete of its interactions, and orders the list', async () => {
    const a = await kith.call('contacts.create', { displayName: 'Ann' });
    const b = await kith.call('contacts.create', { displayName: 'Ben' });
    await kith.call('contacts.create', { displayName: 'Cy (never)' });
    const last = (id: string) => kith.sqlite.prepare('SELECT last_interaction_at FROM contacts WHERE id = ?').pluck().get(id);
    const now = clock.now().getTime();
    const old = await kith.call('interactions.log', { kind: 'call', participantIds: [a.id], occurredAt: now - 10 * DAY });
    const recent = await kith.call('interactions.log', { kind: 'call', participantIds: [a.id, b.id], occurredAt: now - DAY });
    expect([last(a.id), last(b.id)]).toEqual([now - DAY, now - DAY]);
    await kith.call('interactions.update', { id: recent.id, participantIds: [b.id] }); // Ann leaves it
    expect(last(a.id)).toBe(now - 10 * DAY);
    await kith.call('interactions.update', { id: old.id, occurredAt: now - 2 * DAY });
    expect(last(a.id)).toBe(now - 2 * DAY);
    const list = await kith.call('contacts.list', { sort: 'lastInteraction' });
    expect(list.items.map((c) => c.displayName)).toEqual(['Ben', 'Ann', 'Cy (never)']);
    await kith.call('interactions.delete', { id: recent.id });
    expect(last(b.id)).toBeNull();
  });
});
