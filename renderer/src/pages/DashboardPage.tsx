// The home page: who needs a follow-up, what is coming, what is cooling, and the whole portfolio.
import { useCallback, useEffect, useState } from 'react';
import type { Dashboard, Portfolio } from '../../../shared/domain/dashboard';
import { BAND_LABEL, BANDS } from '../../../shared/domain/health';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import { AttentionList } from '../components/dashboard/AttentionList';
import { ClientsSection } from '../components/dashboard/ClientsSection';
import { ComingUpList } from '../components/dashboard/ComingUpList';
import { OverdueList } from '../components/dashboard/OverdueList';
import { PortfolioSection } from '../components/dashboard/PortfolioSection';
import { BAND_COLOR_VAR, longDate } from '../components/dashboard/format';

export function DashboardPage({ onAddContact }: { onAddContact(): void }) {
  const [data, setData] = useState<{ dashboard: Dashboard; portfolio: Portfolio } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [dashboard, portfolio] = await Promise.all([api.call('health.dashboard', {}), api.call('health.portfolio', {})]);
      setData({ dashboard, portfolio });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);

  if (error && !data)
    return (
      <section className="page">
        <p className="form-error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!data) return <section className="page" aria-busy="true" aria-label="Dashboard" />;
  const { dashboard, portfolio } = data;

  return (
    <section className="page dashboard-page" aria-labelledby="dash-title">
      <header className="page-header">
        <div>
          <h1 id="dash-title">Dashboard</h1>
          <p className="subtle">
            {longDate(dashboard.today)}
            {dashboard.contactCount > 0 && ` · ${dashboard.contactCount.toLocaleString()} relationship${dashboard.contactCount === 1 ? '' : 's'}`}
          </p>
        </div>
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
          <ul className="band-stats" aria-label="Relationship health">
            {BANDS.map((b) => (
              <li key={b} style={{ ['--band' as string]: BAND_COLOR_VAR[b] }}>
                <strong>{dashboard.bands[b]}</strong>
                <span>{BAND_LABEL[b]}</span>
                <span className="band-bar" aria-hidden>
                  <span style={{ width: `${dashboard.trackedCount ? (dashboard.bands[b] / dashboard.trackedCount) * 100 : 0}%` }} />
                </span>
              </li>
            ))}
          </ul>
          <div className="dash-grid">
            <OverdueList items={dashboard.overdue.items} total={dashboard.overdue.total} />
            <ComingUpList items={dashboard.comingUp} />
            <AttentionList items={dashboard.attention.items} total={dashboard.attention.total} />
            <ClientsSection report={portfolio.clients} />
          </div>
          <PortfolioSection portfolio={portfolio} />
        </>
      )}
    </section>
  );
}
