// The keys of every reminder list: ↑/↓ (or j/k) move, d or x marks done, s snoozes, e or Enter edits.
import type { KeyboardEvent } from 'react';
import type { Reminder } from '../../../../shared/domain/reminder';
import { completeReminder } from './actions';

export interface ReminderListKeys {
  /** the rows in the order the list shows them */
  rows: Reminder[];
  focusRow(id: string): void;
  onSnooze(r: Reminder): void;
  onEdit(r: Reminder): void;
  /** ↓ on the last row shown: the list may load more (true: it takes care of the focus) */
  beyond?(r: Reminder): boolean;
}

export function reminderListKeys({ rows, focusRow, onSnooze, onEdit, beyond }: ReminderListKeys) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('reminder-row') || e.metaKey || e.ctrlKey || e.altKey) return;
    const index = rows.findIndex((r) => r.id === target.dataset.reminderId);
    const row = rows[index];
    if (!row) return;
    const key = e.key.toLowerCase();
    if (key === 'arrowdown' || key === 'j' || key === 'arrowup' || key === 'k') {
      e.preventDefault();
      const down = key === 'arrowdown' || key === 'j';
      if (down && beyond?.(row)) return;
      const next = rows[index + (down ? 1 : -1)];
      if (next) focusRow(next.id);
    } else if (row.status === 'open' && (key === 'd' || key === 'x')) {
      e.preventDefault();
      const neighbour = rows[index + 1] ?? rows[index - 1];
      void completeReminder(row).then(() => neighbour && focusRow(neighbour.id));
    } else if (row.status === 'open' && key === 's') {
      e.preventDefault();
      onSnooze(row);
    } else if (row.status === 'open' && (key === 'e' || key === 'enter')) {
      e.preventDefault();
      onEdit(row);
    }
  };
}
