// A life event as a row of the timeline, among the interactions: kind, title, date, note, and its
// edit and delete (which asks whether the reminders it made should go too).
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { LIFE_EVENT_LABELS, type LifeEvent } from '../../../../shared/domain/lifeEvents';
import { formatDay } from '../../lib/format';

/** a contact's life events, kept fresh after every write */
export function useLifeEvents(contactId: string): LifeEvent[] {
  const [events, setEvents] = useState<LifeEvent[]>([]);
  const load = useCallback(() => api.call('lifeEvents.listForContact', { contactId }).then(setEvents, () => setEvents([])), [contactId]);
  useEffect(() => {
    setEvents([]);
    void load();
    return onDataChanged(load);
  }, [load]);
  return events;
}

export function LifeEventItem({ event, onEdit }: { event: LifeEvent; onEdit(): void }) {
  const [confirming, setConfirming] = useState(false);
  const hasReminders = event.followUpReminderId !== null || event.yearlyReminderId !== null;
  const remove = (removeReminders: boolean) =>
    api.call('lifeEvents.delete', { id: event.id, removeReminders }).then(
      () => toast.success(`Removed “${event.title}”`),
      (e: Error) => toast.error(e.message),
    );
  const day = formatDay(Date.parse(`${event.occurredOn}T12:00:00`));
  return (
    <li className="timeline-item life-event">
      <span className={`life-event-mark life-${event.kind}`} aria-hidden />
      <div className="timeline-body">
        <div className="timeline-head">
          <strong>{LIFE_EVENT_LABELS[event.kind]}</strong>
          <span>{event.title}</span>
          <time className="subtle timeline-when" dateTime={event.occurredOn}>
            {day}
          </time>
          <button className="link-button" aria-label={`Edit life event ${event.title}`} onClick={onEdit}>
            Edit
          </button>
          <button className="link-button" aria-label={`Delete life event ${event.title}`} onClick={() => (hasReminders ? setConfirming(true) : void remove(false))}>
            Delete
          </button>
        </div>
        {event.note && <p className="timeline-summary">{event.note}</p>}
        {confirming && (
          <div className="life-event-confirm" role="group" aria-label={`Delete ${event.title}`}>
            <span>It made reminders. Delete them too?</span>
            <button className="button small" autoFocus onClick={() => void remove(false)}>
              Keep reminders
            </button>
            <button className="button small danger" onClick={() => void remove(true)}>
              Delete them too
            </button>
            <button className="button small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
