// Relationships showing a warning sign: cooling, one-sided, dormant, each with its reason.
import type { AttentionItem } from '../../../../shared/domain/dashboard';
import { ContactLink } from './ContactLink';
import { BAND_COLOR_VAR, FLAG_LABEL } from './format';

export function AttentionList({ items, total }: { items: AttentionItem[]; total: number }) {
  return (
    <section className="card dash-card" aria-labelledby="attention-title">
      <header className="dash-card-header">
        <h2 id="attention-title">Needs attention</h2>
        {total > 0 && <span className="count-pill">{total}</span>}
      </header>
      {items.length === 0 ? (
        <p className="dash-empty">No warning signs: nothing cooling, one-sided or dormant.</p>
      ) : (
        <ul className="dash-list" aria-label="Needs attention">
          {items.map((a) => (
            <li key={a.contactId} className="dash-row">
              <ContactLink id={a.contactId} className="dash-row-link">
                <span className="dash-row-main">
                  <span className="dash-row-name">
                    {a.displayName}
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
                {a.score !== null && a.band && (
                  <span className="score-pill" style={{ ['--band' as string]: BAND_COLOR_VAR[a.band] }}>
                    {a.score}
                  </span>
                )}
              </ContactLink>
            </li>
          ))}
        </ul>
      )}
      {total > items.length && <p className="subtle small">and {total - items.length} more</p>}
    </section>
  );
}
