// The contacts list (and the Archive view): a virtualised list over pages loaded as they scroll
// into view, so the DOM holds only the visible rows however many people there are.
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { toast } from 'sonner';
import { api } from '../lib/api';
import { useContacts, type ContactFilter } from '../stores/contacts';
import { useRouter } from '../stores/router';
import { useUi } from '../stores/ui';
import { Icon } from '../components/Icon';
import { ConfirmDelete } from '../components/contact/ConfirmDelete';
import { formatNumber } from '../lib/format';
import { isModKey, MOD_LABEL } from '../lib/keyboard';
import { useDuplicateCount } from '../components/duplicates/useDuplicateCount';
import { useSelection } from '../components/contacts/useSelection';
import { BulkBar } from '../components/contacts/BulkBar';
import { ContactRow, ROW_HEIGHT, type RowActions } from '../components/contacts/ContactRow';
import type { ContactSummary } from '../../../shared/domain/contact';
import { usePhoneRegion } from '../lib/phoneRegion';

/** the circle filter's "No circle" choice */
const NO_CIRCLE = '__none__';

const SORT_LABELS: Record<ContactFilter['sort'], string> = {
  name: 'Name',
  familyName: 'Family name',
  lastInteraction: 'Last interaction',
  health: 'Health',
  nextCheckIn: 'Next check-in',
};

export function ContactsPage({ archived }: { archived: boolean }) {
  const { rows, total, circles, tags, filter, setFilter, loaded, error, ensureRows } = useContacts();
  const navigate = useRouter((s) => s.navigate);
  const duplicateCount = useDuplicateCount();
  const region = usePhoneRegion();
  const openNewContact = () => useUi.getState().setNewContactOpen(true);
  const [deleting, setDeleting] = useState<ContactSummary | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const circleById = new Map(circles.map((c) => [c.id, c]));
  const filtered = Boolean(filter.circleId || filter.noCircle || filter.tag);
  // to the minute: the rows' "2 days ago" need no finer clock, and memoised rows keep their props
  const now = Math.floor(Date.now() / 60_000) * 60_000;

  useEffect(() => {
    if (filter.archived !== archived) void setFilter({ archived });
  }, [archived, filter.archived, setFilter]);
  const current = filter.archived === archived;

  const virtualizer = useVirtualizer({ count: current ? total : 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 3 });
  const visible = virtualizer.getVirtualItems();
  const first = visible[0]?.index ?? 0;
  const last = visible.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, rows, ensureRows]);

  // selection and the keyboard (components/contacts/useSelection.ts): the active row holds the
  // focus (its checkbox), arrows move it, Space selects, Shift extends, Ctrl/Cmd+A selects all
  // that match the filter, Enter opens, Escape clears
  const selection = useSelection(filter, current ? total : 0, rows);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  useEffect(() => setActive(0), [filter]);
  useEffect(() => {
    if (!focusPending.current) return;
    const box = scroller.current?.querySelector<HTMLInputElement>(`[data-index="${active}"] .row-select`);
    if (box) {
      box.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });
  function moveTo(index: number, extend: boolean) {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (extend) void selection.extendTo(next);
  }
  function onListKey(e: KeyboardEvent) {
    if (total === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: total - 1 };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!, e.shiftKey);
    } else if (isModKey(e) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selection.selectAll();
    } else if (e.key === 'Escape' && selection.count > 0) {
      e.preventDefault();
      selection.clear();
    } else if (e.key === 'Enter') {
      const c = rows.get(active);
      if (c && (e.target as HTMLElement).classList.contains('row-select')) navigate({ page: 'contact', id: c.id });
    }
  }
  function onRowClick(e: MouseEvent, index: number, c: ContactSummary) {
    if ((e.target as HTMLElement).closest('button, a, input')) return;
    setActive(index);
    if (e.shiftKey) return void selection.extendTo(index);
    if (isModKey(e)) return selection.toggle(index, c.id);
    navigate({ page: 'contact', id: c.id });
  }

  async function restore(c: ContactSummary) {
    await api.call('contacts.restore', { id: c.id });
    toast.success(`${c.displayName} restored`);
  }
  // the rows are memoised (a scroll step re-renders only the rows that came into view): they call
  // the page's current handlers through one object that keeps its identity
  const handlers = { onRowClick, setActive, extendTo: (i: number) => void selection.extendTo(i), toggle: selection.toggle, navigate, restore: (c: ContactSummary) => void restore(c), remove: setDeleting };
  const latestHandlers = useRef(handlers);
  latestHandlers.current = handlers;
  const [rowActions] = useState<RowActions>(() => ({
    onRowClick: (e, i, c) => latestHandlers.current.onRowClick(e, i, c),
    setActive: (i) => latestHandlers.current.setActive(i),
    extendTo: (i) => latestHandlers.current.extendTo(i),
    toggle: (i, id) => latestHandlers.current.toggle(i, id),
    open: (id) => latestHandlers.current.navigate({ page: 'contact', id }),
    restore: (c) => latestHandlers.current.restore(c),
    remove: (c) => latestHandlers.current.remove(c),
  }));

  return (
    <section className="page contacts-page" aria-labelledby="contacts-title">
      <header className="page-header">
        <div>
          <h1 id="contacts-title">{archived ? 'Archive' : 'Contacts'}</h1>
          <p className="subtle">
            {!loaded ? '…' : total === 1 ? '1 person' : `${formatNumber(total)} people`}
            {archived && ' · hidden everywhere else until you restore them'}
          </p>
        </div>
        {!archived && (
          <button className="button primary" onClick={openNewContact}>
            <Icon name="plus" size={16} /> New contact
          </button>
        )}
      </header>

      <div className="list-toolbar">
        <nav className="tabs" aria-label="Contacts or archive">
          <a href="#/contacts" className={archived ? 'tab' : 'tab active'} aria-current={archived ? undefined : 'page'} onClick={(e) => (e.preventDefault(), navigate({ page: 'contacts' }))}>
            All
          </a>
          <a href="#/contacts/archive" className={archived ? 'tab active' : 'tab'} aria-current={archived ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate({ page: 'contacts', archived: true }))}>
            <Icon name="archive" size={14} /> Archive
          </a>
          <a href="#/contacts/duplicates" className="tab" onClick={(e) => (e.preventDefault(), navigate({ page: 'duplicates' }))}>
            Duplicates{duplicateCount > 0 && <span className="tab-count" aria-label={`${formatNumber(duplicateCount)} possible`}>{formatNumber(duplicateCount)}</span>}
          </a>
        </nav>
        <div className="toolbar">
          <select
            aria-label="Filter by circle"
            value={filter.noCircle ? NO_CIRCLE : (filter.circleId ?? '')}
            onChange={(e) => void setFilter(e.target.value === NO_CIRCLE ? { circleId: undefined, noCircle: true } : { circleId: e.target.value || undefined, noCircle: undefined })}
          >
            <option value="">All circles</option>
            {circles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NO_CIRCLE}>No circle</option>
          </select>
          <select aria-label="Filter by tag" value={filter.tag ?? ''} onChange={(e) => void setFilter({ tag: e.target.value || undefined })}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
          <select aria-label="Sort by" value={filter.sort} onChange={(e) => void setFilter({ sort: e.target.value as ContactFilter['sort'] })}>
            {(Object.keys(SORT_LABELS) as ContactFilter['sort'][]).map((s) => (
              <option key={s} value={s}>
                Sort: {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {selection.count > 0 && <BulkBar selection={selection} circles={circles} tags={tags} archived={archived} />}
      {current && loaded && total === 0 && !error ? (
        <EmptyList archived={archived} filtered={filtered} onAdd={openNewContact} onClear={() => void setFilter({ circleId: undefined, noCircle: undefined, tag: undefined })} />
      ) : (
        <div
          className={selection.count > 0 ? 'list-scroller selecting' : 'list-scroller'}
          ref={scroller}
          role="list"
          aria-label={archived ? 'Archived contacts' : 'Contacts'}
          aria-busy={!loaded}
          onKeyDown={onListKey}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {visible.map((row) => {
              const c = rows.get(row.index);
              if (!c)
                return (
                  <div key={row.key} role="listitem" className="contact-row placeholder" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
                    <span className="skeleton-avatar" />
                    <span className="skeleton-line" />
                  </div>
                );
              return (
                <ContactRow
                  key={c.id}
                  contact={c}
                  index={row.index}
                  start={row.start}
                  selected={selection.isSelected(c.id)}
                  active={row.index === active}
                  circle={c.circleId ? circleById.get(c.circleId) : undefined}
                  archived={archived}
                  now={now}
                  region={region}
                  actions={rowActions}
                />
              );
            })}
          </div>
        </div>
      )}
      {deleting && <ConfirmDelete contact={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}

function EmptyList({ archived, filtered, onAdd, onClear }: { archived: boolean; filtered: boolean; onAdd(): void; onClear(): void }) {
  if (filtered)
    return (
      <div className="empty-state">
        <h2>No one matches these filters</h2>
        <p>Try another circle or tag, or show everyone.</p>
        <button className="button" onClick={onClear}>
          Clear filters
        </button>
      </div>
    );
  if (archived)
    return (
      <div className="empty-state">
        <h2>Nothing archived</h2>
        <p>When you archive someone from their page, they wait here — hidden everywhere else — until you restore them or delete them for good.</p>
      </div>
    );
  return (
    <div className="empty-state">
      <div className="empty-icon" aria-hidden>
        <Icon name="people" size={28} />
      </div>
      <h2>No one here yet</h2>
      <p>Add the first person you want to stay close to: a friend, a relative, a client. Then log a call or a coffee with them and Kith keeps track.</p>
      <button className="button primary" onClick={onAdd}>
        Add your first contact
      </button>
      <p className="subtle small">
        Tip: <kbd>{MOD_LABEL}</kbd> <kbd>K</kbd> finds anyone, <kbd>{MOD_LABEL}</kbd> <kbd>L</kbd> logs an interaction.
      </p>
    </div>
  );
}
