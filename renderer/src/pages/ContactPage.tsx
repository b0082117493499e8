// One contact: who they are, how the relationship is doing, what happened, what is coming.
// Each part is its own component; the page only lays them out.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import type { Contact } from '../../../shared/domain/contact';
import { ContactHeader } from '../components/contact/ContactHeader';
import { ContactDetails } from '../components/contact/ContactDetails';
import { RemindersPanel } from '../components/contact/RemindersPanel';

export function ContactPage({ id }: { id: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        <p className="form-error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!contact) return <section className="page" aria-busy="true" />;
  return (
    <section className="page contact-page" aria-label={contact.displayName}>
      <ContactHeader contact={contact} />
      <div className="contact-columns">
        <div className="contact-main">{/* timeline (interactions), health and value panels go here */}<RemindersPanel contactId={contact.id} /></div>
        <aside className="contact-side">
          <ContactDetails contact={contact} />
        </aside>
      </div>
    </section>
  );
}
