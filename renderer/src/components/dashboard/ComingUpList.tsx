// The next 14 days: birthdays, anniversaries, reminders and check-ins falling due.
import type { UpcomingItem } from '../../../../shared/domain/dashboard';
import { ContactLink, RouteLink } from './ContactLink';
import { inDays, localDate, weekday } from './format';
import { GiftIdeasHint, useGiftIdeas } from './GiftIdeas';

const KIND_LABEL: Record<UpcomingItem['kind'], string> = { birthday: 'Birthday', anniversary: 'Anniversary', reminder: 'Reminder', checkin: 'Check-in' };

function describe(u: UpcomingItem): string {
  switch (u.kind) {
    case 'birthday':
      return u.turns ? `${u.displayName} turns ${u.turns}` : `${u.displayName}’s birthday`;
    case 'anniversary':
      return `${u.title}${u.turns ? ` (${u.turns} year${u.turns === 1 ? '' : 's'})` : ''} · ${u.displayName}`;
    case 'reminder':
      return u.displayName ? `${u.title} · ${u.displayName}` : u.title;
    case 'checkin':
      return `Check in with ${u.displayName}`;
  }
}

export function ComingUpList({ items }: { items: UpcomingItem[] }) {
  const giftIdeas = useGiftIdeas(items.filter((u) => u.kind === 'birthday' && u.contactId).map((u) => u.contactId!));
  return (
    <section className="card dash-card" aria-labelledby="coming-title">
      <header className="dash-card-header">
        <h2 id="coming-title">Coming up</h2>
        <span className="subtle small">next 14 days</span>
      </header>
      {items.length === 0 ? (
        <p className="dash-empty">Nothing in the next two weeks. Add birthdays and reminders to see them here.</p>
      ) : (
        <ol className="dash-list" aria-label="Coming up">
          {items.map((u) => {
            const text = describe(u);
            const body = (
              <>
                <span className="date-tile" aria-hidden>
                  <span>{weekday(u.date)}</span>
                  <strong>{localDate(u.date).getDate()}</strong>
                </span>
                <span className="dash-row-main">
                  <span className="dash-row-name" title={text}>{text}</span>
                  <span className="subtle small">
                    <span className={`kind-dot kind-${u.kind}`} aria-hidden /> {KIND_LABEL[u.kind]} · {inDays(u.daysAway)}
                    {u.dueTime ? ` at ${u.dueTime}` : ''}
                  </span>
                  {u.kind === 'birthday' && u.contactId && <GiftIdeasHint ideas={giftIdeas.get(u.contactId)} />}
                </span>
              </>
            );
            return (
              <li key={`${u.kind}-${u.reminderId ?? u.contactId}-${u.date}-${u.title}`} className="dash-row">
                {u.contactId ? (
                  <ContactLink id={u.contactId} className="dash-row-link">
                    {body}
                  </ContactLink>
                ) : (
                  <RouteLink route={{ page: 'reminders' }} className="dash-row-link">
                    {body}
                  </RouteLink>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
