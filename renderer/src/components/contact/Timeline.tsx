// What happened with this person, newest first, one page at a time.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { formatAgo, formatWhen } from '../../lib/format';
import { useRouter } from '../../stores/router';
import { useUi } from '../../stores/ui';
import type { Interaction } from '../../../../shared/domain/interaction';
import { DIRECTION_LABELS, KIND_LABELS } from '../../lib/labels';
import { Markdown } from '../Markdown';
import { interleaveLifeEvents, type LifeEvent } from '../../../../shared/domain/lifeEvents';
import { LifeEventItem, useLifeEvents } from './LifeEventItem';
import { LifeEventForm } from './LifeEventForm';
import { InteractionFiles, PaperclipButton, useAttachmentCounts } from '../attachments/InteractionFiles';

/** the local day of an instant, as the browser sees it */
const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const PAGE = 20;
type Cursor = { occurredAt: number; id: string } | null;

export function Timeline({ contact }: { contact: { id: string; displayName: string; archivedAt: number | null } }) {
  const [items, setItems] = useState<Interaction[]>([]);
  const [cursor, setCursor] = useState<Cursor>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const navigate = useRouter((s) => s.navigate);
  const lifeEvents = useLifeEvents(contact.id);
  const [eventForm, setEventForm] = useState<{ editing?: LifeEvent } | null>(null);
  const fileCounts = useAttachmentCounts(items.map((i) => i.id));
  const [filesOpen, setFilesOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleFiles = (id: string) => setFilesOpen((open) => (open.has(id) ? new Set([...open].filter((x) => x !== id)) : new Set([...open, id])));

  // after a write, reload as many items as were shown, so the list does not jump back to one page
  const reload = useCallback(async () => {
    const want = Math.max(PAGE, items.length);
    const page = await api.call('interactions.listForContact', { contactId: contact.id, limit: Math.min(200, want) });
    setItems(page.items);
    setCursor(page.nextCursor);
    setLoaded(true);
  }, [contact.id, items.length]);

  useEffect(() => onDataChanged(reload), [reload]);
  useEffect(() => {
    setItems([]);
    setLoaded(false);
    void api.call('interactions.listForContact', { contactId: contact.id, limit: PAGE }).then((page) => {
      setItems(page.items);
      setCursor(page.nextCursor);
      setLoaded(true);
    });
  }, [contact.id]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    const page = await api.call('interactions.listForContact', { contactId: contact.id, limit: PAGE, cursor });
    setItems((xs) => [...xs, ...page.items]);
    setCursor(page.nextCursor);
    setLoadingMore(false);
  }

  const now = Date.now();
  return (
    <section className="card timeline-card" aria-labelledby="timeline-title">
      <div className="card-header">
        <h2 id="timeline-title">Timeline</h2>
        {!contact.archivedAt && (
          <button className="button small" onClick={() => setEventForm({})}>
            Add life event
          </button>
        )}
      </div>
      {eventForm && <LifeEventForm contactId={contact.id} name={contact.displayName} editing={eventForm.editing} onClose={() => setEventForm(null)} />}
      {loaded && items.length === 0 && (
        <div className="timeline-empty">
          <p>Nothing logged with {contact.displayName} yet.</p>
          {!contact.archivedAt && (
            <button className="button" onClick={() => useUi.getState().openQuickLog([{ id: contact.id, displayName: contact.displayName }])}>
              Log the first call, message or coffee
            </button>
          )}
        </div>
      )}
      <ol className="timeline" aria-label={`Interactions with ${contact.displayName}`}>
        {interleaveLifeEvents(items, lifeEvents, cursor !== null, localDay).map((row) => {
          if (row.kind === 'event') return <LifeEventItem key={row.event.id} event={row.event} onEdit={() => setEventForm({ editing: row.event })} />;
          const i = row.interaction;
          const others = i.participants.filter((p) => p.id !== contact.id);
          const what = `the ${KIND_LABELS[i.kind].toLowerCase()} of ${formatWhen(i.occurredAt, now)}`;
          return (
            <li key={i.id} className="timeline-item">
              <span className={`kind-dot kind-${i.kind}`} aria-hidden />
              <div className="timeline-body">
                <div className="timeline-head">
                  <strong>{KIND_LABELS[i.kind]}</strong>
                  <span className="subtle">{DIRECTION_LABELS[i.direction]}</span>
                  {i.durationMinutes !== null && <span className="subtle">{i.durationMinutes} min</span>}
                  {i.rating !== null && (
                    <span className="stars" aria-label={`Went ${i.rating} of 5`}>
                      {'★'.repeat(i.rating)}
                      <span className="stars-off">{'★'.repeat(5 - i.rating)}</span>
                    </span>
                  )}
                  <time className="subtle timeline-when" dateTime={new Date(i.occurredAt).toISOString()} title={formatAgo(i.occurredAt, now)}>
                    {formatWhen(i.occurredAt, now)}
                  </time>
                  <button className="link-button" aria-label={`Edit ${KIND_LABELS[i.kind].toLowerCase()} of ${formatWhen(i.occurredAt, now)}`} onClick={() => useUi.getState().openQuickLog([], i)}>
                    Edit
                  </button>
                  <PaperclipButton count={fileCounts[i.id] ?? 0} open={filesOpen.has(i.id)} onToggle={() => toggleFiles(i.id)} what={what} />
                </div>
                {i.summary && <p className="timeline-summary">{i.summary}</p>}
                {others.length > 0 && (
                  <p className="subtle with">
                    with{' '}
                    {others.map((p, n) => (
                      <span key={p.id}>
                        {n > 0 && ', '}
                        <a
                          href={`#/contacts/${p.id}`}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate({ page: 'contact', id: p.id });
                          }}
                        >
                          {p.displayName}
                        </a>
                      </span>
                    ))}
                  </p>
                )}
                {i.notes && <Markdown text={i.notes} />}
                {filesOpen.has(i.id) && <InteractionFiles interactionId={i.id} what={what} />}
              </div>
            </li>
          );
        })}
      </ol>
      {cursor && (
        <button className="button load-more" onClick={() => void more()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show older'}
        </button>
      )}
    </section>
  );
}
