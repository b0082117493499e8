import type { Contact } from '../../../../shared/domain/contact';
import { useContacts } from '../../stores/contacts';
import { Avatar } from '../Avatar';

export function ContactHeader({ contact }: { contact: Contact }) {
  const circle = useContacts((s) => s.circles.find((c) => c.id === contact.circleId));
  return (
    <header className="contact-hero">
      <Avatar name={contact.displayName} photo={contact.photo} size={64} />
      <div>
        <h1>{contact.displayName}</h1>
        <p className="subtle">{[contact.title, contact.company].filter(Boolean).join(' · ')}</p>
        {circle && (
          <span className="chip" style={{ ['--chip' as string]: circle.color }}>
            {circle.name}
          </span>
        )}
      </div>
    </header>
  );
}
