// The sidebar badge's counts, overdue and due today (both are waiting on the user): after every write, and each minute as time passes,
// each time once the page's own calls are answered.
import { useEffect, useState } from 'react';
import { api, whenIdle } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { REFRESH_MS } from './useReminderBoard';

export function useOverdueCount(): { overdue: number; dueToday: number } {
  const [count, setCount] = useState({ overdue: 0, dueToday: 0 });
  useEffect(() => {
    let live = true;
    // after the page's own calls: on a big file the summary takes seconds, and the main process
    // answers one call at a time, so sent first it would hold up the page's first rows
    const load = () =>
      whenIdle()
        .then(() => (live ? api.call('reminders.summary', {}) : null))
        .then(
          (s) => s && live && setCount(s),
          () => {},
        );
    void load();
    const unregister = onDataChanged(load);
    const timer = window.setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      unregister();
      window.clearInterval(timer);
    };
  }, []);
  return count;
}
