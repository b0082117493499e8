// Reminders: Overdue, Today, Upcoming (next 30 days), Later, due check-ins, and Done; a page of each
// at a time, in a virtual list.
import { useEffect, useRef, useState } from 'react';
import { VirtualReminderSections, type BoardSection } from '../components/reminders/VirtualReminderSections';
import { ReminderForm } from '../components/reminders/ReminderForm';
import { CheckInList } from '../components/reminders/CheckInList';
import { useReminderBoard } from '../components/reminders/useReminderBoard';
import { Icon } from '../components/Icon';
import { formatNumber } from '../lib/format';

/** '#/reminders/<id>': a notification asked to show this reminder */
function focusFromHash(): string | null {
  const m = /^#\/reminders\/([^/]+)/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function RemindersPage() {
  const { board, checkIns, morningTime, error, loadMore } = useReminderBoard();
  const page = useRef<HTMLElement>(null);
  const [creating, setCreating] = useState(false);
  const [focusId, setFocusId] = useState(focusFromHash);

  useEffect(() => {
    const onHash = () => setFocusId(focusFromHash());
    window.addEventListener('hashchange', onHash);
    // "n" anywhere on the page (not while typing) adds a reminder
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key === 'n' && !e.metaKey && !e.ctrlKey && !e.altKey && !t.closest('input, textarea, select, [role="dialog"], [role="menu"]')) {
        e.preventDefault();
        setCreating(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const totals = board?.totals;
  const open = totals ? totals.overdue + totals.today + totals.upcoming + totals.later : 0;
  const section = (key: BoardSection['key'], title: string, items: BoardSection['items'], extra: Partial<BoardSection> = {}): BoardSection => ({
    key,
    title,
    items,
    total: Math.max(totals?.[key] ?? 0, items.length),
    hasMore: Boolean(board?.next[key]),
    ...extra,
  });
  const sections: BoardSection[] = board
    ? [
        section('overdue', 'Overdue', board.overdue, { tone: 'danger' }),
        section('today', 'Today', board.dueToday, { tone: 'accent', empty: open ? 'Nothing else due today.' : undefined }),
        section('upcoming', 'Upcoming', board.upcoming, { empty: open ? 'Nothing in the next 30 days.' : undefined }),
        section('later', 'Later', board.later, { tone: 'muted' }),
        section('done', 'Done', board.done, { tone: 'muted' }),
      ]
    : [];

  return (
    <section className="page reminders-page" aria-labelledby="rem-title" ref={page}>
      <header className="page-header">
        <div>
          <h1 id="rem-title">Reminders</h1>
          {totals && (open > 0 || totals.done > 0) && (
            <p className="subtle">
              {totals.overdue ? `${formatNumber(totals.overdue)} overdue · ` : ''}
              {formatNumber(totals.today)} today · {formatNumber(totals.upcoming)} in the next 30 days
            </p>
          )}
        </div>
        <div className="toolbar">
          {board && open > 0 && <span className="subtle key-hints" aria-hidden="true">
            <kbd>↑</kbd>
            <kbd>↓</kbd> move · <kbd>d</kbd> done · <kbd>s</kbd> snooze · <kbd>e</kbd> edit · <kbd>n</kbd> new
          </span>}
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={16} />
            New reminder
          </button>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {board && open === 0 && board.totals.done === 0 && checkIns && checkIns.checkInTotal === 0 && checkIns.checkInSoonTotal === 0 && (
        <div className="empty-state">
          <h2>No reminders yet</h2>
          <p>Add one for anything you must not forget. Birthdays and anniversaries on your contacts appear here on their own.</p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New reminder
          </button>
        </div>
      )}
      {board && (open > 0 || board.totals.done > 0 || (checkIns && (checkIns.checkInTotal > 0 || checkIns.checkInSoonTotal > 0))) && (
        <div className="reminders-layout">
          <div className="reminders-column">
            <VirtualReminderSections sections={sections} today={board.today} morningTime={morningTime} focusId={focusId} scroller={page} onLoadMore={loadMore} />
          </div>
          {/* the check-ins answer apart (they wait for the health table): their place is kept meanwhile */}
          {!checkIns ? (
            <aside className="reminders-aside">
              <section className="card checkin-card" aria-busy="true" aria-label="Check-ins">
                <p className="subtle">Working out who is due a check-in…</p>
              </section>
            </aside>
          ) : (
            (checkIns.checkIns.length > 0 || checkIns.checkInsSoon.length > 0) && (
              <aside className="reminders-aside">
                <CheckInList checkIns={checkIns.checkIns} total={checkIns.checkInTotal} soon={checkIns.checkInsSoon} soonTotal={checkIns.checkInSoonTotal} />
              </aside>
            )
          )}
        </div>
      )}
      {creating && <ReminderForm onClose={() => setCreating(false)} />}
    </section>
  );
}
