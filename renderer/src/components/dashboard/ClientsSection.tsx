// Clients: value over the last 12 months per currency (never summed across), each client's share,
// what is still outstanding, the top ten and "others", and a warning on over-reliance.
import type { ClientValueReport, CurrencyClients } from '../../../../shared/domain/dashboard';
import { formatMoney, formatNumber } from '../../lib/format';
import { ContactLink, RouteLink } from './ContactLink';
import { percent } from './format';

export function ClientsSection({ report }: { report: ClientValueReport }) {
  const { currencies } = report;
  const clientCount = currencies.reduce((n, c) => Math.max(n, c.clientCount), 0);
  return (
    <section className="card dash-card" aria-labelledby="clients-title">
      <header className="dash-card-header">
        <h2 id="clients-title">Clients</h2>
        {currencies.length > 0 && (
          <RouteLink route={{ page: 'clients' }} className="subtle small card-link">
            All clients{clientCount > 0 ? ` (${formatNumber(clientCount)})` : ''}
          </RouteLink>
        )}
      </header>
      {currencies.length === 0 ? (
        <p className="dash-empty">Freelancing? Add value entries on a client’s page to see who brings the income and how dependent you are on each.</p>
      ) : (
        currencies.map((c) => <CurrencyBlock key={c.currency} block={c} titled={currencies.length > 1} />)
      )}
    </section>
  );
}

function CurrencyBlock({ block, titled }: { block: CurrencyClients; titled: boolean }) {
  const { currency, clients, others, overReliance, totalMinor, outstandingMinor } = block;
  return (
    <div className="client-currency" aria-label={`Clients paying in ${currency}`} role="group">
      <p className="client-summary subtle small">
        {titled && <strong className="client-currency-code">{currency}</strong>}
        <span>last 12 months · {formatMoney(totalMinor, currency)}</span>
        {outstandingMinor > 0 && <span className="outstanding">outstanding · {formatMoney(outstandingMinor, currency)}</span>}
      </p>
      {overReliance && (
        <p className="warning" role="status">
          <strong>Over-reliance:</strong> {overReliance.displayName} brings {percent(overReliance.share)} of your {currency} income. Losing one client should not mean losing half.
        </p>
      )}
      <ol className="client-list" aria-label={`Value per client in ${currency}`}>
        {clients.map((c) => (
          <li key={c.contactId}>
            <ContactLink id={c.contactId} className="client-row">
              <span className="client-name" title={c.displayName}>
                {c.displayName}
                {c.archived && <span className="subtle small"> · archived</span>}
              </span>
              <span className="share-track" aria-hidden>
                <span className={c.share > 0.5 ? 'share-fill over' : 'share-fill'} style={{ width: `${Math.max(1, c.share * 100)}%` }} />
              </span>
              <span className="num">{formatMoney(c.amountMinor, currency)}</span>
              <span className="num share">{percent(c.share)}</span>
              {c.outstandingMinor > 0 && <span className="client-outstanding small">{formatMoney(c.outstandingMinor, currency)} outstanding</span>}
            </ContactLink>
          </li>
        ))}
        {others && (
          <li>
            <RouteLink route={{ page: 'clients', currency }} className="client-row others">
              <span className="client-name" title={`${formatNumber(others.count)} other client${others.count === 1 ? '' : 's'}`}>
                {formatNumber(others.count)} other client{others.count === 1 ? '' : 's'}
              </span>
              <span className="share-track" aria-hidden>
                <span className="share-fill muted" style={{ width: `${Math.max(1, others.share * 100)}%` }} />
              </span>
              <span className="num">{formatMoney(others.amountMinor, currency)}</span>
              <span className="num share">{percent(others.share)}</span>
              {others.outstandingMinor > 0 && <span className="client-outstanding small">{formatMoney(others.outstandingMinor, currency)} outstanding</span>}
            </RouteLink>
          </li>
        )}
      </ol>
    </div>
  );
}
