// The user's relationship roles for the picker and Settings: loaded once per change (onDataChanged),
// offered as "X is my …" choices with both words of a two-way role (godparent, godchild).
import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import { onDataChanged } from './refresh';
import { RELATIONSHIP_ROLES, ROLE_LABELS, customRef, type CustomRoleInUse, type RoleRef } from '../../../shared/domain/relationship';

export function useRelationshipRoles(): { roles: CustomRoleInUse[]; reload(): Promise<void> } {
  const [roles, setRoles] = useState<CustomRoleInUse[]>([]);
  const reload = useCallback(() => api.call('relationshipRoles.list', {}).then(setRoles, () => setRoles([])), []);
  useEffect(() => {
    void reload();
    return onDataChanged(reload);
  }, [reload]);
  return { roles, reload };
}

export const BUILT_IN_CHOICES: { value: RoleRef; label: string }[] = RELATIONSHIP_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** each word of each role, as a choice: "Godparent" and "Godchild" for one two-way role */
export function customChoices(roles: CustomRoleInUse[]): { value: RoleRef; label: string }[] {
  return roles
    .flatMap((r) => [{ value: customRef(r.id), label: r.name }, ...(r.inverseName ? [{ value: customRef(r.id, true), label: r.inverseName }] : [])])
    .sort((a, b) => a.label.localeCompare(b.label));
}
