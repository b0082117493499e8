import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import type { Contact } from '../../../shared/domain/contact';
import { useContacts } from '../stores/contacts';
import { Avatar } from '../components/Avatar';

export function ContactPage({ id }: { id: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const circles = useContacts((s) => s.circles);
  useEffect(() => {
    api.call('contacts.get', { id }).then(setContact, (e: Error) => setError(e.message));
  }, [id]);
  if (error) return <section className="page"><p className="form-error" role="alert">{error}</p></section>;
  if (!contact) return <section className="page" aria-busy="true" />;
  const circle = circles.find((c) => c.id === contact.circleId);
  return (
    <section className="page contact-page">
      <header className="contact-hero">
        <Avatar name={contact.displayName} photo={contact.photo} size={64} />
        <div>
          <h1>{contact.displayName}</h1>
          <p className="subtle">{[contact.title, contact.company, circle?.name].filter(Boolean).join(' · ')}</p>
        </div>
      </header>
      <dl className="facts">
        {contact.methods.map((m) => (
          <div key={m.id}>
            <dt>{m.label ?? m.kind}</dt>
            <dd>{m.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
