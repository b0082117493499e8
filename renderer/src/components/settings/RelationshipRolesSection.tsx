// Relationship roles of the user's own (godparent ↔ godchild, mentor ↔ mentee, ex): add, rename,
// delete. A role that links use is deleted only once the user chose to move its links to another
// role or to delete them with it; the dialog says how many there are.
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import { dataChanged } from '../../lib/refresh';
import { BUILT_IN_CHOICES, customChoices, useRelationshipRoles } from '../../lib/relationshipRoles';
import type { CustomRoleInUse, RoleRef } from '../../../../shared/domain/relationship';
import { formatNumber } from '../../lib/format';
import { Modal } from '../Modal';

async function attempt(fn: () => Promise<unknown>, done?: string) {
  try {
    await fn();
    if (done) toast.success(done);
    dataChanged();
    return true;
  } catch (err) {
    toast.error((err as Error).message);
    return false;
  }
}

const linksText = (n: number) => (n === 1 ? '1 link' : `${formatNumber(n)} links`);

function RoleRow({ role, onDelete }: { role: CustomRoleInUse; onDelete(): void }) {
  const [name, setName] = useState(role.name);
  const [inverse, setInverse] = useState(role.inverseName ?? '');
  const save = () => {
    if (name.trim() === role.name && (inverse.trim() || null) === role.inverseName) return;
    void attempt(() => api.call('relationshipRoles.update', { id: role.id, name, inverseName: inverse.trim() || null }), 'Role renamed').then((ok) => {
      if (!ok) {
        setName(role.name);
        setInverse(role.inverseName ?? '');
      }
    });
  };
  const blurOnEnter = (e: React.KeyboardEvent) => e.key === 'Enter' && (e.target as HTMLInputElement).blur();
  return (
    <li className="settings-row">
      <input aria-label={`${role.name}: name`} value={name} onChange={(e) => setName(e.target.value)} onBlur={save} onKeyDown={blurOnEnter} />
      <span aria-hidden="true">↔</span>
      <input aria-label={`${role.name}: the other side`} placeholder="same both ways" value={inverse} onChange={(e) => setInverse(e.target.value)} onBlur={save} onKeyDown={blurOnEnter} />
      <span className="subtle count">{linksText(role.links)}</span>
      <button className="button small danger" onClick={onDelete} aria-label={`Delete role ${role.name}`}>
        Delete…
      </button>
    </li>
  );
}

export function RelationshipRolesSection() {
  const { roles } = useRelationshipRoles();
  const [name, setName] = useState('');
  const [inverse, setInverse] = useState('');
  const [deleting, setDeleting] = useState<CustomRoleInUse | null>(null);
  const [what, setWhat] = useState<'move' | 'delete'>('move');
  const [moveTo, setMoveTo] = useState<RoleRef>('friend');

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    if (await attempt(() => api.call('relationshipRoles.create', { name, inverseName: inverse.trim() || null }), 'Role added')) {
      setName('');
      setInverse('');
    }
  }

  async function remove(role: CustomRoleInUse) {
    const input = role.links ? (what === 'move' ? { id: role.id, links: 'move' as const, moveTo } : { id: role.id, links: 'delete' as const }) : { id: role.id };
    if (await attempt(() => api.call('relationshipRoles.remove', input), `Role ${role.name} deleted`)) setDeleting(null);
  }

  const others = deleting ? [...BUILT_IN_CHOICES, ...customChoices(roles.filter((r) => r.id !== deleting.id))] : [];
  return (
    <section className="card" aria-labelledby="roles-title">
      <h2 id="roles-title">Relationship roles</h2>
      <p className="subtle">Your own words for how people belong together, each with the word for the other side: godparent ↔ godchild, mentor ↔ mentee. Leave the other side empty when it reads the same both ways (ex).</p>
      {roles.length > 0 && (
        <ul className="settings-list">
          {roles.map((r) => (
            <RoleRow key={`${r.id}-${r.name}-${r.inverseName}`} role={r} onDelete={() => (setWhat('move'), setMoveTo('friend'), setDeleting(r))} />
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={create}>
        <input aria-label="New role" placeholder="New role, e.g. Godparent" value={name} onChange={(e) => setName(e.target.value)} />
        <span aria-hidden="true">↔</span>
        <input aria-label="New role: the other side" placeholder="e.g. Godchild (empty: same both ways)" value={inverse} onChange={(e) => setInverse(e.target.value)} />
        <button className="button" type="submit" disabled={!name.trim()}>
          Add role
        </button>
      </form>

      {deleting && (
        <Modal title={`Delete the role ${deleting.name}?`} onClose={() => setDeleting(null)}>
          {deleting.links === 0 ? (
            <p>No one is linked as {deleting.name}.</p>
          ) : (
            <fieldset className="choice-list">
              <legend>
                {linksText(deleting.links)} {deleting.links === 1 ? 'uses' : 'use'} this role. What becomes of {deleting.links === 1 ? 'it' : 'them'}?
              </legend>
              <label>
                <input type="radio" name="role-links" checked={what === 'move'} onChange={() => setWhat('move')} /> Keep {deleting.links === 1 ? 'it' : 'them'} as another role:
              </label>
              <select aria-label={`Links that were ${deleting.name} become`} value={moveTo} disabled={what !== 'move'} onChange={(e) => setMoveTo(e.target.value as RoleRef)}>
                {others.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <small className="subtle">
                Whoever is the {deleting.name.toLowerCase()} becomes the one you choose{deleting.inverseName ? `; the ${deleting.inverseName.toLowerCase()} the other side` : ''}.
              </small>
              <label>
                <input type="radio" name="role-links" checked={what === 'delete'} onChange={() => setWhat('delete')} /> Delete {deleting.links === 1 ? 'the link' : `the ${formatNumber(deleting.links)} links`} too
              </label>
            </fieldset>
          )}
          <div className="form-actions">
            <button className="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button className="button danger-solid" onClick={() => void remove(deleting)}>
              Delete role
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
