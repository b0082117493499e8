// A contact's reminders on their page: what is open (birthday included), and a quick add.
import { useState } from 'react';
import { ReminderSections } from '../reminders/ReminderSections';
import { ReminderForm } from '../reminders/ReminderForm';
import { useReminderBoard } from '../reminders/useReminderBoard';
import { Icon } from '../Icon';
import { formatOverdue, todayLocal } from '../../lib/format';

export function RemindersPanel({ contactId }: { contactId: string }) {
  const { board, checkIns, morningTime } = useReminderBoard(contactId, 1);
  const [creating, setCreating] = useState(false);
  const openItems = board ? [...board.overdue, ...board.dueToday, ...board.upcoming, ...board.later] : [];
  const checkIn = checkIns?.checkIns[0];
  return (
    <section className="card reminders-panel" aria-labelledby="contact-reminders-title">
      <header className="panel-header">
        <h2 id="contact-reminders-title">Reminders</h2>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          <Icon name="plus" size={14} />
          Add reminder
        </button>
      </header>
      {checkIn && <p className="checkin-note">Check-in {formatOverdue(checkIn.daysOverdue).toLowerCase()}</p>}
      {board && openItems.length > 0 ? (
        <ReminderSections sections={[{ key: 'open', title: 'Open', items: openItems }]} today={board.today} morningTime={morningTime} hideContact />
      ) : (
        // beside an overdue check-in "Nothing planned" read as a contradiction: the check-in is planned
        board && <p className="subtle">{checkIn ? 'No other reminders. Add one to follow up.' : 'Nothing planned. Add a reminder to follow up.'}</p>
      )}
      {creating && <ReminderForm defaults={{ contactId, dueDate: todayLocal() }} onClose={() => setCreating(false)} />}
    </section>
  );
}
