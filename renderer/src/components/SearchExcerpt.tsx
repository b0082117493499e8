// Why a search hit is listed: which field matched and the part of it that did, with the match
// marked (the server marks it with \u0002…\u0003, never with HTML); title and company otherwise.
import type { ContactSearchHit } from '../../../shared/domain/contact';

const FIELD_LABEL: Record<Exclude<ContactSearchHit['matchedIn'], 'name'>, string> = {
  company: 'Work',
  methods: 'Contact',
  tags: 'Tag',
  notes: 'Notes',
  howMet: 'How we met',
  facts: 'Fact',
  interactions: 'Interaction',
  attachments: 'File',
};

export function Marked({ text }: { text: string }) {
  const parts = text.split(/\u0002|\u0003/);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}</>;
}

export function SearchExcerpt({ hit }: { hit: ContactSearchHit }) {
  const work = [hit.title, hit.company].filter(Boolean).join(' · ');
  if (hit.matchedIn !== 'name' && hit.excerpt) {
    const text = hit.matchedIn === 'tags' ? `#${hit.excerpt}` : hit.excerpt;
    return (
      <span className="subtle excerpt" title={text.replace(/\u0002|\u0003/g, '')}>
        <span className="excerpt-field">{FIELD_LABEL[hit.matchedIn]}: </span>
        <Marked text={text} />
      </span>
    );
  }
  if (hit.typo)
    return (
      <span className="subtle excerpt" title={work ? `Similar name · ${work}` : 'Similar name'}>
        <span className="excerpt-field">Similar name</span>
        {work && ` · ${work}`}
      </span>
    );
  return work ? (
    <span className="subtle excerpt" title={work}>
      {work}
    </span>
  ) : null;
}
