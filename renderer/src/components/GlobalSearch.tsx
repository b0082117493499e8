// The search box at the top of the sidebar: results as you type, arrow keys and Enter to open;
// past the first ten, "Show all results" opens the full results page.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useRouter } from '../stores/router';
import { Avatar } from './Avatar';
import { Icon } from './Icon';
import { SearchExcerpt } from './SearchExcerpt';
import { useContactSearch } from './contact/useContactSearch';

const SHOWN = 10;

export function GlobalSearch() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  // one more than is shown, to know whether there are more
  const { hits: found, searching } = useContactSearch(query, { limit: SHOWN + 1 });
  const hits = found.slice(0, SHOWN);
  const more = found.length > SHOWN;
  const options = hits.length + (more ? 1 : 0);
  const navigate = useRouter((s) => s.navigate);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const open = focused && query.trim().length > 0;

  function openHit(index: number) {
    const hit = hits[index];
    // Enter before the first answer (a slow search on a big file) opens the results page for it
    if ((index === hits.length && more) || (searching && hits.length === 0)) navigate({ page: 'search', query: query.trim() });
    else if (hit) navigate({ page: 'contact', id: hit.id });
    else return;
    setQuery('');
    input.current?.blur();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, options - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openHit(active);
    } else if (e.key === 'Escape') {
      setQuery('');
      input.current?.blur();
    }
  }

  return (
    <div className="global-search">
      <Icon name="search" size={15} />
      <input
        ref={input}
        id="global-search"
        type="search"
        role="combobox"
        aria-label="Search contacts"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active < options ? `${listId}-${active}` : undefined}
        placeholder="Search…"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={onKeyDown}
      />
      <kbd className="search-kbd" aria-hidden>
        /
      </kbd>
      {open && (
        <ul className="search-results" id={listId} role="listbox" aria-label="Search results">
          {hits.length === 0 ? (
            <li className="picker-empty" role="presentation" aria-live="polite">
              {searching ? 'Searching…' : `No one matches “${query}”`}
            </li>
          ) : (
            hits.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-hit active' : 'search-hit'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  openHit(i);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <Avatar name={h.displayName} contactId={h.id} size={26} />
                <span className="search-hit-main">
                  <span className="search-hit-name">{h.displayName}</span>
                  <SearchExcerpt hit={h} />
                </span>
              </li>
            ))
          )}
          {more && (
            <li
              id={`${listId}-${hits.length}`}
              role="option"
              aria-selected={active === hits.length}
              className={active === hits.length ? 'search-hit search-all active' : 'search-hit search-all'}
              onMouseDown={(e) => {
                e.preventDefault();
                openHit(hits.length);
              }}
              onMouseEnter={() => setActive(hits.length)}
            >
              <Icon name="search" size={15} /> Show all results for “{query.trim()}”
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
