// Why a search hit is listed: company, the matching email/phone/tag, or a piece of the notes
// with the match marked (the server marks it with \u0002…\u0003, never with HTML).
import type { ContactSearchHit } from '../../../shared/domain/contact';

export function SearchExcerpt({ hit }: { hit: ContactSearchHit }) {
  if (hit.matchedIn === 'notes' && hit.excerpt) {
    const parts = hit.excerpt.split(/\u0002|\u0003/);
    return (
      <span className="subtle excerpt">
        {parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}
      </span>
    );
  }
  if (hit.matchedIn === 'facts' && hit.excerpt) return <span className="subtle excerpt">{hit.excerpt}</span>;
  if ((hit.matchedIn === 'methods' || hit.matchedIn === 'tags') && hit.excerpt) return <span className="subtle excerpt">{hit.matchedIn === 'tags' ? `#${hit.excerpt}` : hit.excerpt}</span>;
  const work = [hit.title, hit.company].filter(Boolean).join(' · ');
  return work ? <span className="subtle excerpt">{work}</span> : null;
}
