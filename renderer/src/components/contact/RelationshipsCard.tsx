// People this person is linked to, labelled from this side (their parent is "Parent" here and the
// other page says "Child"). Each name opens that person. "Introduced" links read as a sentence;
// every stored link has a remove button with Undo; partner and friend of the same person are
// both kept only when the user answers yes to the question.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { useRouter } from '../../stores/router';
import { customRef, parseCustomRef, relationshipSentence, type Relationship, type RoleRef } from '../../../../shared/domain/relationship';
import { BUILT_IN_CHOICES, customChoices, useRelationshipRoles } from '../../lib/relationshipRoles';
import { ApiError } from '../../../../shared/api/errors';
import { Avatar } from '../Avatar';
import { ContactPicker } from './ContactPicker';

export function RelationshipsCard({ contactId, name }: { contactId: string; name: string }) {
  const [links, setLinks] = useState<Relationship[]>([]);
  const [adding, setAdding] = useState(false);
  const [role, setRole] = useState<RoleRef>('partner');
  const { roles, reload: reloadRoles } = useRelationshipRoles();
  // a role made here, from the picker: its word, and the word for the other side
  const [newRole, setNewRole] = useState<{ name: string; inverse: string } | null>(null);
  const [question, setQuestion] = useState<{ otherId: string; otherName: string; text: string } | null>(null);
  const navigate = useRouter((s) => s.navigate);
  const load = useCallback(() => api.call('relationships.listForContact', { contactId }).then(setLinks, () => setLinks([])), [contactId]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  async function add(otherId: string, otherName: string, confirmed = false) {
    try {
      await api.call('relationships.add', { contactId, otherId, role, ...(confirmed ? { confirmed } : {}) });
      setAdding(false);
      setQuestion(null);
    } catch (err) {
      // partner and friend at once: ask, do not refuse silently
      if (err instanceof ApiError && err.code === 'conflict' && err.field === 'confirmed') setQuestion({ otherId, otherName, text: err.message });
      else toast.error((err as Error).message);
    }
  }

  async function createRole() {
    if (!newRole?.name.trim()) return;
    try {
      const made = await api.call('relationshipRoles.create', { name: newRole.name, inverseName: newRole.inverse.trim() || null });
      await reloadRoles();
      setRole(customRef(made.id));
      setNewRole(null);
    } catch (err) {
      toast.error((err as Error).message);
    }
  }

  async function remove(r: Relationship) {
    try {
      // an "introduced" link with no id is the contact's "Introduced by" field: clearing it removes the link
      const introduced = r.role === 'introducedBy' ? contactId : r.other.id;
      const introducer = r.role === 'introducedBy' ? r.other.id : contactId;
      if (r.id) await api.call('relationships.remove', { id: r.id });
      else await api.call('contacts.update', { id: introduced, introducedById: null });
      const undo = r.id
        ? () => api.call('relationships.add', { contactId, otherId: r.other.id, role: r.role, confirmed: true })
        : () => api.call('contacts.update', { id: introduced, introducedById: introducer });
      toast.success(`Unlinked ${r.other.displayName} (${r.label.toLowerCase()})`, {
        action: {
          label: 'Undo',
          onClick: () => void undo().catch((e: Error) => toast.error(e.message)),
        },
      });
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
        {links.map((r) => {
          const link = (
            <a
              href={`#/contacts/${r.other.id}`}
              title={r.other.displayName}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contact', id: r.other.id });
              }}
            >
              {r.other.displayName}
            </a>
          );
          const sentence = relationshipSentence(r.role, name, r.other.displayName);
          return (
            <li key={`${r.id ?? 'intro'}-${r.role}-${r.other.id}`}>
              <Avatar name={r.other.displayName} contactId={r.other.id} size={26} />
              {sentence ? (
                <span className="relation-sentence" title={sentence}>
                  {r.role === 'introducedBy' ? (
                    <>
                      {link} introduced you to {name}
                    </>
                  ) : (
                    <>
                      {name} introduced you to {link}
                    </>
                  )}
                  {r.other.archived ? <span className="subtle"> · archived</span> : null}
                </span>
              ) : (
                <>
                  {link}
                  <span className="subtle" title={parseCustomRef(r.role) ? `${r.other.displayName} is ${name}'s ${r.label.toLowerCase()}` : undefined}>
                    {r.label}
                    {r.other.archived ? ' · archived' : ''}
                  </span>
                </>
              )}
              <button className="icon-button small" aria-label={`Unlink ${r.other.displayName} (${r.label})`} title="Remove this link" onClick={() => void remove(r)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {question && (
        <div className="relation-question" role="group" aria-labelledby="relation-question-text">
          <p id="relation-question-text">
            {question.otherName}: {question.text}
          </p>
          <div className="form-actions">
            <button className="button small" onClick={() => setQuestion(null)}>
              No, keep one
            </button>
            <button className="button small primary" autoFocus onClick={() => void add(question.otherId, question.otherName, true)}>
              Yes, both
            </button>
          </div>
        </div>
      )}
      {adding && (
        <div className="relation-add">
          <select
            aria-label="Relationship"
            value={newRole ? '__new' : role}
            onChange={(e) => (e.target.value === '__new' ? setNewRole({ name: '', inverse: '' }) : (setNewRole(null), setRole(e.target.value as RoleRef)))}
          >
            {BUILT_IN_CHOICES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
            {roles.length > 0 && (
              <optgroup label="Your roles">
                {customChoices(roles).map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </optgroup>
            )}
            <option value="__new">New role…</option>
          </select>
          {newRole && (
            <div className="relation-new-role" role="group" aria-label="New role">
              <input aria-label={`What they are to ${name}`} placeholder="They are… e.g. Godparent" autoFocus value={newRole.name} onChange={(e) => setNewRole({ ...newRole, name: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && void createRole()} />
              <input aria-label={`What ${name} is to them`} placeholder={`${name} is… (empty: the same)`} value={newRole.inverse} onChange={(e) => setNewRole({ ...newRole, inverse: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && void createRole()} />
              <button className="button small primary" disabled={!newRole.name.trim()} onClick={() => void createRole()}>
                Create role
              </button>
            </div>
          )}
          {!newRole && <ContactPicker label="Linked person" placeholder="Who?" exclude={[contactId]} autoFocus onPick={(c) => void add(c.id, c.displayName)} />}
          <button className="button small" onClick={() => (setAdding(false), setNewRole(null))}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
