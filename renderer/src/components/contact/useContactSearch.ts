// Search as you type from the renderer: the newest answer wins, older ones are dropped.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { statusMayHaveChanged } from '../../lib/refresh';
import type { ContactSearchHit } from '../../../../shared/domain/contact';

export function useContactSearch(query: string, options: { limit?: number; includeArchived?: boolean } = {}) {
  const [hits, setHits] = useState<ContactSearchHit[]>([]);
  const [searching, setSearching] = useState(false);
  /** the query `hits` answer: until it equals the typed one, "no one matches" is not known yet */
  const [answeredFor, setAnsweredFor] = useState('');
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (!query.trim()) {
      setHits([]);
      setSearching(false);
      setAnsweredFor(query);
      return;
    }
    setSearching(true);
    api.call('contacts.search', { query, limit: options.limit ?? 8, includeArchived: options.includeArchived ?? false }).then(
      (found) => {
        statusMayHaveChanged();
        if (ticket !== latest.current) return;
        setHits(found);
        setSearching(false);
        setAnsweredFor(query);
      },
      () => ticket === latest.current && setSearching(false),
    );
  }, [query, options.limit, options.includeArchived]);
  return { hits, searching, answeredFor };
}
