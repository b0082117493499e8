// Pick a person by typing: a combobox over search results. Arrow keys move, Enter picks.
// Enter with nothing typed is left to the surrounding form (the quick-log saves on it).
import { Icon } from '../Icon';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Avatar } from '../Avatar';
import { useContactSearch } from './useContactSearch';

export interface PickedContact {
  id: string;
  displayName: string;
}

export function ContactPicker({
  label,
  placeholder = 'Type a name…',
  exclude = [],
  onPick,
  onBackspaceEmpty,
  onCreate,
  autoFocus,
  id,
}: {
  label: string;
  placeholder?: string;
  exclude?: string[];
  onPick(contact: PickedContact): void;
  onBackspaceEmpty?(): void;
  /** when no one matches: offer to add the typed name as a new contact (which is then picked) */
  onCreate?(name: string): Promise<PickedContact>;
  autoFocus?: boolean;
  id?: string;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { hits, answeredFor } = useContactSearch(query, { limit: 8 });
  const options = hits.filter((h) => !exclude.includes(h.id));
  const listId = useId();
  const open = query.trim().length > 0;

  // only once the search for what is typed has answered: an Enter typed ahead of the answer must
  // not add a second "Katherine" beside the one the search was about to find
  const offerCreate = open && answeredFor === query && options.length === 0 && onCreate !== undefined;

  async function create() {
    const name = query.trim();
    if (!name || !onCreate) return;
    setQuery('');
    onPick(await onCreate(name));
  }

  function pick(index: number) {
    if (offerCreate) return void create();
    const chosen = options[index];
    if (!chosen) return;
    onPick({ id: chosen.id, displayName: chosen.displayName });
    setQuery('');
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open) {
      // a pick, not a submit
      e.preventDefault();
      e.stopPropagation();
      pick(active);
    } else if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setQuery('');
    } else if (e.key === 'Backspace' && !query) {
      onBackspaceEmpty?.();
    }
  }

  // inside a Modal, data-autofocus is enough; elsewhere (a card that just opened) focus it here
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  return (
    <div className="picker">
      <input
        ref={input}
        id={id}
        role="combobox"
        aria-label={label}
        aria-expanded={open && (options.length > 0 || offerCreate)}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={offerCreate ? `${listId}-new` : open && options[active] ? `${listId}-${active}` : undefined}
        value={query}
        placeholder={placeholder}
        autoComplete="off"
        data-autofocus={autoFocus ? true : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="picker-list" role="listbox" id={listId} aria-label={`${label}: suggestions`}>
          {options.length === 0 ? (
            <>
              <li className="picker-empty" role="presentation">
                No one matches “{query.trim()}”
              </li>
              {offerCreate && (
                <li
                  id={`${listId}-new`}
                  role="option"
                  aria-selected
                  className="picker-option active"
                  onMouseDown={(e) => {
                    e.preventDefault();
                    void create();
                  }}
                >
                  <Icon name="plus" size={14} />
                  <span>Add “{query.trim()}” as a new contact</span>
                </li>
              )}
            </>
          ) : (
            options.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'picker-option active' : 'picker-option'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(i);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <Avatar name={h.displayName} contactId={h.id} size={22} />
                <span>{h.displayName}</span>
                {h.company && <span className="subtle">{h.company}</span>}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
