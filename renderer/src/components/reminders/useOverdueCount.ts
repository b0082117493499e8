// The overdue count for the sidebar badge: after every write, and each minute as time passes.
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { REFRESH_MS } from './useReminderBoard';

export function useOverdueCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const load = () =>
      api.call('reminders.summary', {}).then(
        (s) => setCount(s.overdue),
        () => {},
      );
    void load();
    const unregister = onDataChanged(load);
    const timer = window.setInterval(load, REFRESH_MS);
    return () => {
      unregister();
      window.clearInterval(timer);
    };
  }, []);
  return count;
}
