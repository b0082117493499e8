// Check-ins that came due from contacts' cadences (announced in the daily digest).
import type { CheckInDue } from '../../../../shared/domain/reminder';
import { useRouter } from '../../stores/router';
import { Avatar } from '../Avatar';

const MAX_SHOWN = 12;

export function CheckInList({ checkIns }: { checkIns: CheckInDue[] }) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <section className="card checkin-card" aria-labelledby="checkins-title">
      <h2 id="checkins-title" className="reminder-section-title">
        Check-ins due <span className="reminder-count">{checkIns.length}</span>
      </h2>
      <ul className="checkin-list">
        {checkIns.slice(0, MAX_SHOWN).map((c) => (
          <li key={c.contactId}>
            <a
              href={`#/contacts/${encodeURIComponent(c.contactId)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contact', id: c.contactId });
              }}
            >
              <Avatar name={c.contactName} size={28} />
              <span className="checkin-name">{c.contactName}</span>
              <span className={c.daysOverdue > 0 ? 'checkin-due overdue' : 'checkin-due'}>{c.daysOverdue === 0 ? 'due today' : `${c.daysOverdue} ${c.daysOverdue === 1 ? 'day' : 'days'} overdue`}</span>
            </a>
          </li>
        ))}
      </ul>
      {checkIns.length > MAX_SHOWN && <p className="subtle">and {checkIns.length - MAX_SHOWN} more</p>}
    </section>
  );
}
