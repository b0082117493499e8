// Every relationship at once: health per circle, kept alive vs gone dormant, activity, duration.
import type { Portfolio } from '../../../../shared/domain/dashboard';
import { BAND_LABEL, BANDS } from '../../../../shared/domain/health';
import { BarChart, Legend, StackedBar, StackedColumns } from './charts';
import { BAND_COLOR_VAR, duration, percent, shortDate } from './format';
import { formatCalendarDay, formatNumber } from '../../lib/format';

export function PortfolioSection({ portfolio }: { portfolio: Portfolio }) {
  const { circles, retention, weekly, averageDurationDays } = portfolio;
  const tracked = (c: Portfolio['circles'][number]) => BANDS.reduce((n, b) => n + c.bands[b], 0);
  const widest = Math.max(1, ...circles.map((c) => tracked(c)));
  const now = retention.points.at(-1);
  return (
    <section className="portfolio" aria-labelledby="portfolio-title">
      <h2 id="portfolio-title" className="section-title">
        Portfolio
      </h2>
      <div className="portfolio-grid">
        <article className="card dash-card" aria-labelledby="pc-circles">
          <h3 id="pc-circles">Health by circle</h3>
          {circles.length === 0 ? (
            <p className="dash-empty">No relationships yet.</p>
          ) : (
            <>
              <ul className="circle-bars">
                {circles.map((c) => (
                  <li key={c.circleId ?? 'none'}>
                    <span className="circle-name" title={c.name}>
                      <span className="legend-swatch round" style={{ background: c.color }} aria-hidden />
                      {c.name}
                    </span>
                    <StackedBar
                      label={c.name}
                      total={widest}
                      segments={BANDS.map((b) => ({ key: b, value: c.bands[b], color: BAND_COLOR_VAR[b], label: BAND_LABEL[b] }))}
                    />
                    <span className="subtle small num">{formatNumber(tracked(c))}</span>
                  </li>
                ))}
              </ul>
              <Legend items={BANDS.map((b) => ({ label: BAND_LABEL[b], color: BAND_COLOR_VAR[b] }))} />
            </>
          )}
        </article>

        <article className="card dash-card" aria-labelledby="pc-retention">
          <h3 id="pc-retention">Kept alive vs gone dormant</h3>
          <StackedColumns
            title="Relationships alive and dormant, monthly over the last year"
            series={[
              { label: 'alive', color: 'var(--band-thriving)' },
              { label: 'dormant', color: 'var(--band-at-risk)' },
            ]}
            columns={retention.points.map((p, i) => ({
              label: p.date,
              tick: i % 3 === 0 || i === retention.points.length - 1 ? formatCalendarDay(p.date, 'month') : '',
              values: [p.alive, p.dormant],
            }))}
          />
          <div className="stat-row">
            <div>
              <strong>{retention.aliveYearAgo ? percent(retention.kept / retention.aliveYearAgo) : '—'}</strong>
              <span className="subtle small">retention · {formatNumber(retention.kept)} of {formatNumber(retention.aliveYearAgo)} kept</span>
            </div>
            <div>
              <strong>{retention.aliveYearAgo ? percent(retention.churned / retention.aliveYearAgo) : '—'}</strong>
              <span className="subtle small">
                churn · {formatNumber(retention.churned)} of {formatNumber(retention.aliveYearAgo)} went dormant this year
              </span>
            </div>
            <div>
              <strong>{formatNumber(now ? now.alive : 0)}</strong>
              <span className="subtle small">alive today · {formatNumber(retention.dormantNow)} dormant</span>
            </div>
          </div>
        </article>

        <article className="card dash-card" aria-labelledby="pc-weekly">
          <h3 id="pc-weekly">Interactions per week</h3>
          <BarChart
            title="Interactions per week, last 26 weeks"
            bars={weekly.map((w, i) => ({ label: `Week ending ${w.weekEnding}`, value: w.count, tick: (weekly.length - 1 - i) % 6 === 0 ? shortDate(w.weekEnding) : '' }))}
          />
          <div className="stat-row">
            <div>
              <strong>{formatNumber(Math.round((weekly.reduce((a, w) => a + w.count, 0) / Math.max(1, weekly.length)) * 10) / 10)}</strong>
              <span className="subtle small">a week on average</span>
            </div>
            <div>
              <strong>{averageDurationDays === null ? '—' : duration(averageDurationDays)}</strong>
              <span className="subtle small">average relationship length</span>
            </div>
          </div>
        </article>
      </div>
    </section>
  );
}
