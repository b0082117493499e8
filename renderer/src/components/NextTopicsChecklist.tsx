// In the quick-log dialog: the open next-time topics of the people picked, each a checkbox, so
// logging the interaction can tick off what was talked about. Nothing is ticked unless asked.
import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import type { NextTopic } from '../../../shared/domain/topics';
import type { PickedContact } from './contact/ContactPicker';

export function NextTopicsChecklist({ people, checked, onChange }: { people: PickedContact[]; checked: string[]; onChange(ids: string[]): void }) {
  const [topics, setTopics] = useState<NextTopic[]>([]);
  const key = people.map((p) => p.id).join(',');
  useEffect(() => {
    if (!key) return setTopics([]);
    let live = true;
    void api.call('topics.openFor', { contactIds: key.split(',') }).then(
      (t) => live && setTopics(t),
      () => live && setTopics([]),
    );
    return () => {
      live = false;
    };
  }, [key]);
  // a topic of someone no longer in the interaction is not ticked off with it
  useEffect(() => {
    const open = new Set(topics.map((t) => t.id));
    if (checked.some((id) => !open.has(id))) onChange(checked.filter((id) => open.has(id)));
  }, [topics, checked, onChange]);
  if (topics.length === 0) return null;
  const nameOf = new Map(people.map((p) => [p.id, p.displayName]));
  return (
    <fieldset className="topic-checklist">
      <legend>Bring up · tick off what you talked about</legend>
      {topics.map((t) => (
        <label key={t.id} className="topic-check">
          <input type="checkbox" aria-label={people.length > 1 ? `${nameOf.get(t.contactId)}: ${t.text}` : t.text} checked={checked.includes(t.id)} onChange={(e) => onChange(e.target.checked ? [...checked, t.id] : checked.filter((x) => x !== t.id))} />
          <span>
            {people.length > 1 && <span className="subtle">{nameOf.get(t.contactId)}: </span>}
            {t.text}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
