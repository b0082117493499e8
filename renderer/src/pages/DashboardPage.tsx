// The home page: who needs a follow-up, what is coming, what is cooling, and the whole portfolio.
import { useCallback, useEffect, useState } from 'react';
import type { Dashboard, Portfolio } from '../../../shared/domain/dashboard';
import { BAND_LABEL, BANDS } from '../../../shared/domain/health';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import { DuplicatesLink } from '../components/duplicates/DuplicatesLink';
import { AttentionList } from '../components/dashboard/AttentionList';
import { ClientsSection } from '../components/dashboard/ClientsSection';
import { CatchUpCard } from '../components/dashboard/CatchUpCard';
import { ComingUpList } from '../components/dashboard/ComingUpList';
import { OverdueList } from '../components/dashboard/OverdueList';
import { PortfolioSection } from '../components/dashboard/PortfolioSection';
import { LoansSummary } from '../components/dashboard/LoansSummary';
import { BAND_COLOR_VAR, longDate } from '../components/dashboard/format';
import { formatNumber } from '../lib/format';

/** how soon the page asks again while the health scores are being worked out (Dashboard['updating']) */
const UPDATING_POLL_MS = 1_000;

export function DashboardPage({ onAddContact }: { onAddContact(): void }) {
  // the lists come first; the portfolio (a year of history) follows without holding them back
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadDashboard = useCallback(
    () =>
      api.call('health.dashboard', {}).then(
        (d) => {
          setDashboard(d);
          setError(null);
        },
        (e: Error) => setError(e.message),
      ),
    [],
  );
  const load = useCallback(async () => {
    await Promise.all([loadDashboard(), api.call('health.portfolio', {}).then(setPortfolio, (e: Error) => setError(e.message))]);
  }, [loadDashboard]);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  // the scores are still being worked out in the back end: ask again until they are today's
  const updating = dashboard?.updating ?? null;
  useEffect(() => {
    if (!updating) return;
    const again = setTimeout(() => void loadDashboard(), UPDATING_POLL_MS);
    return () => clearTimeout(again);
  }, [updating, loadDashboard]);

  if (error && !dashboard)
    return (
      <section className="page">
        <p className="form-error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!dashboard) return <section className="page" aria-busy="true" aria-label="Dashboard" />;
  // no health stored yet (the first open after a big import): the health figures are not zeros
  const working = updating !== null && updating.asOf === null;

  return (
    <section className="page dashboard-page" aria-labelledby="dash-title">
      <header className="page-header">
        <div>
          <h1 id="dash-title">Dashboard</h1>
          <p className="subtle">
            {longDate(dashboard.today)}
            {dashboard.contactCount > 0 && ` · ${formatNumber(dashboard.contactCount)} relationship${dashboard.contactCount === 1 ? '' : 's'}`}
            {/* the bands count only people with a rhythm: say who is left out, so the sums agree */}
            {!updating && dashboard.contactCount > dashboard.trackedCount && `, ${formatNumber(dashboard.contactCount - dashboard.trackedCount)} without a check-in rhythm`}
          </p>
          {updating && (
            <p className="subtle small dash-updating" role="status">
              <span className="busy-dot" aria-hidden />
              {updating.asOf === null
                ? `Working out health scores for ${formatNumber(dashboard.contactCount)} ${dashboard.contactCount === 1 ? 'person' : 'people'}…`
                : updating.asOf === dashboard.today
                  ? 'Updating health scores…'
                  : `Updating health scores… the figures below are from ${longDate(updating.asOf)}`}
            </p>
          )}
        </div>
        <DuplicatesLink />
      </header>
      {dashboard.contactCount === 0 ? (
        <div className="empty-state">
          <h2>Welcome to Kith</h2>
          <p>Kith keeps the people in your life close: who you last talked to, who needs a call, whose birthday is coming. Start by adding someone.</p>
          <button className="button primary" onClick={onAddContact}>
            Add a contact
          </button>
        </div>
      ) : (
        <>
          <ul className="band-stats" aria-label="Relationship health" aria-busy={working || undefined}>
            {BANDS.map((b) => (
              <li key={b} style={{ ['--band' as string]: BAND_COLOR_VAR[b] }}>
                <strong>{working ? '–' : formatNumber(dashboard.bands[b])}</strong>
                <span>{BAND_LABEL[b]}</span>
                <span className="band-bar" aria-hidden>
                  <span style={{ width: `${dashboard.trackedCount ? (dashboard.bands[b] / dashboard.trackedCount) * 100 : 0}%` }} />
                </span>
              </li>
            ))}
          </ul>
          <div className="dash-grid">
            <CatchUpCard />
            <OverdueList items={dashboard.overdue.items} total={dashboard.overdue.total} working={working} />
            <ComingUpList items={dashboard.comingUp} />
            <AttentionList items={dashboard.attention.items} total={dashboard.attention.total} flagged={dashboard.flagged} working={working} />
            {portfolio ? <ClientsSection report={portfolio.clients} /> : <section className="card dash-card" aria-busy="true" aria-label="Clients" />}
            <LoansSummary />
          </div>
          {portfolio && <PortfolioSection portfolio={portfolio} />}
        </>
      )}
    </section>
  );
}
