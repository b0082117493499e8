// The contacts list's selection over a virtual, paged list: a set of ids, or "everyone the filter
// matches" minus exceptions, so that selecting all of 100,000 people needs no id in the renderer
// (the server resolves the filter). Ranges (shift-click, shift-arrow) fetch the ids of rows not
// loaded yet. The selection is cleared when the filter changes.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import type { ContactSummary } from '../../../../shared/domain/contact';
import type { InputOf } from '../../../../shared/api/contract';
import type { ContactFilter } from '../../stores/contacts';
import type { LoadedRows } from '../../stores/loadedRows';

type State = { all: false; ids: Set<string> } | { all: true; except: Set<string> };
const none = (): State => ({ all: false, ids: new Set() });

export type BulkSelection = InputOf<'contacts.bulkUpdate'>['selection'];

export function useSelection(filter: ContactFilter, total: number, rows: Pick<LoadedRows<ContactSummary>, 'get'>) {
  const [state, setState] = useState<State>(none);
  const [anchor, setAnchor] = useState<number | null>(null);
  const filterKey = JSON.stringify([filter.archived, filter.circleId, filter.noCircle, filter.tag]);
  useEffect(() => {
    setState(none());
    setAnchor(null);
  }, [filterKey]);

  const isSelected = useCallback((id: string) => (state.all ? !state.except.has(id) : state.ids.has(id)), [state]);
  const count = state.all ? Math.max(0, total - state.except.size) : state.ids.size;

  const setOne = useCallback((id: string, on: boolean) => {
    setState((s) => {
      if (s.all) {
        const except = new Set(s.except);
        if (on) except.delete(id);
        else except.add(id);
        return { all: true, except };
      }
      const ids = new Set(s.ids);
      if (on) ids.add(id);
      else ids.delete(id);
      return { all: false, ids };
    });
  }, []);

  /** the ids of rows from..to (inclusive), fetching the pages not loaded yet */
  const idsBetween = useCallback(
    async (from: number, to: number): Promise<string[]> => {
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      const out: string[] = [];
      let missingFrom: number | null = null;
      const fetchMissing = async (a: number, b: number) => {
        for (let offset = a; offset <= b; offset += 500) {
          const page = await api.call('contacts.list', { ...filter, offset, limit: Math.min(500, b - offset + 1) });
          out.push(...page.items.map((c) => c.id));
        }
      };
      for (let i = lo; i <= hi; i++) {
        const row = rows.get(i);
        if (!row) {
          missingFrom ??= i;
          continue;
        }
        if (missingFrom !== null) {
          await fetchMissing(missingFrom, i - 1);
          missingFrom = null;
        }
        out.push(row.id);
      }
      if (missingFrom !== null) await fetchMissing(missingFrom, hi);
      return out;
    },
    [filter, rows],
  );

  return {
    count,
    all: state.all,
    anchor,
    isSelected,
    toggle(index: number, id: string) {
      setOne(id, !isSelected(id));
      setAnchor(index);
    },
    /** selects from the anchor (or this row) to this row, adding to the selection */
    async extendTo(index: number) {
      const from = anchor ?? index;
      const ids = await idsBetween(from, index);
      setState((s) => {
        if (s.all) {
          const except = new Set(s.except);
          for (const id of ids) except.delete(id);
          return { all: true, except };
        }
        return { all: false, ids: new Set([...s.ids, ...ids]) };
      });
      if (anchor === null) setAnchor(index);
    },
    selectAll() {
      setState({ all: true, except: new Set() });
    },
    clear() {
      setState(none());
      setAnchor(null);
    },
    /** what contacts.bulkUpdate takes for this selection */
    toSelection(): BulkSelection | null {
      if (count === 0) return null;
      if (state.all) return { filter: { archived: filter.archived, circleId: filter.circleId, noCircle: filter.noCircle, tag: filter.tag }, exceptIds: [...state.except] };
      return { ids: [...state.ids] };
    },
  };
}

export type ListSelection = ReturnType<typeof useSelection>;
