// Every client of one currency, sortable by value, outstanding or name, a page at a time: the full
// list behind the dashboard's Clients card (which shows the top ten).
import { useCallback, useEffect, useState } from 'react';
import type { ClientSort, ClientValue } from '../../../shared/domain/dashboard';
import { api } from '../lib/api';
import { onDataChanged } from '../lib/refresh';
import { formatMoney, formatNumber } from '../lib/format';
import { useRouter } from '../stores/router';
import { ContactLink } from '../components/dashboard/ContactLink';
import { percent } from '../components/dashboard/format';

const PAGE = 50;

export function ClientsPage({ currency }: { currency?: string }) {
  const navigate = useRouter((s) => s.navigate);
  const [sort, setSort] = useState<{ by: ClientSort; descending: boolean }>({ by: 'amount', descending: true });
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ currencies: string[]; currency: string | null; items: ClientValue[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api.call('value.clients', { currency, sort: sort.by, descending: sort.descending, offset: page * PAGE, limit: PAGE }).then(
        (d) => (setData(d), setError(null)),
        (e: Error) => setError(e.message),
      ),
    [currency, sort, page],
  );
  useEffect(() => {
    void load();
    return onDataChanged(load);
  }, [load]);
  useEffect(() => setPage(0), [currency, sort]);

  const sortBy = (by: ClientSort) => setSort((s) => (s.by === by ? { by, descending: !s.descending } : { by, descending: by !== 'name' }));
  const header = (by: ClientSort, label: string, className?: string) => (
    <th scope="col" className={className} aria-sort={sort.by === by ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="th-sort" onClick={() => sortBy(by)}>
        {label}
        <span aria-hidden>{sort.by === by ? (sort.descending ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </th>
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  return (
    <section className="page clients-page" aria-labelledby="clients-page-title">
      <header className="page-header">
        <div>
          <h1 id="clients-page-title">Clients</h1>
          <p className="subtle">{data?.currency ? `${formatNumber(data.total)} client${data.total === 1 ? '' : 's'} paying in ${data.currency} · value over the last 12 months` : '…'}</p>
        </div>
        {data && data.currencies.length > 1 && (
          <select aria-label="Currency" value={data.currency ?? ''} onChange={(e) => navigate({ page: 'clients', currency: e.target.value })}>
            {data.currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {data && data.currency === null ? (
        <div className="empty-state">
          <h2>No client value yet</h2>
          <p>Add invoices and payments on a client’s page to see who brings the income.</p>
        </div>
      ) : (
        data && (
          <div className="card table-card">
            <table className="data-table" aria-label={`Clients in ${data.currency}`}>
              <thead>
                <tr>
                  {header('name', 'Client')}
                  {header('amount', 'Last 12 months', 'num')}
                  <th scope="col" className="num">
                    Share
                  </th>
                  {header('outstanding', 'Outstanding', 'num')}
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.contactId}>
                    <td>
                      <ContactLink id={c.contactId} className="table-link">
                        {c.displayName}
                      </ContactLink>
                      {c.archived && <span className="subtle small"> · archived</span>}
                    </td>
                    <td className="num">{formatMoney(c.amountMinor, data.currency!)}</td>
                    <td className="num">{percent(c.share)}</td>
                    <td className={c.outstandingMinor > 0 ? 'num outstanding' : 'num subtle'}>{formatMoney(c.outstandingMinor, data.currency!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pages > 1 && (
              <nav className="pager" aria-label="Pages">
                <button type="button" className="button small" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                  Previous
                </button>
                <span className="subtle small" aria-live="polite">
                  Page {page + 1} of {pages}
                </span>
                <button type="button" className="button small" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
                  Next
                </button>
              </nav>
            )}
          </div>
        )
      )}
    </section>
  );
}
