// The reminder board and the settings the list needs, reloaded after every write and each minute
// (a reminder becomes overdue with time alone, without any write).
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import type { ReminderBoard } from '../../../../shared/domain/reminder';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';

export const REFRESH_MS = 60_000;

export function useReminderBoard(contactId?: string) {
  const [board, setBoard] = useState<ReminderBoard | null>(null);
  const [morningTime, setMorningTime] = useState(DEFAULT_SETTINGS.morningTime);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [b, settings] = await Promise.all([api.call('reminders.list', contactId ? { contactId } : {}), api.call('settings.get', {})]);
      setBoard(b);
      setMorningTime(settings.morningTime);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [contactId]);
  useEffect(() => {
    void load();
    const unregister = onDataChanged(load);
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      unregister();
      window.clearInterval(timer);
    };
  }, [load]);
  return { board, morningTime, error, reload: load };
}
