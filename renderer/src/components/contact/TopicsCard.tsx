// Next time: what to bring up when you next talk. Type and press Enter to add; Space on a topic
// ticks it off; the quick-log dialog offers the open ones too.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { ApiError } from '../../../../shared/api/errors';
import type { NextTopic } from '../../../../shared/domain/topics';
import { formatDay } from '../../lib/format';
import { withoutField } from './inlineForm';

export function TopicsCard({ contactId, name }: { contactId: string; name: string }) {
  const [topics, setTopics] = useState<NextTopic[]>([]);
  const [showDone, setShowDone] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api.call('topics.listForContact', { contactId, includeDone: true }).then(setTopics, () => setTopics([])), [contactId]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  const open = topics.filter((t) => t.doneAt === null);
  const done = topics.filter((t) => t.doneAt !== null);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return setError('Type what to bring up, such as “ask about the marathon”');
    try {
      await api.call('topics.add', { contactId, text });
      setText('');
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? withoutField(err.message) : (err as Error).message);
    }
  }
  const call = (p: Promise<unknown>) => p.catch((err: Error) => toast.error(err.message));

  return (
    <section className="card topics-card" aria-labelledby="topics-title">
      <div className="card-header">
        <h2 id="topics-title">Next time</h2>
        {done.length > 0 && (
          <button type="button" className="link-button" aria-expanded={showDone} onClick={() => setShowDone(!showDone)}>
            {showDone ? 'Hide done' : `Done (${done.length})`}
          </button>
        )}
      </div>
      {open.length === 0 && <p className="subtle">Nothing to bring up with {name} yet.</p>}
      {(open.length > 0 || (showDone && done.length > 0)) && (
        <ul className="topic-list" aria-label={`Topics for ${name}`}>
          {[...open, ...(showDone ? done : [])].map((t) => (
            <li key={t.id} className={t.doneAt ? 'topic done' : 'topic'}>
              <label>
                <input type="checkbox" checked={t.doneAt !== null} onChange={(e) => void call(api.call('topics.update', { id: t.id, done: e.target.checked }))} />
                <span>{t.text}</span>
              </label>
              {t.doneAt !== null && <span className="subtle small">{formatDay(t.doneAt)}</span>}
              <button type="button" className="icon-button small" aria-label={`Delete topic “${t.text}”`} onClick={() => void call(api.call('topics.delete', { id: t.id }))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="topic-add" onSubmit={(e) => void add(e)} noValidate>
        <input
          aria-label={`Add a topic for next time with ${name}`}
          placeholder="Add something to bring up, then Enter"
          value={text}
          maxLength={500}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'topic-add-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <small className="field-error" id="topic-add-error" role="alert">
            {error}
          </small>
        )}
      </form>
    </section>
  );
}
