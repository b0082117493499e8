// Check-ins that came due from contacts' cadences (announced in the daily digest), and the ones
// falling due in the coming days (what the dashboard's "Coming up" lists), so the Reminders page
// shows every check-in the dashboard does.
import type { CheckInDue } from '../../../../shared/domain/reminder';
import { COMING_UP_DAYS } from '../../../../shared/domain/reminder';
import { useRouter } from '../../stores/router';
import { Avatar } from '../Avatar';
import { formatOverdue, formatNumber, formatInDays } from '../../lib/format';

const MAX_SHOWN = 12;

export function CheckInList({ checkIns, total = checkIns.length, soon = [], soonTotal = soon.length }: { checkIns: CheckInDue[]; total?: number; soon?: CheckInDue[]; soonTotal?: number }) {
  return (
    <section className="card checkin-card" aria-labelledby="checkins-title">
      {total > 0 && (
        <>
          <h2 id="checkins-title" className="reminder-section-title">
            Check-ins due <span className="reminder-count">{formatNumber(total)}</span>
          </h2>
          <CheckInRows items={checkIns} total={total} when={(c) => ({ text: formatOverdue(c.daysOverdue).toLowerCase(), overdue: c.daysOverdue > 0 })} />
        </>
      )}
      {soonTotal > 0 && (
        <>
          <h2 id={total > 0 ? 'checkins-soon-title' : 'checkins-title'} className="reminder-section-title">
            Check-ins in the next {COMING_UP_DAYS} days <span className="reminder-count">{formatNumber(soonTotal)}</span>
          </h2>
          <CheckInRows items={soon} total={soonTotal} when={(c) => ({ text: formatInDays(-c.daysOverdue), overdue: false })} />
        </>
      )}
    </section>
  );
}

function CheckInRows({ items, total, when }: { items: CheckInDue[]; total: number; when: (c: CheckInDue) => { text: string; overdue: boolean } }) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <>
      <ul className="checkin-list">
        {items.slice(0, MAX_SHOWN).map((c) => {
          const w = when(c);
          return (
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
                <span className={w.overdue ? 'checkin-due overdue' : 'checkin-due'}>{w.text}</span>
              </a>
            </li>
          );
        })}
      </ul>
      {total > MAX_SHOWN && <p className="subtle">and {formatNumber(total - Math.min(MAX_SHOWN, items.length))} more</p>}
    </>
  );
}
