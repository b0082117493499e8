// Life events among interactions on a timeline: newest first, an event after the interactions of
// its own day, and an event older than the loaded page waiting for the next page.
import { describe, expect, it } from 'vitest';
import { interleaveLifeEvents, type LifeEvent } from '../../shared/domain/lifeEvents';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at = (iso: string) => ({ id: iso, occurredAt: Date.parse(iso) });
const ev = (occurredOn: string): LifeEvent => ({ id: occurredOn, contactId: 'c', kind: 'moved', title: occurredOn, occurredOn, note: '', followUpReminderId: null, yearlyReminderId: null, createdAt: 0, updatedAt: 0 });
const ids = (rows: ReturnType<typeof interleaveLifeEvents>) => rows.map((r) => (r.kind === 'event' ? `E ${r.event.id}` : `I ${r.interaction.occurredAt && new Date(r.interaction.occurredAt).toISOString().slice(0, 10)}`));

describe('interleaving life events with interactions', () => {
  const interactions = [at('2026-03-10T10:00:00Z'), at('2026-03-05T10:00:00Z'), at('2026-02-01T10:00:00Z')];
  const events = [ev('2026-01-15'), ev('2026-03-05'), ev('2026-03-20'), ev('2026-02-10')];

  it('merges newest first, an event after the interactions of its day', () => {
    expect(ids(interleaveLifeEvents(interactions, events, false, day))).toEqual(['E 2026-03-20', 'I 2026-03-10', 'I 2026-03-05', 'E 2026-03-05', 'E 2026-02-10', 'I 2026-02-01', 'E 2026-01-15']);
  });

  it('keeps an event older than the loaded page for the next page', () => {
    expect(ids(interleaveLifeEvents(interactions, events, true, day))).toEqual(['E 2026-03-20', 'I 2026-03-10', 'I 2026-03-05', 'E 2026-03-05', 'E 2026-02-10', 'I 2026-02-01']);
  });

  it('shows every event when nothing was logged yet', () => {
    expect(ids(interleaveLifeEvents([], events, false, day))).toEqual(['E 2026-03-20', 'E 2026-03-05', 'E 2026-02-10', 'E 2026-01-15']);
  });
});
