// Clients: value over the last 12 months, each client's share, and a warning on over-reliance.
import type { ClientValueReport } from '../../../../shared/domain/dashboard';
import { formatMoney } from '../../../../shared/domain/value';
import { ContactLink } from './ContactLink';
import { percent } from './format';

export function ClientsSection({ report }: { report: ClientValueReport }) {
  const { currency, clients, overReliance, otherCurrencies, totalMinor } = report;
  return (
    <section className="card dash-card" aria-labelledby="clients-title">
      <header className="dash-card-header">
        <h2 id="clients-title">Clients</h2>
        {currency && <span className="subtle small">last 12 months · {formatMoney(totalMinor, currency)}</span>}
      </header>
      {currency === null ? (
        <p className="dash-empty">Freelancing? Add value entries on a client’s page to see who brings the income and how dependent you are on each.</p>
      ) : (
        <>
          {overReliance && (
            <p className="warning" role="status">
              <strong>Over-reliance:</strong> {overReliance.displayName} brings {percent(overReliance.share)} of your income. Losing one client should not mean losing half.
            </p>
          )}
          <ol className="client-list" aria-label="Value per client">
            {clients.map((c) => (
              <li key={c.contactId}>
                <ContactLink id={c.contactId} className="client-row">
                  <span className="client-name">{c.displayName}</span>
                  <span className="share-track" aria-hidden>
                    <span className={c.share > 0.5 ? 'share-fill over' : 'share-fill'} style={{ width: `${Math.max(1, c.share * 100)}%` }} />
                  </span>
                  <span className="num">{formatMoney(c.amountMinor, currency)}</span>
                  <span className="num share">{percent(c.share)}</span>
                </ContactLink>
              </li>
            ))}
          </ol>
          {otherCurrencies.length > 0 && (
            <p className="subtle small">Also: {otherCurrencies.map((o) => formatMoney(o.totalMinor, o.currency)).join(', ')} (not counted in the shares).</p>
          )}
        </>
      )}
    </section>
  );
}
