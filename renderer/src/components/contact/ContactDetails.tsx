// The facts: ways to reach them (primary first), birthday, anniversary and other dates, how you met, who introduced you, cadence.
import type { Contact, ContactMethod } from '../../../../shared/domain/contact';
import { formatAge, formatAgo, formatDay, formatMonthDay, userLanguage, userLocale } from '../../lib/format';
import { localDateOf } from '../../../../shared/domain/localDate';
import { BreakableText } from '../BreakableText';
import { useRouter } from '../../stores/router';
import { METHOD_KIND_LABELS } from '../../lib/labels';
import { usePhoneRegion } from '../../lib/phoneRegion';
import { formatPhone } from '../../../../shared/domain/phone';
import { addressFromText, formatAddressLines, mapSearchUrl, type PostalAddress } from '../../../../shared/domain/address';

/**
 * An address as its country writes it, in the user's language, and a link that opens it on
 * OpenStreetMap: in the system browser (Electron opens a target=_blank web link with
 * shell.openExternal, electron/main.ts), in a new tab on the web host.
 */
function AddressView({ address }: { address: PostalAddress }) {
  const lines = formatAddressLines(address, userLanguage());
  return (
    <>
      <address className="postal-address">
        {lines.map((line, i) => (
          <span key={i}>
            <BreakableText text={line} />
          </span>
        ))}
      </address>
      <a className="map-link" href={mapSearchUrl(address)} target="_blank" rel="noopener noreferrer">
        Show on map<span className="visually-hidden"> (opens OpenStreetMap in your browser)</span>
      </a>
    </>
  );
}


function hrefOf(m: ContactMethod): string | undefined {
  if (m.kind === 'email') return `mailto:${m.value}`;
  if (m.kind === 'phone') return `tel:${m.value.replace(/[^\d+]/g, '')}`;
  if (m.kind === 'website') return /^https?:\/\//.test(m.value) ? m.value : `https://${m.value}`;
  return undefined;
}

/** "Every 28 days, at worst 42 (from the tag Mentor)": the rhythm that applies and where it comes from */
function rhythmText(contact: Contact): string {
  const r = contact.rhythm ?? { days: contact.effectiveCadenceDays, latestDays: contact.effectiveCadenceDays, source: contact.cadenceDays === null ? 'circle' : 'contact', sourceName: null };
  if (r.days === 0) return r.source === 'contact' ? 'Never remind me' : `Never remind me (from the ${r.source === 'tag' ? 'tag' : 'circle'}${r.sourceName ? ` ${r.sourceName}` : ''})`;
  const from = r.source === 'tag' ? ` (from the tag ${r.sourceName ?? ''})` : r.source === 'circle' ? ` (from the circle${r.sourceName ? ` ${r.sourceName}` : ''})` : r.source === 'default' ? ' (the default)' : '';
  return `Every ${r.days} days${r.latestDays > r.days ? `, at worst ${r.latestDays}` : ''}${from}`;
}

export function ContactDetails({ contact }: { contact: Contact }) {
  const navigate = useRouter((s) => s.navigate);
  const region = usePhoneRegion();
  // numbers in the user's own format; one that does not parse, as typed
  const shown = (m: ContactMethod) => (m.kind === 'phone' ? formatPhone(m.value, region) : <BreakableText text={m.value} />);
  const age = contact.birthday ? formatAge(contact.birthday, localDateOf(Date.now(), userLocale().timeZone)) : null;
  const methods = [...contact.methods].sort((a, b) => a.kind.localeCompare(b.kind) || Number(b.isPrimary) - Number(a.isPrimary));
  const cadence = rhythmText(contact);
  const fullName = [contact.givenName, contact.familyName].filter(Boolean).join(' ');
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl className="facts">
        {fullName && fullName !== contact.displayName && (
          <div>
            <dt>Full name</dt>
            <dd>{fullName}</dd>
          </div>
        )}
        {methods.map((m) => {
          const href = hrefOf(m);
          return (
            <div key={m.id}>
              <dt>
                {m.label ? `${METHOD_KIND_LABELS[m.kind]} · ${m.label}` : METHOD_KIND_LABELS[m.kind]}
                {m.isPrimary && contact.methods.filter((x) => x.kind === m.kind).length > 1 && <span className="primary-dot" title="Primary" aria-label="primary" />}
              </dt>
              <dd>{m.kind === 'address' ? <AddressView address={m.address ?? addressFromText(m.value)} /> : href ? <a href={href} target="_blank" rel="noreferrer">{shown(m)}</a> : shown(m)}</dd>
            </div>
          );
        })}
        {contact.birthday && (
          <div>
            <dt>Birthday</dt>
            <dd>
              {formatMonthDay(contact.birthday)}
              {age && <span className="subtle age"> · {age}</span>}
            </dd>
          </div>
        )}
        {contact.dates.map((d) => (
          <div key={d.id}>
            <dt>{d.label}</dt>
            <dd>{formatMonthDay(d)}</dd>
          </div>
        ))}
        {contact.howMet && (
          <div>
            <dt>How we met</dt>
            <dd>{contact.howMet}</dd>
          </div>
        )}
        {contact.introducedBy && (
          <div>
            <dt>Introduced</dt>
            <dd>
              <a
                href={`#/contacts/${contact.introducedBy.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'contact', id: contact.introducedBy!.id });
                }}
              >
                {contact.introducedBy.displayName}
              </a>{' '}
              introduced you to {contact.displayName}
            </dd>
          </div>
        )}
        <div>
          <dt>Last talked</dt>
          <dd>{contact.lastInteractionAt ? `${formatAgo(contact.lastInteractionAt, Date.now())} · ${formatDay(contact.lastInteractionAt)}` : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Check in</dt>
          <dd>{cadence}</dd>
        </div>
        <div>
          <dt>Importance</dt>
          <dd>{contact.importance === 'inner' ? 'Inner circle: among the closest' : contact.importance === 'outer' ? 'Outer: a looser tie' : 'Regular'}</dd>
        </div>
        <div>
          <dt>In Kith since</dt>
          <dd>{formatDay(contact.createdAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
