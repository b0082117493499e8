// Overdue check-ins, most pressing first, each with one-click "log" and "snooze".
import { useState } from 'react';
import { toast } from 'sonner';
import type { FollowUp } from '../../../../shared/domain/dashboard';
import { api } from '../../lib/api';
import { Avatar } from '../Avatar';
import { ContactLink } from './ContactLink';
import { daysAgo, overdueText, shortDate } from './format';
import { formatNumber } from '../../lib/format';
import { ScorePill } from './ScorePill';

/** `working`: no health is stored yet and it is being worked out (Dashboard['updating'].asOf null) */
export function OverdueList({ items, total, working = false }: { items: FollowUp[]; total: number; working?: boolean }) {
  const [busy, setBusy] = useState<string | null>(null);
  // logged or snoozed here: gone from the list at once, not when the back end's next answer comes
  // (on 100,000 people that took seconds, and the row invited a second click)
  const [handled, setHandled] = useState<ReadonlySet<string>>(new Set());
  const mark = (id: string, on: boolean) =>
    setHandled((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const shown = items.filter((f) => !handled.has(f.contactId));
  // the total counts the handled ones only while the answer shown is from before they were handled
  const shownTotal = total - (items.length - shown.length);

  async function logQuick(f: FollowUp) {
    setBusy(f.contactId);
    try {
      const logged = await api.call('interactions.log', { kind: 'other', direction: 'outbound', participantIds: [f.contactId], summary: 'Checked in' });
      mark(f.contactId, true);
      toast.success(`Logged a check-in with ${f.displayName}`, {
        action: {
          label: 'Undo',
          onClick: () =>
            void api.call('interactions.delete', { id: logged.id }).then(
              () => mark(f.contactId, false),
              (e: Error) => toast.error(e.message),
            ),
        },
      });
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function snooze(f: FollowUp) {
    setBusy(f.contactId);
    try {
      const r = await api.call('health.snoozeCheckIn', { contactId: f.contactId, days: 7 });
      mark(f.contactId, true);
      toast.success(`${f.displayName}: check-in moved to ${r.nextCheckIn ? shortDate(r.nextCheckIn) : 'later'}`);
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card dash-card" aria-labelledby="overdue-title">
      <header className="dash-card-header">
        <h2 id="overdue-title">Overdue check-ins</h2>
        {shownTotal > 0 && <span className="count-pill danger">{formatNumber(shownTotal)}</span>}
      </header>
      {/* not the order of the Reminders page or of contacts by next check-in (the date alone): say so */}
      {shown.length > 1 && <p className="subtle small dash-card-note">Most pressing first: days overdue, weighted by how close you are</p>}
      {shown.length === 0 && working ? (
        <p className="dash-empty" aria-busy="true">
          Working out who is due for a check-in…
        </p>
      ) : shown.length === 0 ? (
        <p className="dash-empty">Nobody is waiting on you. Every check-in is up to date.</p>
      ) : (
        <ol className="dash-list" aria-label="Overdue check-ins">
          {shown.map((f) => (
            <li key={f.contactId} className="dash-row">
              <Avatar name={f.displayName} contactId={f.contactId} size={32} />
              <div className="dash-row-main">
                <ContactLink id={f.contactId} className="dash-row-name" title={f.displayName}>
                  {f.displayName}
                </ContactLink>
                <span className="subtle small" title={`${overdueText(f.daysOverdue)} · ${f.daysSinceLast === null ? 'never talked' : `talked ${daysAgo(f.daysSinceLast)}`}`}>
                  <strong className="overdue-text">{overdueText(f.daysOverdue)}</strong> · {f.daysSinceLast === null ? 'never talked' : `talked ${daysAgo(f.daysSinceLast)}`}
                  {f.importance !== 'regular' && ` · ${f.importance}`}
                </span>
              </div>
              <ScorePill score={f.score} band={f.band} />
              <div className="dash-row-actions">
                <button type="button" className="button small" disabled={busy === f.contactId} onClick={() => void logQuick(f)} aria-label={`Log interaction with ${f.displayName}`} title="Log a quick check-in, now">
                  Log
                </button>
                <button type="button" className="button small ghost" disabled={busy === f.contactId} onClick={() => void snooze(f)} aria-label={`Snooze check-in with ${f.displayName} for a week`} title="Not due again for a week">
                  Snooze
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {shownTotal > shown.length && <p className="subtle small">and {formatNumber(shownTotal - shown.length)} more</p>}
    </section>
  );
}
