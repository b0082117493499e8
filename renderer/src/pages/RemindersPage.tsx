// Reminders: Overdue, Today, Upcoming (next 30 days), Later, due check-ins, and Done.
import { useEffect, useState } from 'react';
import { ReminderSections, type ReminderSection } from '../components/reminders/ReminderSections';
import { ReminderForm } from '../components/reminders/ReminderForm';
import { CheckInList } from '../components/reminders/CheckInList';
import { useReminderBoard } from '../components/reminders/useReminderBoard';
import { Icon } from '../components/Icon';

/** '#/reminders/<id>': a notification asked to show this reminder */
function focusFromHash(): string | null {
  const m = /^#\/reminders\/([^/]+)/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function RemindersPage() {
  const { board, morningTime, error } = useReminderBoard();
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

  const open = board ? board.overdue.length + board.dueToday.length + board.upcoming.length + board.laterTotal : 0;
  const sections: ReminderSection[] = board
    ? [
        { key: 'overdue', title: 'Overdue', items: board.overdue, tone: 'danger' },
        { key: 'today', title: 'Today', items: board.dueToday, tone: 'accent', empty: open ? 'Nothing else due today.' : undefined },
        { key: 'upcoming', title: 'Upcoming', items: board.upcoming, empty: open ? 'Nothing in the next 30 days.' : undefined },
        { key: 'later', title: board.laterTotal > board.later.length ? `Later · first ${board.later.length} of ${board.laterTotal}` : 'Later', items: board.later, tone: 'muted' },
        { key: 'done', title: 'Done', items: board.done, tone: 'muted' },
      ]
    : [];

  return (
    <section className="page reminders-page" aria-labelledby="rem-title">
      <header className="page-header">
        <div>
          <h1 id="rem-title">Reminders</h1>
          {board && (open > 0 || board.done.length > 0) && (
            <p className="subtle">
              {board.overdue.length ? `${board.overdue.length} overdue · ` : ''}
              {board.dueToday.length} today · {board.upcoming.length} in the next 30 days
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
      {board && open === 0 && board.done.length === 0 && board.checkIns.length === 0 && (
        <div className="empty-state">
          <h2>No reminders yet</h2>
          <p>Add one for anything you must not forget. Birthdays and anniversaries on your contacts appear here on their own.</p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New reminder
          </button>
        </div>
      )}
      {board && (open > 0 || board.done.length > 0 || board.checkIns.length > 0) && (
        <div className="reminders-layout">
          <div className="reminders-column">
            <ReminderSections sections={sections} today={board.today} morningTime={morningTime} focusId={focusId} />
          </div>
          {board.checkIns.length > 0 && (
            <aside className="reminders-aside">
              <CheckInList checkIns={board.checkIns} />
            </aside>
          )}
        </div>
      )}
      {creating && <ReminderForm onClose={() => setCreating(false)} />}
    </section>
  );
}
