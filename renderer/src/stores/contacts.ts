// The contacts list as the UI sees it: the total and the pages loaded so far (the list asks for
// the pages its visible rows fall in), plus circles and tags. Refreshed after every write.
import { create } from 'zustand';
import { api } from '../lib/api';
import type { Circle, ContactSummary, Tag } from '../../../shared/domain/contact';
import type { InputOf } from '../../../shared/api/contract';
import { LoadedRows } from './loadedRows';

export const PAGE_SIZE = 100;

export type ContactFilter = { circleId?: string; noCircle?: boolean; tag?: string; archived: boolean; sort: NonNullable<InputOf<'contacts.list'>['sort']> };

interface ContactsState {
  /** rows by index; a page not loaded yet (or dropped long after it scrolled away) has no entries */
  rows: LoadedRows<ContactSummary>;
  total: number;
  circles: Circle[];
  tags: Tag[];
  loading: boolean;
  /** set once the first page of the current filter has arrived */
  loaded: boolean;
  error: string | null;
  filter: ContactFilter;
  /** bumped on every reload, so answers to an older filter are dropped */
  generation: number;
  load(): Promise<void>;
  ensureRows(from: number, to: number): void;
  setFilter(filter: Partial<ContactFilter>): Promise<void>;
}

const inFlight = new Set<string>();

export const useContacts = create<ContactsState>((set, get) => {
  async function fetchPage(page: number, generation: number) {
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      // sent after the frame that asked: a scroll step's render paints its placeholders without
      // waiting for the request to be built and handed to the transport (~1 ms through the web host)
      await new Promise((resolve) => setTimeout(resolve, 0));
      // the filter changed meanwhile: this page belongs to a list no longer shown (and get().filter
      // is the new one's), so nothing is asked
      if (get().generation !== generation) return;
      const list = await api.call('contacts.list', { ...get().filter, limit: PAGE_SIZE, offset: page * PAGE_SIZE });
      if (get().generation !== generation) return;
      set({ rows: get().rows.with(page, list.items), total: list.total });
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    rows: LoadedRows.empty(PAGE_SIZE),
    total: 0,
    circles: [],
    tags: [],
    loading: false,
    loaded: false,
    error: null,
    filter: { archived: false, sort: 'name' },
    generation: 0,
    async load() {
      const generation = get().generation + 1;
      set({ loading: true, generation });
      try {
        const [list, circles, tags] = await Promise.all([
          api.call('contacts.list', { ...get().filter, limit: PAGE_SIZE, offset: 0 }),
          api.call('circles.list', {}),
          api.call('tags.list', {}),
        ]);
        if (get().generation !== generation) return;
        set({ rows: LoadedRows.empty<ContactSummary>(PAGE_SIZE).with(0, list.items), total: list.total, circles, tags, loading: false, loaded: true, error: null });
      } catch (err) {
        if (get().generation === generation) set({ loading: false, error: (err as Error).message });
      }
    },
    ensureRows(from, to) {
      const { rows, generation, total } = get();
      const last = Math.min(to, total - 1);
      for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!rows.hasPage(page)) void fetchPage(page, generation);
      }
    },
    async setFilter(filter) {
      set({ filter: { ...get().filter, ...filter }, loaded: false });
      await get().load();
    },
  };
});
