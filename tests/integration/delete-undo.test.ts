// Deleting an interaction or a tag answers with what went, and Undo puts exactly that back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

let kith: TestBackend;
const clock = fixedClock('2026-06-15T12:00:00Z');
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => kith.dispose());

describe('undo of a delete', () => {
  it('puts an interaction back with its id, times, participants and ticked-off topics', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben' });
    const topic = await kith.call('topics.add', { contactId: ann.id, text: 'Marathon' });
    const dinner = await kith.call('interactions.log', {
      kind: 'meeting', direction: 'inbound', participantIds: [ann.id, ben.id], summary: 'Dinner', notes: 'Long talk', rating: 4, durationMinutes: 90,
      occurredAt: clock.now().getTime() - 86_400_000, doneTopicIds: [topic.id],
    });
    const before = kith.sqlite.prepare('SELECT * FROM interaction_participants ORDER BY contact_id').all();
    const { deleted } = await kith.call('interactions.delete', { id: dinner.id });
    expect(kith.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(0);
    expect(kith.sqlite.prepare('SELECT last_interaction_at FROM contacts WHERE id = ?').pluck().get(ann.id)).toBeNull();

    const back = await kith.call('interactions.restore', deleted);
    expect(back).toEqual(dinner);
    expect(kith.sqlite.prepare('SELECT * FROM interaction_participants ORDER BY contact_id').all()).toEqual(before);
    expect(kith.sqlite.prepare('SELECT done_interaction_id FROM next_topics WHERE id = ?').pluck().get(topic.id)).toBe(dinner.id);
    expect(kith.sqlite.prepare('SELECT last_interaction_at FROM contacts WHERE id = ?').pluck().get(ann.id)).toBe(dinner.occurredAt);
    // a second Undo is refused, not doubled
    expect(await kith.dispatch('interactions.restore', deleted)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('leaves out a participant deleted since, and refuses when no one is left', async () => {
    const ann = await kith.call('contacts.create', { displayName: 'Ann' });
    const ben = await kith.call('contacts.create', { displayName: 'Ben' });
    const call = await kith.call('interactions.log', { kind: 'call', participantIds: [ann.id, ben.id] });
    const { deleted } = await kith.call('interactions.delete', { id: call.id });
    await kith.call('contacts.archive', { id: ben.id }); await kith.call('contacts.deletePermanently', { id: ben.id });
    expect((await kith.call('interactions.restore', deleted)).participants.map((p) => p.displayName)).toEqual(['Ann']);
    const { deleted: again } = await kith.call('interactions.delete', { id: call.id });
    await kith.call('contacts.archive', { id: ann.id }); await kith.call('contacts.deletePermanently', { id: ann.id });
    expect(await kith.dispatch('interactions.restore', again)).toMatchObject({ ok: false, error: { code: 'not_found', field: 'participantIds' } });
  });

  it('puts a tag back with its id, colour and every link', async () => {
    const people = [];
    for (const name of ['Ann', 'Ben', 'Cy']) people.push(await kith.call('contacts.create', { displayName: name, tags: ['climbing'] }));
    await kith.call('contacts.create', { displayName: 'Dee', tags: ['work'] });
    const tag = (await kith.call('tags.list', {})).find((t) => t.name === 'climbing')!;
    const links = kith.sqlite.prepare('SELECT * FROM contact_tags WHERE tag_id = ? ORDER BY contact_id').all(tag.id);
    const { deleted } = await kith.call('tags.delete', { id: tag.id });
    expect(deleted.contactIds.sort()).toEqual(people.map((p) => p.id).sort());
    expect(kith.sqlite.prepare('SELECT count(*) FROM contact_tags WHERE tag_id = ?').pluck().get(tag.id)).toBe(0);
    expect(await kith.call('tags.restore', deleted)).toEqual(tag);
    expect(kith.sqlite.prepare('SELECT * FROM contact_tags WHERE tag_id = ? ORDER BY contact_id').all(tag.id)).toEqual(links);
    // searchable by the tag again (the search triggers saw the links come back)
    expect((await kith.call('contacts.search', { query: 'climbing' })).length).toBe(3);
  });
});
