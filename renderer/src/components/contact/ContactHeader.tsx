// Who they are at a glance, and what you can do: log, edit, archive (restore / delete when archived).
import { useState } from 'react';
import { toast } from 'sonner';
import type { Contact } from '../../../../shared/domain/contact';
import { api } from '../../lib/api';
import { useContacts } from '../../stores/contacts';
import { useRouter } from '../../stores/router';
import { useUi } from '../../stores/ui';
import { Avatar } from '../Avatar';
import { Icon } from '../Icon';
import { MOD_LABEL } from '../../lib/keyboard';
import { ConfirmDelete } from './ConfirmDelete';

export function ContactHeader({ contact, onEdit }: { contact: Contact; onEdit(): void }) {
  const circle = useContacts((s) => s.circles.find((c) => c.id === contact.circleId));
  const navigate = useRouter((s) => s.navigate);
  const [deleting, setDeleting] = useState(false);
  const archived = contact.archivedAt !== null;

  async function archive() {
    await api.call('contacts.archive', { id: contact.id });
    toast.success(`${contact.displayName} archived`, {
      description: 'Hidden everywhere but the Archive.',
      action: { label: 'Undo', onClick: () => void api.call('contacts.restore', { id: contact.id }) },
    });
  }

  return (
    <header className="contact-hero">
      <Avatar name={contact.displayName} givenName={contact.givenName} familyName={contact.familyName} photo={contact.photo} size={72} />
      <div className="contact-hero-text">
        <h1>{contact.displayName}</h1>
        <p className="subtle">
          {[contact.nickname && `“${contact.nickname}”`, contact.title, contact.company].filter(Boolean).join(' · ') || '\u00a0'}
        </p>
        <div className="hero-chips">
          {archived && <span className="chip" style={{ ['--chip' as string]: 'var(--warn)' }}>Archived</span>}
          {circle && (
            <span className="chip" style={{ ['--chip' as string]: circle.color }}>
              {circle.name}
            </span>
          )}
          {contact.importance !== 'regular' && <span className="chip">{contact.importance === 'inner' ? 'Inner' : 'Outer'}</span>}
          {contact.tags.map((t) => (
            <a
              key={t}
              className="tag"
              href="#/contacts"
              title={`Everyone tagged ${t}`}
              onClick={(e) => {
                e.preventDefault();
                void useContacts.getState().setFilter({ tag: t, archived: false });
                navigate({ page: 'contacts' });
              }}
            >
              {t}
            </a>
          ))}
        </div>
      </div>
      <div className="hero-actions">
        {archived ? (
          <>
            <button className="button primary" onClick={() => void api.call('contacts.restore', { id: contact.id }).then(() => toast.success(`${contact.displayName} restored`))}>
              Restore
            </button>
            <button className="button danger" onClick={() => setDeleting(true)}>
              Delete for good…
            </button>
          </>
        ) : (
          <>
            <button className="button primary" onClick={() => useUi.getState().openQuickLog([{ id: contact.id, displayName: contact.displayName }])} title={`${MOD_LABEL}+L`}>
              <Icon name="plus" size={16} /> Log interaction
            </button>
            <button className="button" onClick={onEdit}>
              Edit
            </button>
            <button className="button" onClick={() => void archive()}>
              <Icon name="archive" size={15} /> Archive
            </button>
          </>
        )}
      </div>
      {deleting && <ConfirmDelete contact={contact} onClose={() => setDeleting(false)} onDeleted={() => navigate({ page: 'contacts', archived: true })} />}
    </header>
  );
}
