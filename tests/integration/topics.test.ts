// Next-time topics against a real file: added, ticked off by hand or with the interaction logged
// about them (in its transaction), and said in the check-in notification for that person.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { harness } from '../helpers/scheduler';

const open: TestBackend[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.dispose();
});
async function setup(iso = '2026-03-02T10:00:00Z') {
  const clock = fixedClock(iso, 'Europe/Berlin');
  const kith = await startTestBackend({ clock });
  open.push(kith);
  return { clock, kith };
}

describe('next-time topics', () => {
  it('lists a person’s open topics oldest first, and the done ones after when asked', async () => {
    const { clock, kith } = await setup();
    const ada = await kith.call('contacts.create', { displayName: 'Ada' });
    const marathon = await kith.call('topics.add', { contactId: ada.id, text: 'Ask about the marathon' });
    clock.advance(1000);
    const flat = await kith.call('topics.add', { contactId: ada.id, text: 'How is the new flat?' });
    expect((await kith.call('topics.listForContact', { contactId: ada.id })).map((t) => t.text)).toEqual(['Ask about the marathon', 'How is the new flat?']);

    clock.advance(1000);
    const done = await kith.call('topics.update', { id: marathon.id, done: true });
    expect(done.doneAt).toBe(clock.now().getTime());
    expect((await kith.call('topics.listForContact', { contactId: ada.id })).map((t) => t.id)).toEqual([flat.id]);
    expect((await kith.call('topics.listForContact', { contactId: ada.id, includeDone: true })).map((t) => [t.text, t.doneAt !== null])).toEqual([
      ['How is the new flat?', false],
      ['Ask about the marathon', true],
    ]);
    // opened again
    expect((await kith.call('topics.update', { id: marathon.id, done: false })).doneAt).toBeNull();
    const empty = await kith.call('topics.add', { contactId: ada.id, text: '   ' }).catch((e) => e);
    expect([empty.code, empty.field]).toEqual(['invalid_input', 'text']);
  });

  it('logging an interaction ticks off the chosen topics of its people, in the same transaction', async () => {
    const { kith } = await setup();
    const ada = await kith.call('contacts.create', { displayName: 'Ada' });
    const bob = await kith.call('contacts.create', { displayName: 'Bob' });
    const grace = await kith.call('contacts.create', { displayName: 'Grace' });
    const a1 = await kith.call('topics.add', { contactId: ada.id, text: 'Marathon' });
    const a2 = await kith.call('topics.add', { contactId: ada.id, text: 'Her thesis' });
    const b1 = await kith.call('topics.add', { contactId: bob.id, text: 'The new dog' });
    const g1 = await kith.call('topics.add', { contactId: grace.id, text: 'Not at this dinner' });
    expect((await kith.call('topics.openFor', { contactIds: [ada.id, bob.id] })).map((t) => t.text).sort()).toEqual(['Her thesis', 'Marathon', 'The new dog']);

    const countInteractions = () => kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get();
    // Grace's topic cannot be ticked off by a dinner she was not at: nothing is written
    const err = await kith.call('interactions.log', { kind: 'meeting', participantIds: [ada.id, bob.id], doneTopicIds: [a1.id, g1.id] }).catch((e) => e);
    expect([err.code, err.field]).toEqual(['invalid_input', 'doneTopicIds']);
    expect(countInteractions()).toBe(0);
    expect((await kith.call('topics.openFor', { contactIds: [ada.id] })).length).toBe(2);
    const unknown = await kith.call('interactions.log', { kind: 'meeting', participantIds: [ada.id], doneTopicIds: ['nope'] }).catch((e) => e);
    expect([unknown.code, unknown.field]).toEqual(['not_found', 'doneTopicIds']);
    expect(countInteractions()).toBe(0);

    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [ada.id, bob.id], doneTopicIds: [a1.id, b1.id] });
    const rows = kith.sqlite.prepare('SELECT text, done_interaction_id AS doneWith FROM next_topics ORDER BY text').all();
    expect(rows).toEqual([
      { text: 'Her thesis', doneWith: null },
      { text: 'Marathon', doneWith: dinner.id },
      { text: 'Not at this dinner', doneWith: null },
      { text: 'The new dog', doneWith: dinner.id },
    ]);
    // deleting the interaction keeps the topic done, just without the link
    await kith.call('interactions.delete', { id: dinner.id });
    expect(kith.sqlite.prepare('SELECT done_at IS NOT NULL AS done, done_interaction_id FROM next_topics WHERE id = ?').get(a1.id)).toEqual({ done: 1, done_interaction_id: null });
    expect(a2.doneAt).toBeNull();
  });

  it('the check-in notification for that person says what to bring up', async () => {
    const { clock, kith } = await setup('2026-03-02T05:00:00Z'); // 06:00 Berlin
    await kith.call('settings.update', { digestTime: '08:15', quietHours: { enabled: false, start: '22:00', end: '08:00' } });
    const grace = await kith.call('contacts.create', { displayName: 'Grace Hopper', cadenceDays: 14 });
    kith.sqlite.prepare(`UPDATE contacts SET created_at = ? WHERE id = ?`).run(Date.parse('2026-02-10T12:00:00Z'), grace.id);
    await kith.call('topics.add', { contactId: grace.id, text: 'Ask about the marathon' });
    clock.advance(1);
    await kith.call('topics.add', { contactId: grace.id, text: 'COBOL book' });
    clock.advance(1);
    await kith.call('topics.add', { contactId: grace.id, text: 'Navy reunion' });
    const h = harness(kith, clock);
    await h.scheduler.start();
    await h.runUntil('2026-03-02T12:00:00Z');
    expect(h.rung.map((n) => [n.title, n.body])).toEqual([['Time to check in with Grace Hopper', 'Your check-in is 6 days overdue · Bring up: Ask about the marathon; COBOL book and 1 more']]);
    h.scheduler.detach();
  });
});
