// Today's share of the catch-up plan: the few overdue check-ins to make today, from a backlog
// spread over the coming days at the weekly pace set in Settings.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { SUGGEST_BEYOND_WEEKS, suggestedPace, type CatchUpPlan } from '../../../../shared/domain/catchUp';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { formatDay, formatOverdue, formatNumber } from '../../lib/format';
import { useRouter } from '../../stores/router';
import { Avatar } from '../Avatar';
import { ContactLink } from './ContactLink';
import { localDate, longDate } from './format';
import { epochDayOf } from '../../../../shared/domain/epochDay';

/** when the backlog is cleared at this pace: a day this year or next, else how many years (a date in 2139 says less) */
function clearedByText(clearedBy: string, today: string): string {
  const years = Math.floor((epochDayOf(clearedBy) - epochDayOf(today)) / 365.25);
  if (years >= 2) return `over ${formatNumber(years)} years at this pace`;
  return `all caught up by ${clearedBy.slice(0, 4) === today.slice(0, 4) ? longDate(clearedBy) : formatDay(localDate(clearedBy).getTime())}`;
}

export function CatchUpCard() {
  const [plan, setPlan] = useState<CatchUpPlan | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const navigate = useRouter((s) => s.navigate);
  const load = useCallback(() => api.call('health.catchUp', {}).then(setPlan, (e: Error) => toast.error(e.message)), []);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  if (!plan || (plan.backlog === 0 && plan.doneToday === 0)) return null;
  const today = plan.days[0]?.items ?? [];
  const tomorrow = plan.days[1]?.items.length ?? 0;

  async function log(contactId: string, name: string) {
    setBusy(contactId);
    try {
      const logged = await api.call('interactions.log', { kind: 'other', direction: 'outbound', participantIds: [contactId], summary: 'Checked in' });
      toast.success(`Logged a check-in with ${name}`, { action: { label: 'Undo', onClick: () => void api.call('interactions.delete', { id: logged.id }).catch((e: Error) => toast.error(e.message)) } });
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card dash-card catch-up-card" aria-labelledby="catchup-title">
      <header className="dash-card-header">
        <h2 id="catchup-title">Catch up today</h2>
        {today.length > 0 && <span className="count-pill">{today.length}</span>}
      </header>
      <p className="subtle small catch-up-summary">
        {plan.weeklyBudget === 0
          ? `${formatNumber(plan.backlog)} check-ins due. Set a weekly pace in Settings to spread them over the coming days.`
          : `${formatNumber(plan.backlog)} due, ${formatNumber(plan.weeklyBudget)} a week` + (plan.clearedBy ? ` · ${clearedByText(plan.clearedBy, plan.today)}` : '')}
      </p>
      {plan.weeklyBudget > 0 && <PaceSuggestion backlog={plan.backlog} weeklyBudget={plan.weeklyBudget} />}
      {today.length > 0 ? (
        <ol className="dash-list" aria-label="Today’s check-ins">
          {today.map((c) => (
            <li key={c.contactId} className="dash-row">
              <Avatar name={c.displayName} contactId={c.contactId} size={32} />
              <div className="dash-row-main">
                <ContactLink id={c.contactId} className="dash-row-name" title={c.displayName}>
                  {c.displayName}
                </ContactLink>
                <span className="subtle small">
                  <strong className="overdue-text">{formatOverdue(c.daysOverdue)}</strong>
                  {c.importance !== 'regular' && ` · ${c.importance}`}
                  {c.clientValue > 0 && ' · client'}
                </span>
              </div>
              <div className="dash-row-actions">
                <button type="button" className="button small" disabled={busy === c.contactId} onClick={() => void log(c.contactId, c.displayName)} aria-label={`Log a check-in with ${c.displayName}`}>
                  Log
                </button>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        plan.weeklyBudget > 0 && <p className="dash-empty">{plan.doneToday > 0 ? `Today’s share is done (${plan.doneToday} checked in).` : 'Nothing planned for today.'} {tomorrow > 0 && `${tomorrow} tomorrow.`}</p>
      )}
      <p className="subtle small">
        <a
          href="#/settings"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'settings' });
          }}
        >
          Change the pace
        </a>
      </p>
    </section>
  );
}

/** a backlog that would take months at this pace says what would clear it, or that the rhythms are the thing to change */
function PaceSuggestion({ backlog, weeklyBudget }: { backlog: number; weeklyBudget: number }) {
  const s = suggestedPace(backlog, weeklyBudget);
  if (s === null) return null;
  return (
    <p className="subtle small catch-up-suggestion">
      {s === 'too-many'
        ? `That is more than a weekly pace can clear in ${SUGGEST_BEYOND_WEEKS} weeks. Longer rhythms for people you see less often, or archiving people you no longer keep up with, shrink it.`
        : `At ${formatNumber(s.pace)} a week you would be caught up in ${SUGGEST_BEYOND_WEEKS} weeks.`}
    </p>
  );
}
