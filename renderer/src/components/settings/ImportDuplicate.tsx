// One incoming record that matches someone, in the import preview: whom it matches and why; when it
// matches several contacts, a choice of which one a merge goes into (none chosen: added as new).
import type { DuplicateCandidate } from '../../../../shared/api/methods/transfer';

const MATCH_LABELS = { id: 'same contact', email: 'same email', phone: 'same phone', name: 'same name' } as const;

export function ImportDuplicateText({ d, target, onTarget }: { d: DuplicateCandidate; target: string | undefined; onTarget(id: string | undefined): void }) {
  const several = d.candidates.length > 1;
  return (
    <div className="duplicate-text">
      <strong>{d.incoming.displayName}</strong>
      {d.existing && !several && (
        <span className="subtle">
          matches {d.existing.displayName} ({MATCH_LABELS[d.matchedBy]}
          {d.matchedBy === 'email' ? `: ${d.incoming.emails.find((e) => d.existing!.emails.some((x) => x.toLowerCase() === e.toLowerCase())) ?? ''}` : ''})
        </span>
      )}
      {several && (
        <>
          <span className="subtle">
            matches {d.candidates.length} contacts: {d.candidates.map((c) => `${c.displayName} (${MATCH_LABELS[c.matchedBy]})`).join(', ')}
          </span>
          <label className="inline-field">
            Merge into
            <select aria-label={`Which contact ${d.incoming.displayName} is merged into`} value={target ?? ''} onChange={(e) => onTarget(e.target.value || undefined)}>
              <option value="">None: add as new</option>
              {d.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName}
                  {c.emails[0] ? ` · ${c.emails[0]}` : c.phones[0] ? ` · ${c.phones[0]}` : ''}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {d.inFile && (
        <span className="subtle">
          {d.existing ? 'and ' : ''}repeats record {d.inFile.record} of this file, {d.inFile.displayName} ({MATCH_LABELS[d.inFile.matchedBy]})
        </span>
      )}
    </div>
  );
}
