// The contact's notes, edited where they are read: click the text (or focus it and press Enter) to
// edit, Save or Ctrl+Enter to keep, Escape to leave. The save is optimistic: the new text shows at
// once and goes out with the version it edits, so a contact changed elsewhere meanwhile is refused
// as `stale` and the stored text comes back with the user's draft still in the editor.
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { ApiError } from '../../../../shared/api/errors';
import type { Contact } from '../../../../shared/domain/contact';
import { Markdown } from '../Markdown';

export function NotesCard({ contact, onSaved }: { contact: Contact; onSaved: (c: Contact) => void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(contact.notes);
  const [shown, setShown] = useState(contact.notes);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const view = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!saving) setShown(contact.notes);
  }, [contact.notes, saving]);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);

  function start() {
    setDraft(shown);
    setError(null);
    setEditing(true);
  }
  function stop() {
    setEditing(false);
    setError(null);
    // back to the card, so the keyboard user is where they were
    requestAnimationFrame(() => view.current?.focus());
  }

  async function save(next: string, fromEditor: boolean) {
    const before = shown;
    setShown(next);
    if (fromEditor) setEditing(false);
    setSaving(true);
    try {
      const saved = await api.call('contacts.update', { id: contact.id, updatedAt: contact.updatedAt, notes: next });
      onSaved(saved);
      setShown(saved.notes);
    } catch (err) {
      setShown(before);
      if (err instanceof ApiError && err.code === 'stale') {
        const latest = await api.call('contacts.get', { id: contact.id }).catch(() => null);
        if (latest) {
          onSaved(latest);
          setShown(latest.notes);
        }
        setDraft(next);
        setEditing(true);
        setError('These notes were changed elsewhere meanwhile. The latest notes are saved as they were; your text is still here: save again to replace them.');
      } else if (fromEditor) {
        setDraft(next);
        setEditing(true);
        setError((err as Error).message);
      } else toast.error((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card notes-card" aria-labelledby="notes-title">
      <div className="card-header">
        <h2 id="notes-title">Notes</h2>
        {!editing && (
          <button className="button small" onClick={start} aria-label="Edit notes">
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <form
          className="notes-editor"
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft, true);
          }}
        >
          <textarea
            ref={area}
            aria-label="Notes"
            aria-describedby="notes-help"
            value={draft}
            rows={Math.min(18, Math.max(5, draft.split('\n').length + 1))}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                stop();
              } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void save(draft, true);
              }
            }}
          />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <p id="notes-help" className="subtle small">
            Markdown: **bold**, - [ ] tasks, | tables |. Ctrl+Enter saves, Escape cancels.
          </p>
          <div className="form-actions">
            <button type="button" className="button small" onClick={stop}>
              Cancel
            </button>
            <button type="submit" className="button small primary" disabled={saving}>
              Save
            </button>
          </div>
        </form>
      ) : (
        <div
          ref={view}
          className="notes-view"
          tabIndex={0}
          // a group, not a button: the notes hold links and task boxes of their own
          role="group"
          aria-label="Notes: press Enter to edit"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target === e.currentTarget) {
              e.preventDefault();
              start();
            }
          }}
          onClick={(e) => {
            // links and task boxes keep their own click
            if ((e.target as HTMLElement).closest('a, input')) return;
            start();
          }}
        >
          {shown.trim() ? (
            <Markdown text={shown} onToggleTask={(next) => void save(next, false)} />
          ) : (
            <p className="subtle">What matters to them: kids’ names, favourite food, what you talked about. Click to write.</p>
          )}
        </div>
      )}
    </section>
  );
}
