// The contacts list and circles as the UI sees them; refreshed after every write.
import { create } from 'zustand';
import { api } from '../lib/api';
import type { Circle, ContactSummary } from '../../../shared/domain/contact';
import type { InputOf } from '../../../shared/api/contract';

interface ContactsState {
  items: ContactSummary[];
  total: number;
  circles: Circle[];
  loading: boolean;
  error: string | null;
  filter: { circleId?: string; tag?: string; archived: boolean; sort: NonNullable<InputOf<'contacts.list'>['sort']> };
  load(): Promise<void>;
  setFilter(filter: Partial<ContactsState['filter']>): Promise<void>;
}

export const useContacts = create<ContactsState>((set, get) => ({
  items: [],
  total: 0,
  circles: [],
  loading: false,
  error: null,
  filter: { archived: false, sort: 'name' },
  async load() {
    set({ loading: true });
    try {
      const [list, circles] = await Promise.all([
        api.call('contacts.list', { ...get().filter, limit: 500 }),
        api.call('circles.list', {}),
      ]);
      set({ items: list.items, total: list.total, circles, loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: (err as Error).message });
    }
  },
  async setFilter(filter) {
    set({ filter: { ...get().filter, ...filter } });
    await get().load();
  },
}));
