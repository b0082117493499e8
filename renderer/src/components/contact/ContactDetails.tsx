import type { Contact } from '../../../../shared/domain/contact';

export function ContactDetails({ contact }: { contact: Contact }) {
  return (
    <section className="card" aria-label="Details">
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
