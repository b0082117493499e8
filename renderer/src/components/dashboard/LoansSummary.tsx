// A small summary of personal money lent and borrowed, per currency (never summed across them);
// shown on the dashboard only when something is open.
import { formatMoney } from '../../lib/format';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { onDataChanged } from '../../lib/refresh';
import type { LoanSummary } from '../../../../shared/domain/loans';
import { ContactLink } from './ContactLink';

export function LoansSummary() {
  const [summary, setSummary] = useState<LoanSummary | null>(null);
  const load = useCallback(() => api.call('loans.summary', { limit: 6 }).then(setSummary, () => setSummary(null)), []);
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  if (!summary || summary.balances.length === 0) return null;
  return (
    <section className="card dash-card" aria-labelledby="loans-summary-title">
      <header className="dash-card-header">
        <h2 id="loans-summary-title">Money lent and borrowed</h2>
        <span className="subtle small">open</span>
      </header>
      <dl className="loan-balances">
        {summary.balances.map((b) => (
          <div key={b.currency}>
            <dt>{b.currency}</dt>
            <dd>
              {b.owedToMeMinor > 0 && <span>owed to you {formatMoney(b.owedToMeMinor, b.currency)}</span>}
              {b.owedToMeMinor > 0 && b.iOweMinor > 0 && ' · '}
              {b.iOweMinor > 0 && <span>you owe {formatMoney(b.iOweMinor, b.currency)}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <ol className="dash-list" aria-label="Open loans by person">
        {summary.people.map((p) => (
          <li key={`${p.contactId}-${p.currency}`} className="dash-row">
            <ContactLink id={p.contactId} className="dash-row-link">
              <span className="dash-row-main">
                <span className="dash-row-name" title={p.displayName}>{p.displayName}</span>
                <span className="subtle small">{p.netMinor > 0 ? `owes you ${formatMoney(p.netMinor, p.currency)}` : `you owe ${formatMoney(-p.netMinor, p.currency)}`}</span>
              </span>
            </ContactLink>
          </li>
        ))}
      </ol>
    </section>
  );
}
