// Relationships showing a warning sign: cooling, one-sided, dormant, each with its reason.
import type { AttentionItem } from '../../../../shared/domain/dashboard';
import { ContactLink } from './ContactLink';
import { FLAG_LABEL } from './format';
import { HEALTH_FLAGS, type HealthFlag } from '../../../../shared/domain/health';
import { ScorePill } from './ScorePill';
import { formatNumber } from '../../lib/format';

/** `working`: no health is stored yet and it is being worked out (Dashboard['updating'].asOf null) */
export function AttentionList({ items, total, flagged, working = false }: { items: AttentionItem[]; total: number; flagged?: Record<HealthFlag, number>; working?: boolean }) {
  const counts = flagged ? HEALTH_FLAGS.filter((f) => flagged[f] > 0).map((f) => `${formatNumber(flagged[f])} ${FLAG_LABEL[f].toLowerCase()}`) : [];
  return (
    <section className="card dash-card" aria-labelledby="attention-title">
      <header className="dash-card-header">
        <h2 id="attention-title">Needs attention</h2>
        {total > 0 && <span className="count-pill">{formatNumber(total)}</span>}
      </header>
      {counts.length > 0 && <p className="subtle small dash-card-note">{counts.join(' · ')}</p>}
      {items.length === 0 && working ? (
        <p className="dash-empty" aria-busy="true">
          Working out which relationships are cooling…
        </p>
      ) : items.length === 0 ? (
        <p className="dash-empty">No warning signs: nothing cooling, one-sided or dormant.</p>
      ) : (
        <ul className="dash-list" aria-label="Needs attention">
          {items.map((a) => (
            <li key={a.contactId} className="dash-row">
              <ContactLink id={a.contactId} className="dash-row-link">
                <span className="dash-row-main">
                  <span className="dash-row-title">
                    <span className="dash-row-name" title={a.displayName}>
                      {a.displayName}
                    </span>
                    {a.flags.map((f) => (
                      <span key={f.flag} className={`flag flag-${f.flag}`}>
                        {FLAG_LABEL[f.flag]}
                      </span>
                    ))}
                  </span>
                  {a.flags.map((f) => (
                    <span key={f.flag} className="subtle small">
                      {f.reason}
                    </span>
                  ))}
                </span>
                <ScorePill score={a.score} band={a.band} />
              </ContactLink>
            </li>
          ))}
        </ul>
      )}
      {total > items.length && <p className="subtle small">and {formatNumber(total - items.length)} more</p>}
    </section>
  );
}
