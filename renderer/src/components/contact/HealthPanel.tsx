// A contact's relationship health: the score in its band colour, why, the warning signs, the
// last 12 weeks, and when the next check-in falls due.
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { ContactHealthReport } from '../../../../shared/domain/dashboard';
import { BAND_LABEL } from '../../../../shared/domain/health';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import { Sparkline } from '../dashboard/charts';
import { BAND_COLOR_VAR, FLAG_LABEL, inDays, overdueText, shortDate } from '../dashboard/format';
import { formatDayNear } from '../../lib/format';
import { todayLocal } from '../../lib/format';

export function HealthPanel({ contactId }: { contactId: string }) {
  const [report, setReport] = useState<ContactHealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api.call('health.forContact', { contactId }).then(
        (r) => {
          setReport(r);
          setError(null);
        },
        (e: Error) => setError(e.message),
      ),
    [contactId],
  );
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  if (error)
    return (
      <section className="card" aria-label="Relationship health">
        <p className="form-error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!report) return <section className="card health-panel" aria-label="Relationship health" aria-busy="true" />;
  const { health, weekly } = report;
  const today = todayLocal();

  async function snooze() {
    try {
      const r = await api.call('health.snoozeCheckIn', { contactId, days: 7 });
      toast.success(`Check-in moved to ${r.nextCheckIn ? shortDate(r.nextCheckIn) : 'later'}`);
    } catch (e) {
      toast.error((e as Error).message);
    }
  }

  if (health.band === null)
    return (
      <section className="card health-panel" aria-labelledby="health-title">
        <h2 id="health-title">Relationship health</h2>
        <p className="subtle">{health.explanation} Set a check-in cadence to get a health score and reminders.</p>
      </section>
    );

  const color = BAND_COLOR_VAR[health.band];
  const circumference = 2 * Math.PI * 26;
  return (
    <section className="card health-panel" aria-labelledby="health-title" style={{ ['--band' as string]: color }}>
      <header className="dash-card-header">
        <h2 id="health-title">Relationship health</h2>
        <span className="band-label">{BAND_LABEL[health.band]}</span>
      </header>
      <div className="health-top">
        <div className="score-ring" role="img" aria-label={health.score === null ? `${BAND_LABEL[health.band]}: no health score yet` : `Health score ${health.score} of 100, ${BAND_LABEL[health.band]}`}>
          <svg viewBox="0 0 64 64" width="72" height="72" aria-hidden>
            <circle cx="32" cy="32" r="26" fill="none" stroke="var(--hover)" strokeWidth="6" />
            <circle
              cx="32"
              cy="32"
              r="26"
              fill="none"
              stroke={color}
              strokeWidth="6"
              strokeLinecap="round"
              strokeDasharray={`${((health.score ?? 0) / 100) * circumference} ${circumference}`}
              transform="rotate(-90 32 32)"
            />
          </svg>
          <strong data-testid="health-score">{health.score ?? '—'}</strong>
        </div>
        <div className="health-text">
          <p className="health-explanation">{health.explanation}</p>
          {health.parts && (
            <p className="subtle small">
              Recency {Math.round(health.parts.recency)} · Frequency {Math.round(health.parts.frequency)}
              {health.parts.ratingAdjustment !== 0 && ` · Ratings ${health.parts.ratingAdjustment > 0 ? '+' : ''}${health.parts.ratingAdjustment}`}
            </p>
          )}
        </div>
      </div>
      {health.flags.length > 0 && (
        <ul className="flag-list" aria-label="Warning signs">
          {health.flags.map((f) => (
            <li key={f.flag}>
              <span className={`flag flag-${f.flag}`}>{FLAG_LABEL[f.flag]}</span>
              <span className="small">{f.reason}</span>
            </li>
          ))}
        </ul>
      )}
      <figure className="health-trend">
        <figcaption className="subtle small">
          <span>Last 12 weeks</span>
          <span>
            {shortDate(weekly[0]!.date)} – {shortDate(weekly.at(-1)!.date)}
          </span>
        </figcaption>
        <Sparkline points={weekly} color={color} label={`Health score over the last 12 weeks: ${weekly.map((w) => w.score ?? 'none').join(', ')}`} />
      </figure>
      {health.nextCheckIn && health.daysOverdue !== null && (
        <footer className="health-checkin">
          <span>
            Next check-in <strong>{formatDayNear(health.nextCheckIn, today)}</strong>{' '}
            {health.toleranceDays > 0 && health.latestCheckIn && health.daysOverdue >= 0 ? (
              // with a tolerance: due from the check-in date, overdue only from the latest day
              health.overdue ? (
                <span className="overdue-text">(overdue since {formatDayNear(health.latestCheckIn, today)})</span>
              ) : (
                <span className="subtle">(due; overdue from {formatDayNear(health.latestCheckIn, today)})</span>
              )
            ) : (
              <span className={health.daysOverdue >= 0 ? 'overdue-text' : 'subtle'}>({health.daysOverdue >= 0 ? overdueText(health.daysOverdue).toLowerCase() : inDays(-health.daysOverdue)})</span>
            )}
          </span>
          {health.daysOverdue >= 0 && (
            <button type="button" className="button small ghost nowrap" onClick={() => void snooze()}>
              Snooze a week
            </button>
          )}
        </footer>
      )}
    </section>
  );
}
