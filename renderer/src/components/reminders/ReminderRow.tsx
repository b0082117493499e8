// One reminder in a list: a round "done" button, what and about whom, when, and its actions.
// Memoised: a scroll step of the Reminders page renders only the rows that came into view, so the
// list's handlers arrive as one object of stable identity (ReminderRowActions) and the row's place
// as numbers, not as closures and objects made anew on every render.
import { memo, useCallback } from 'react';
import type { Reminder } from '../../../../shared/domain/reminder';
import { describeRecurrence } from '../../../../shared/domain/recurrence';
import { useRouter } from '../../stores/router';
import { completeReminder, deleteReminder, reopenReminder } from './actions';
import { dayLabel, dueLabel, eventNote, overdueNote, timeOfInstant, whenPhrase } from './format';
import { format } from 'date-fns';

function completedLabel(at: number, today: string): string {
  const day = dayLabel(format(new Date(at), 'yyyy-MM-dd'), today);
  return day === 'Today' ? `at ${timeOfInstant(at)}` : day === 'Yesterday' ? 'yesterday' : `on ${day}`;
}
import { Icon } from '../Icon';
import { SnoozeMenu } from './SnoozeMenu';

/** what a row asks of its list; one object for every row, kept for the list's life */
export interface ReminderRowActions {
  snoozeOpen(id: string, open: boolean): void;
  edit(r: Reminder): void;
  focus(id: string): void;
}

export interface ReminderRowProps {
  reminder: Reminder;
  today: string;
  morningTime: string;
  focused: boolean;
  snoozeOpen: boolean;
  actions: ReminderRowActions;
  /** on a contact's page the contact's name is not repeated */
  hideContact?: boolean;
  /** in a virtual list: where the row sits in its list (px), its index and how many the section holds */
  top?: number;
  index?: number;
  of?: number;
}

export const ReminderRow = memo(function ReminderRow({ reminder: r, today, morningTime, focused, snoozeOpen, actions, hideContact, top, index, of }: ReminderRowProps) {
  const navigate = useRouter((s) => s.navigate);
  const onSnoozeOpen = useCallback((open: boolean) => actions.snoozeOpen(r.id, open), [actions, r.id]);
  const position = top !== undefined && index !== undefined && of !== undefined ? { top, index, of, first: index === 0, last: index === of - 1 } : undefined;
  const closed = r.status !== 'open';
  const overdue = !closed ? overdueNote(r, today) : null;
  const event = eventNote(r, today);
  const repeating = r.recurrence.unit !== 'none';
  return (
    <li
      className={`reminder-row${closed ? ' closed' : ''}${overdue ? ' overdue' : ''}${position ? ' positioned' : ''}${position?.first ? ' first' : ''}${position?.last ? ' last' : ''}${snoozeOpen ? ' menu-open' : ''}`}
      style={position ? { transform: `translateY(${position.top}px)` } : undefined}
      aria-posinset={position ? position.index + 1 : undefined}
      aria-setsize={position ? position.of : undefined}
      data-reminder-id={r.id}
      tabIndex={focused ? 0 : -1}
      onFocus={(e) => e.target === e.currentTarget && actions.focus(r.id)}
      aria-label={`${r.title}, ${closed ? (r.status === 'done' ? 'done' : 'skipped') : dueLabel(r, today)}`}
    >
      {closed ? (
        <button type="button" className="done-toggle checked" aria-label={`Reopen ${r.title}`} title="Reopen" onClick={() => void reopenReminder(r)}>
          <Icon name="check" size={14} />
        </button>
      ) : (
        <button type="button" className="done-toggle" aria-label={`Mark ${r.title} done`} title="Done (d)" onClick={() => void completeReminder(r)}>
          <Icon name="check" size={14} />
        </button>
      )}
      <div className="reminder-main">
        <span className="reminder-title" title={r.title}>
          {r.source === 'birthday' && (
            <span className="reminder-kind birthday" title="Birthday">
              <Icon name="cake" size={14} />
            </span>
          )}
          {r.title}
        </span>
        <span className="reminder-meta">
          {r.contactId && r.contactName && !hideContact && (
            <a
              href={`#/contacts/${encodeURIComponent(r.contactId)}`}
              className="reminder-contact"
              title={r.contactName}
              tabIndex={-1}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contact', id: r.contactId! });
              }}
            >
              <Icon name="person" size={12} />
              {r.contactName}
            </a>
          )}
          {event && <span>{event}</span>}
          {repeating && r.source === 'manual' && (
            <span className="reminder-repeat">
              <Icon name="repeat" size={12} />
              {describeRecurrence(r.recurrence)}
            </span>
          )}
          {r.snoozedUntil !== null && !closed && <span className="reminder-snoozed">Snoozed</span>}
          {r.notes && <span className="reminder-notes">{r.notes.split('\n')[0]}</span>}
        </span>
      </div>
      <div className="reminder-when">
        {closed ? (
          <span className="subtle">
            {r.status === 'done' ? 'Done' : 'Skipped'} {r.completedAt ? completedLabel(r.completedAt, today) : ''} · was due {whenPhrase(r.dueDate, today)}
          </span>
        ) : (
          <>
            <span className="reminder-due">{dueLabel(r, today)}</span>
            {overdue && <span className="reminder-overdue">{overdue}</span>}
          </>
        )}
      </div>
      {!closed && (
        <div className="reminder-actions">
          <SnoozeMenu reminder={r} morningTime={morningTime} open={snoozeOpen} onOpenChange={onSnoozeOpen} />
          <button type="button" className="row-action" aria-label={`Edit ${r.title}`} title="Edit (e)" onClick={() => actions.edit(r)}>
            <Icon name="edit" size={16} />
          </button>
          {repeating ? (
            <button type="button" className="row-action" aria-label={`Skip this ${r.title}`} title="Skip this one" onClick={() => void completeReminder(r, 'dismissed')}>
              <Icon name="skip" size={16} />
            </button>
          ) : (
            <button type="button" className="row-action" aria-label={`Dismiss ${r.title}`} title="Dismiss" onClick={() => void completeReminder(r, 'dismissed')}>
              <Icon name="skip" size={16} />
            </button>
          )}
          {r.source === 'manual' && (
            <button type="button" className="row-action danger" aria-label={`Delete ${r.title}`} title="Delete" onClick={() => void deleteReminder(r)}>
              <Icon name="trash" size={16} />
            </button>
          )}
        </div>
      )}
    </li>
  );
});
