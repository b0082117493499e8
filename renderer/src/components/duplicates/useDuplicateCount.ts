// How many groups of possible duplicates there are, for the dashboard and the Contacts tabs: after
// every write, once the page's own calls are answered.
import { useEffect, useState } from 'react';
import { api, whenIdle } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';

export function useDuplicateCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      whenIdle()
        .then(() => (live ? api.call('duplicates.count', {}) : null))
        .then(
          (r) => r && live && setCount(r.count),
          () => {},
        );
    void load();
    const unregister = onDataChanged(load);
    return () => {
      live = false;
      unregister();
    };
  }, []);
  return count;
}
