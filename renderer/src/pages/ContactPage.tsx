// One contact: who they are, how the relationship is doing, what happened, what is coming.
// Each part is its own component; the page only lays them out.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import type { Contact } from '../../../shared/domain/contact';
import { useContacts } from '../stores/contacts';
import { ContactHeader } from '../components/contact/ContactHeader';
import { ContactDetails } from '../components/contact/ContactDetails';
import { RelationshipsCard } from '../components/contact/RelationshipsCard';
import { Timeline } from '../components/contact/Timeline';
import { NotesCard } from '../components/contact/NotesCard';
import { Modal } from '../components/Modal';
import { ContactForm } from '../components/ContactForm';
import { HealthPanel } from '../components/contact/HealthPanel';
import { ValuePanel } from '../components/contact/ValuePanel';
import { RemindersPanel } from '../components/contact/RemindersPanel';
import { FactsCard } from '../components/contact/FactsCard';
import { TopicsCard } from '../components/contact/TopicsCard';
import { GiftsCard } from '../components/contact/GiftsCard';
import { LoansCard } from '../components/contact/LoansCard';
import { AttachmentsCard } from '../components/contact/AttachmentsCard';

export function ContactPage({ id }: { id: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const circles = useContacts((s) => s.circles);
  const load = useCallback(() => api.call('contacts.get', { id }).then(setContact, (e: Error) => setError(e.message)), [id]);
  useEffect(() => {
    setContact(null);
    setError(null);
    void load();
    return onDataChanged(load);
  }, [load]);
  if (error)
    return (
      <section className="page">
        <div className="empty-state">
          <h2>This contact is not here</h2>
          <p>{error}. It may have been deleted.</p>
          <a className="button" href="#/contacts">
            Back to contacts
          </a>
        </div>
      </section>
    );
  if (!contact) return <section className="page" aria-busy="true" />;
  return (
    <section className="page contact-page" aria-label={contact.displayName}>
      {contact.archivedAt !== null && (
        <div className="banner" role="status">
          {contact.displayName} is archived: hidden from lists, search and reminders until you restore them.
        </div>
      )}
      <ContactHeader contact={contact} onEdit={() => setEditing(true)} />
      <div className="contact-columns">
        <div className="contact-main">
          <HealthPanel contactId={contact.id} />
          <RemindersPanel contactId={contact.id} />
          <TopicsCard contactId={contact.id} name={contact.displayName} />
          <Timeline contact={contact} />
          <ValuePanel contact={contact} />
        </div>
        <aside className="contact-side">
          <ContactDetails contact={contact} />
          <FactsCard contactId={contact.id} name={contact.displayName} />
          <GiftsCard contactId={contact.id} name={contact.displayName} />
          <LoansCard contactId={contact.id} name={contact.displayName} />
          <AttachmentsCard contactId={contact.id} name={contact.displayName} />
          <RelationshipsCard contactId={contact.id} name={contact.displayName} />
          <NotesCard contact={contact} onSaved={setContact} />
        </aside>
      </div>
      {editing && (
        <Modal title={`Edit ${contact.displayName}`} onClose={() => setEditing(false)} wide>
          <ContactForm
            circles={circles}
            initial={contact}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              setContact(saved);
              toast.success('Saved');
            }}
          />
        </Modal>
      )}
    </section>
  );
}
