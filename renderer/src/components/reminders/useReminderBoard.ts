// The reminder board and the settings the list needs, reloaded after every write and each minute
// (a reminder becomes overdue with time alone, without any write). The API answers a page of
// each section; loadMore fetches a section's next page, and a reload asks again for as many rows
// as are loaded, so a done reminder deep in a long list does not scroll the user back to the top.
// The check-ins come from their own call, sent at the same time: they wait for the health table
// (seconds on a big file on a new day), the board does not.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import type { CheckInBoard, Reminder, ReminderBoard, ReminderSectionKey } from '../../../../shared/domain/reminder';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';

export const REFRESH_MS = 60_000;
export const PAGE_SIZE = 50;
const MAX_PAGE = 500;

/** a section's rows as the board answered them */
export function sectionItems(board: ReminderBoard, section: ReminderSectionKey): Reminder[] {
  switch (section) {
    case 'overdue':
      return board.overdue;
    case 'today':
      return board.dueToday;
    case 'upcoming':
      return board.upcoming;
    case 'later':
      return board.later;
    case 'done':
      return board.done;
  }
}

function withSection(board: ReminderBoard, section: ReminderSectionKey, items: Reminder[], next: string | null): ReminderBoard {
  const key = section === 'today' ? 'dueToday' : section;
  return { ...board, [key]: items, next: { ...board.next, [section]: next } };
}

/** `checkInLimit`: how many check-ins of each list to ask for (a contact's page shows one) */
export function useReminderBoard(contactId?: string, checkInLimit = 50) {
  const [board, setBoard] = useState<ReminderBoard | null>(null);
  const [checkIns, setCheckIns] = useState<CheckInBoard | null>(null);
  const [morningTime, setMorningTime] = useState(DEFAULT_SETTINGS.morningTime);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<ReminderBoard | null>(null);
  current.current = board;
  const loading = useRef(new Set<ReminderSectionKey>());

  const load = useCallback(async () => {
    const shown = current.current;
    const loaded = shown ? Math.max(...(['overdue', 'today', 'upcoming', 'later'] as const).map((s) => sectionItems(shown, s).length)) : 0;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, loaded));
    const doneLimit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, shown?.done.length ?? 0));
    api.call('reminders.checkIns', { limit: checkInLimit, ...(contactId ? { contactId } : {}) }).then(setCheckIns, (err: Error) => setError(err.message));
    try {
      const [b, settings] = await Promise.all([api.call('reminders.list', { limit, doneLimit, ...(contactId ? { contactId } : {}) }), api.call('settings.get', {})]);
      setBoard(b);
      setMorningTime(settings.morningTime);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [contactId, checkInLimit]);

  /** the next page of a section (a no-op while one is on its way or at the end) */
  const loadMore = useCallback(
    async (section: ReminderSectionKey) => {
      const shown = current.current;
      const cursor = shown?.next[section];
      if (!shown || !cursor || loading.current.has(section)) return;
      loading.current.add(section);
      try {
        const page = await api.call('reminders.section', { section, cursor, limit: PAGE_SIZE, ...(contactId ? { contactId } : {}) });
        setBoard((b) => (b && b.next[section] === cursor ? withSection(b, section, [...sectionItems(b, section), ...page.items], page.next) : b));
      } catch (err) {
        setError((err as Error).message);
      } finally {
        loading.current.delete(section);
      }
    },
    [contactId],
  );

  useEffect(() => {
    void load();
    const unregister = onDataChanged(load);
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      unregister();
      window.clearInterval(timer);
    };
  }, [load]);
  return { board, checkIns, morningTime, error, reload: load, loadMore };
}
