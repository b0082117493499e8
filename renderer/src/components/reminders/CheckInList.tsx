// Check-ins that came due from contacts' cadences (announced in the daily digest).
import type { CheckInDue } from '../../../../shared/domain/reminder';
import { useRouter } from '../../stores/router';
import { Avatar } from '../Avatar';
import { formatOverdue, formatNumber } from '../../lib/format';

const MAX_SHOWN = 12;

export function CheckInList({ checkIns, total = checkIns.length }: { checkIns: CheckInDue[]; total?: number }) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <section className="card checkin-card" aria-labelledby="checkins-title">
      <h2 id="checkins-title" className="reminder-section-title">
        Check-ins due <span className="reminder-count">{formatNumber(total)}</span>
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
              <Avatar name={c.contactName} contactId={c.contactId} size={28} />
              <span className="checkin-name" title={c.contactName}>{c.contactName}</span>
              <span className={c.daysOverdue > 0 ? 'checkin-due overdue' : 'checkin-due'}>{formatOverdue(c.daysOverdue).toLowerCase()}</span>
            </a>
          </li>
        ))}
      </ul>
      {total > MAX_SHOWN && <p className="subtle">and {formatNumber(total - Math.min(MAX_SHOWN, checkIns.length))} more</p>}
    </section>
  );
}
