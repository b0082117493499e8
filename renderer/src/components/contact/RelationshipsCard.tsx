// People this person is linked to, labelled from this side (their parent is "Parent" here and the
// other page says "Child"). Each name opens that person.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { useRouter } from '../../stores/router';
import { RELATIONSHIP_ROLES, ROLE_LABELS, type Relationship, type RelationshipRole } from '../../../../shared/domain/relationship';
import { Avatar } from '../Avatar';
import { ContactPicker } from './ContactPicker';

export function RelationshipsCard({ contactId, name }: { contactId: string; name: string }) {
  const [links, setLinks] = useState<Relationship[]>([]);
  const [adding, setAdding] = useState(false);
  const [role, setRole] = useState<RelationshipRole>('partner');
  const navigate = useRouter((s) => s.navigate);
  const load = useCallback(() => api.call('relationships.listForContact', { contactId }).then(setLinks, () => setLinks([])), [contactId]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  async function add(otherId: string) {
    try {
      await api.call('relationships.add', { contactId, otherId, role });
      setAdding(false);
    } catch (err) {
      toast.error((err as Error).message);
    }
  }

  return (
    <section className="card" aria-labelledby="relationships-title">
      <div className="card-header">
        <h2 id="relationships-title">Relationships</h2>
        {!adding && (
          <button className="button small" onClick={() => setAdding(true)}>
            Link someone
          </button>
        )}
      </div>
      {links.length === 0 && !adding && <p className="subtle">Partners, family, colleagues: link {name} to the people they belong with.</p>}
      <ul className="relations">
        {links.map((r) => (
          <li key={`${r.id ?? 'intro'}-${r.role}-${r.other.id}`}>
            <Avatar name={r.other.displayName} size={26} />
            <a
              href={`#/contacts/${r.other.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contact', id: r.other.id });
              }}
            >
              {r.other.displayName}
            </a>
            <span className="subtle">{r.label}{r.other.archived ? ' · archived' : ''}</span>
            {r.id && (
              <button className="icon-button small" aria-label={`Unlink ${r.other.displayName} (${r.label})`} onClick={() => void api.call('relationships.remove', { id: r.id! })}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {adding && (
        <div className="relation-add">
          <select aria-label="Relationship" value={role} onChange={(e) => setRole(e.target.value as RelationshipRole)}>
            {RELATIONSHIP_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <ContactPicker label="Linked person" placeholder="Who?" exclude={[contactId]} autoFocus onPick={(c) => void add(c.id)} />
          <button className="button small" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
