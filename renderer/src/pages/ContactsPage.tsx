// The contacts list: a virtualised list, so the DOM holds only the visible rows however many there are.
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { toast } from 'sonner';
import { useContacts } from '../stores/contacts';
import { useRouter } from '../stores/router';
import { Avatar } from '../components/Avatar';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { ContactForm } from '../components/ContactForm';

const ROW_HEIGHT = 56;

export function ContactsPage({ archived }: { archived: boolean }) {
  const { items, total, circles, filter, setFilter, loading, error } = useContacts();
  const navigate = useRouter((s) => s.navigate);
  const [adding, setAdding] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const circleById = new Map(circles.map((c) => [c.id, c]));

  useEffect(() => {
    if (filter.archived !== archived) void setFilter({ archived });
  }, [archived, filter.archived, setFilter]);

  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  return (
    <section className="page contacts-page" aria-labelledby="contacts-title">
      <header className="page-header">
        <div>
          <h1 id="contacts-title">{archived ? 'Archive' : 'Contacts'}</h1>
          <p className="subtle">{total === 1 ? '1 person' : `${total.toLocaleString()} people`}</p>
        </div>
        <div className="toolbar">
          <select aria-label="Filter by circle" value={filter.circleId ?? ''} onChange={(e) => void setFilter({ circleId: e.target.value || undefined })}>
            <option value="">All circles</option>
            {circles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <select aria-label="Sort by" value={filter.sort} onChange={(e) => void setFilter({ sort: e.target.value as typeof filter.sort })}>
            <option value="name">Name</option>
            <option value="lastInteraction">Last interaction</option>
          </select>
          {!archived && (
            <button className="button primary" onClick={() => setAdding(true)}>
              <Icon name="plus" size={16} /> New contact
            </button>
          )}
        </div>
      </header>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!loading && items.length === 0 && !error ? (
        <div className="empty-state">
          <h2>{archived ? 'Nothing archived' : 'No one here yet'}</h2>
          <p>{archived ? 'Archived contacts wait here until you restore or delete them.' : 'Add the first person you want to stay close to: a friend, a relative, a client.'}</p>
          {!archived && (
            <button className="button primary" onClick={() => setAdding(true)}>
              Add your first contact
            </button>
          )}
        </div>
      ) : (
        <div className="list-scroller" ref={scroller} role="list" aria-label="Contacts">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const c = items[row.index]!;
              const circle = c.circleId ? circleById.get(c.circleId) : undefined;
              return (
                <a
                  key={c.id}
                  role="listitem"
                  className="contact-row"
                  href={`#/contacts/${c.id}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate({ page: 'contact', id: c.id });
                  }}
                >
                  <Avatar name={c.displayName} />
                  <span className="contact-row-main">
                    <span className="contact-name">{c.displayName}</span>
                    <span className="subtle">{[c.title, c.company].filter(Boolean).join(' · ') || c.primaryEmail || ' '}</span>
                  </span>
                  {circle && (
                    <span className="chip" style={{ ['--chip' as string]: circle.color }}>
                      {circle.name}
                    </span>
                  )}
                </a>
              );
            })}
          </div>
        </div>
      )}

      {adding && (
        <Modal title="New contact" onClose={() => setAdding(false)}>
          <ContactForm
            circles={circles}
            onCancel={() => setAdding(false)}
            onSaved={(contact) => {
              setAdding(false);
              toast.success(`${contact.displayName} added`);
              void useContacts.getState().load();
            }}
          />
        </Modal>
      )}
    </section>
  );
}
