// Every result of a search, a page of 50 at a time ("Show more" fetches the next page with the
// same ranking), reached from "Show all results" under the search box. The query can be refined here.
import { useEffect, useRef, useState } from 'react';
import type { ContactSearchHit } from '../../../shared/domain/contact';
import { Avatar } from '../components/Avatar';
import { SearchExcerpt } from '../components/SearchExcerpt';
import { api } from '../lib/api';
import { statusMayHaveChanged } from '../lib/refresh';
import { useRouter } from '../stores/router';
import { formatNumber } from '../lib/format';

const PAGE = 50;
/** the contract's last offset (900) plus a page of 100: nobody reads further than this */
const MAX_RESULTS = 1000;

export function SearchPage({ query }: { query: string }) {
  const navigate = useRouter((s) => s.navigate);
  const [typed, setTyped] = useState(query);
  const [hits, setHits] = useState<ContactSearchHit[]>([]);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const ticket = useRef(0);

  useEffect(() => setTyped(query), [query]);

  // a new query starts from the first page; an answer to an older query is dropped
  useEffect(() => {
    const mine = ++ticket.current;
    setHits([]);
    setDone(false);
    if (!query.trim()) return setDone(true);
    setLoading(true);
    api.call('contacts.search', { query, limit: PAGE + 1, offset: 0 }).then(
      (found) => {
        statusMayHaveChanged();
        if (mine !== ticket.current) return;
        setHits(found.slice(0, PAGE));
        setDone(found.length <= PAGE);
        setLoading(false);
      },
      () => mine === ticket.current && setLoading(false),
    );
  }, [query]);

  function showMore() {
    const mine = ticket.current;
    setLoading(true);
    api.call('contacts.search', { query, limit: PAGE + 1, offset: hits.length }).then(
      (found) => {
        if (mine !== ticket.current) return;
        const all = [...hits, ...found.slice(0, PAGE)];
        setHits(all);
        setDone(found.length <= PAGE || all.length + PAGE > MAX_RESULTS);
        setLoading(false);
      },
      () => mine === ticket.current && setLoading(false),
    );
  }

  return (
    <section className="page search-page" aria-labelledby="search-title">
      <header className="page-header">
        <div>
          <h1 id="search-title">Search results</h1>
          <p className="subtle" aria-live="polite">
            {loading && hits.length === 0 ? 'Searching…' : hits.length === 0 ? `No one matches “${query}”` : `${formatNumber(hits.length)}${done ? '' : '+'} ${hits.length === 1 ? 'person' : 'people'} match “${query}”`}
          </p>
        </div>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate({ page: 'search', query: typed.trim() });
          }}
        >
          <input type="search" aria-label="Search everyone" value={typed} onChange={(e) => setTyped(e.target.value)} />{' '}
          <button type="submit" className="button">Search</button>
        </form>
      </header>
      <ul className="search-page-list" aria-label="Search results">
        {hits.map((h) => (
          <li key={h.id}>
            <a
              className="search-hit"
              href={`#/contacts/${encodeURIComponent(h.id)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contact', id: h.id });
              }}
            >
              <Avatar name={h.displayName} contactId={h.id} size={32} />
              <span className="search-hit-main">
                <span className="search-hit-name">
                  {h.displayName}
                  {h.archivedAt !== null && <span className="subtle"> (archived)</span>}
                </span>
                <SearchExcerpt hit={h} />
              </span>
            </a>
          </li>
        ))}
      </ul>
      {!done && hits.length > 0 && (
        <button type="button" className="search-more" onClick={showMore} disabled={loading}>
          {loading ? 'Loading…' : 'Show more results'}
        </button>
      )}
    </section>
  );
}
