// One group of possible duplicates: how sure, why they were put together, who they are, and the two
// things to do about it.
import type { DuplicateGroup, DuplicateReason } from '../../../../shared/api/methods/duplicates';
import { formatPhone } from '../../../../shared/domain/phone';
import type { CountryCode } from 'libphonenumber-js';
import { formatAgo, formatDay } from '../../lib/format';
import { useRouter } from '../../stores/router';
import { Avatar } from '../Avatar';

const REASON_LABEL: Record<DuplicateReason['kind'], string> = { email: 'Same email', phone: 'Same phone', name: 'Same name' };

export function confidenceWord(confidence: number): string {
  return confidence >= 85 ? 'Very likely' : confidence >= 60 ? 'Likely' : 'Possibly';
}

export function DuplicateGroupCard({ group, region, now, onMerge, onDismiss, busy }: { group: DuplicateGroup; region: CountryCode; now: number; onMerge(): void; onDismiss(): void; busy: boolean }) {
  const navigate = useRouter((s) => s.navigate);
  const names = group.contacts.map((c) => c.displayName).join(' and ');
  const titleId = `dup-${group.key.replace(/[^a-z0-9]/gi, '').slice(0, 24)}`;
  return (
    <li className="card duplicate-group" aria-labelledby={titleId}>
      <div className="duplicate-group-header">
        <span className={`confidence-pill ${group.confidence >= 85 ? 'high' : group.confidence >= 60 ? 'mid' : 'low'}`}>
          {confidenceWord(group.confidence)} · {group.confidence}%
        </span>
        <h2 id={titleId} className="duplicate-group-title">
          {names}
        </h2>
      </div>
      <ul className="duplicate-reasons" aria-label="Why they may be the same person">
        {group.reasons.map((r) => (
          <li key={`${r.kind}:${r.value}`} className="chip">
            {REASON_LABEL[r.kind] + (r.kind === 'name' ? '' : `: ${r.kind === 'phone' ? formatPhone(r.value, region) : r.value}`) + (r.contactIds.length < group.contacts.length ? ` (${r.contactIds.length} of them)` : '')}
          </li>
        ))}
      </ul>
      <ul className="duplicate-members">
        {group.contacts.map((c) => (
          <li key={c.id} className="duplicate-member">
            <Avatar name={c.displayName} contactId={c.id} size={36} />
            <div className="duplicate-member-text">
              <a
                href={`#/contacts/${c.id}`}
                className="contact-name"
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'contact', id: c.id });
                }}
              >
                {c.displayName}
              </a>
              {c.company && <span className="subtle">{c.company}</span>}
              {[...c.emails, ...c.phones.map((p) => formatPhone(p, region))].slice(0, 3).map((v) => (
                <span key={v} className="subtle method-line" title={v}>
                  {v}
                </span>
              ))}
              <span className="subtle small">
                Added {formatDay(c.createdAt)}
                {c.lastInteractionAt ? ` · last talked ${formatAgo(c.lastInteractionAt, now)}` : ' · no interactions yet'}
              </span>
            </div>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDismiss} disabled={busy} aria-label={`${names} are different people`}>
          Not the same person
        </button>
        <button type="button" className="button primary" onClick={onMerge} disabled={busy} aria-label={`Merge ${names}`}>
          Merge…
        </button>
      </div>
    </li>
  );
}
