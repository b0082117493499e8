// One row of the contacts list. Memoised: a scroll step renders only the rows that came into view,
// not the thirty already on screen; the page's handlers arrive as one object of stable identity.
import { memo, type MouseEvent } from 'react';
import type { Circle, ContactSummary } from '../../../../shared/domain/contact';
import { Avatar } from '../Avatar';
import { formatAgo } from '../../lib/format';
import { formatPhone } from '../../../../shared/domain/phone';

export const ROW_HEIGHT = 60;

export interface RowActions {
  onRowClick(e: MouseEvent, index: number, c: ContactSummary): void;
  setActive(index: number): void;
  extendTo(index: number): void;
  toggle(index: number, id: string): void;
  open(id: string): void;
  restore(c: ContactSummary): void;
  remove(c: ContactSummary): void;
}

export const ContactRow = memo(function ContactRow({ contact: c, index, start, selected, active, circle, archived, now, region, actions }: { contact: ContactSummary; index: number; start: number; selected: boolean; active: boolean; circle: Circle | undefined; archived: boolean; now: number; region: Parameters<typeof formatPhone>[1]; actions: RowActions }) {
  const subtitle = [c.title, c.company === c.displayName ? null : c.company].filter(Boolean).join(' · ') || c.primaryEmail || (c.primaryPhone && formatPhone(c.primaryPhone, region)) || '\u00a0';
  return (
    <div
      role="listitem"
      data-index={index}
      className={`contact-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={(e) => actions.onRowClick(e, index, c)}
    >
      <input
        type="checkbox"
        className="row-select"
        aria-label={`Select ${c.displayName}`}
        checked={selected}
        tabIndex={active ? 0 : -1}
        onFocus={() => actions.setActive(index)}
        onClick={(e) => {
          // the browser toggled it; the selection decides
          e.preventDefault();
          actions.setActive(index);
          if (e.shiftKey) actions.extendTo(index);
          else actions.toggle(index, c.id);
        }}
        onChange={() => {}}
      />
      <Avatar name={c.displayName} givenName={c.givenName} familyName={c.familyName} contactId={c.id} size={36} />
      <span className="contact-row-main">
        {/* cut with an ellipsis when long: the title shows all of it */}
        <a
          className="contact-name"
          href={`#/contacts/${c.id}`}
          title={c.displayName}
          onClick={(e) => {
            e.preventDefault();
            actions.open(c.id);
          }}
        >
          {c.displayName}
        </a>
        <span className="subtle" title={subtitle.trim() ? subtitle : undefined}>
          {subtitle}
        </span>
      </span>
      <span className="row-tags">
        {c.tags.slice(0, 3).map((t) => (
          <span className="tag" key={t}>
            {t}
          </span>
        ))}
        {c.tags.length > 3 && (
          <span className="tag tag-more" title={c.tags.slice(3).join(', ')} aria-label={`${c.tags.length - 3} more tags: ${c.tags.slice(3).join(', ')}`}>
            +{c.tags.length - 3}
          </span>
        )}
      </span>
      <span className="row-last subtle" title="Last interaction">
        {c.lastInteractionAt ? formatAgo(c.lastInteractionAt, now) : 'No interactions yet'}
      </span>
      {circle ? (
        <span className="chip" title={circle.name} style={{ ['--chip' as string]: circle.color }}>
          {circle.name}
        </span>
      ) : (
        <span className="chip-spacer" />
      )}
      {archived && (
        <span className="row-actions">
          <button className="button small" onClick={() => actions.restore(c)}>
            Restore
          </button>
          <button className="button small danger" onClick={() => actions.remove(c)}>
            Delete…
          </button>
        </span>
      )}
    </div>
  );
});
