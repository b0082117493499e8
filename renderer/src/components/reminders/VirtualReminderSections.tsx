// The Reminders page's sections as one virtual list: whatever the board holds, only the rows in
// view (and a few either side) are in the DOM. Each section keeps its heading and its list, laid
// out at the offsets one virtualizer gives every heading, row and "more" line; scrolling near a
// section's end loads its next page. Keys as on every reminder list (reminderKeys.ts).
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Reminder, ReminderSectionKey } from '../../../../shared/domain/reminder';
import { ReminderForm } from './ReminderForm';
import { ReminderRow, type ReminderRowActions } from './ReminderRow';
import { reminderListKeys } from './reminderKeys';
import { formatNumber } from '../../lib/format';

export interface BoardSection {
  key: ReminderSectionKey;
  title: string;
  items: Reminder[];
  /** how many the section holds (more than items while pages are still to load) */
  total: number;
  hasMore: boolean;
  tone?: 'danger' | 'accent' | 'muted';
  /** shown when the section is empty; an empty section without one is left out */
  empty?: string;
}

/** fixed heights (px), kept in step with styles.css (.reminder-row, .reminder-section-title) */
export const ROW_HEIGHT = 56;
const HEAD_HEIGHT = 32;
const SECTION_GAP = 22;
const EMPTY_HEIGHT = 46;
const MORE_HEIGHT = 40;
/** the list's top and bottom border */
const LIST_BORDER = 2;

type Entry =
  | { kind: 'head'; section: BoardSection; size: number }
  | { kind: 'row'; section: BoardSection; reminder: Reminder; pos: number; size: number }
  | { kind: 'empty'; section: BoardSection; size: number }
  | { kind: 'more'; section: BoardSection; size: number };

export function VirtualReminderSections({
  sections,
  today,
  morningTime,
  focusId,
  scroller,
  onLoadMore,
}: {
  sections: BoardSection[];
  today: string;
  morningTime: string;
  focusId?: string | null;
  /** the element that scrolls (the page) */
  scroller: RefObject<HTMLElement | null>;
  onLoadMore(section: ReminderSectionKey): Promise<void> | void;
}) {
  const shown = useMemo(() => sections.filter((s) => s.items.length || s.empty), [sections]);
  const entries = useMemo(() => {
    const out: Entry[] = [];
    shown.forEach((section, i) => {
      out.push({ kind: 'head', section, size: HEAD_HEIGHT + (i ? SECTION_GAP : 0) + (section.items.length ? LIST_BORDER : 0) });
      if (!section.items.length) out.push({ kind: 'empty', section, size: EMPTY_HEIGHT });
      section.items.forEach((reminder, pos) => out.push({ kind: 'row', section, reminder, pos, size: ROW_HEIGHT }));
      if (section.hasMore) out.push({ kind: 'more', section, size: MORE_HEIGHT });
    });
    return out;
  }, [shown]);
  const all = useMemo(() => shown.flatMap((s) => s.items), [shown]);
  const indexOf = useMemo(() => new Map(entries.map((e, i) => [e.kind === 'row' ? e.reminder.id : `${e.kind}:${e.section.key}`, i])), [entries]);

  const root = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  // where the list starts inside the scrolling page (the header above it can change height)
  useLayoutEffect(() => {
    const el = root.current;
    const sc = scroller.current;
    if (!el || !sc) return;
    const measure = () => setMargin(el.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(sc);
    if (sc.firstElementChild) observer.observe(sc.firstElementChild);
    return () => observer.disconnect();
  }, [scroller]);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => entries[i]!.size,
    scrollMargin: margin,
    overscan: 6,
    getItemKey: (i) => {
      const e = entries[i]!;
      return e.kind === 'row' ? e.reminder.id : `${e.kind}:${e.section.key}`;
    },
  });
  const items = virtualizer.getVirtualItems();

  // a "more" line in view loads the section's next page
  useEffect(() => {
    for (const v of items) {
      const e = entries[v.index];
      if (e?.kind === 'more') void onLoadMore(e.section.key);
    }
  }, [items, entries, onLoadMore]);

  const [focused, setFocused] = useState<string | null>(focusId ?? null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [snoozeFor, setSnoozeFor] = useState<string | null>(null);
  const [editing, setEditing] = useState<Reminder | null>(null);
  // one object for every row, so the memoised rows keep their props from one scroll step to the next
  const [actions] = useState<ReminderRowActions>(() => ({
    snoozeOpen: (id, open) => setSnoozeFor(open ? id : null),
    edit: setEditing,
    focus: setFocused,
  }));
  const rowEl = (id: string) => root.current?.querySelector<HTMLElement>(`[data-reminder-id="${CSS.escape(id)}"]`) ?? null;

  /** focus a row, scrolling it into the DOM first when it is out of view */
  const focusRow = (id: string) => {
    setFocused(id);
    const el = rowEl(id);
    if (el) el.focus();
    else {
      const i = indexOf.get(id);
      if (i !== undefined) virtualizer.scrollToIndex(i, { align: 'center' });
      setPendingFocus(id);
    }
  };
  useEffect(() => {
    if (!pendingFocus) return;
    const el = rowEl(pendingFocus);
    if (el) {
      el.focus();
      setPendingFocus(null);
    }
  });

  useEffect(() => {
    if (!focusId) return;
    const i = indexOf.get(focusId);
    if (i === undefined) return;
    setFocused(focusId);
    virtualizer.scrollToIndex(i, { align: 'center' });
    setPendingFocus(focusId);
    requestAnimationFrame(() => rowEl(focusId)?.classList.add('flash'));
    // only when asked to show one (a notification's click), once it is loaded
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusId, indexOf.has(focusId ?? '')]);

  const current = all.find((r) => r.id === focused) ?? null;
  const tabStop = current?.id ?? all[0]?.id ?? null;
  const onKeyDown = reminderListKeys({
    rows: all,
    focusRow,
    onSnooze: (r) => setSnoozeFor(r.id),
    onEdit: setEditing,
    // past the last loaded row of a section with more to come: load it, then step into it
    beyond: (r) => {
      const section = shown.find((s) => s.items.length && s.items[s.items.length - 1]!.id === r.id && s.hasMore);
      if (!section) return false;
      const at = section.items.length;
      void Promise.resolve(onLoadMore(section.key)).then(() => setPendingNext({ section: section.key, at }));
      return true;
    },
  });
  const [pendingNext, setPendingNext] = useState<{ section: ReminderSectionKey; at: number } | null>(null);
  useEffect(() => {
    if (!pendingNext) return;
    const next = shown.find((s) => s.key === pendingNext.section)?.items[pendingNext.at];
    if (next) {
      setPendingNext(null);
      focusRow(next.id);
    }
  });

  const start = (key: string) => virtualizer.measurementsCache[indexOf.get(key) ?? -1]?.start ?? 0;
  const total = virtualizer.getTotalSize();
  // the tab stop stays in the DOM while it is scrolled out of view: a focused row is not lost to
  // the page when the wheel scrolls it away, and ↓ goes on from it
  const stop = tabStop ? indexOf.get(tabStop) : undefined;
  const stopEntry = stop === undefined ? undefined : entries[stop]?.kind === 'row' ? entries[stop] : undefined;
  return (
    <div className="reminder-sections virtual" ref={root} onKeyDown={onKeyDown} style={{ height: total }}>
      {shown.map((section) => {
        const headingId = `rem-section-${section.key}`;
        const head = start(`head:${section.key}`) - margin;
        const firstRow = section.items[0] ? start(section.items[0].id) - margin : 0;
        const rows = items.filter((v) => entries[v.index]?.kind === 'row' && entries[v.index]!.section.key === section.key);
        if (stopEntry?.section.key === section.key && !rows.some((v) => v.index === stop)) {
          const at = virtualizer.measurementsCache[stop!];
          // in its place by index, so Tab order and screen readers match the screen
          if (at) rows.splice(rows.filter((v) => v.index < stop!).length, 0, at);
        }
        const more = items.find((v) => entries[v.index]?.kind === 'more' && entries[v.index]!.section.key === section.key);
        // above the sections below it while a row's snooze menu reaches out of it
        const menuOpen = snoozeFor !== null && rows.some((v) => (entries[v.index] as Extract<Entry, { kind: 'row' }>).reminder.id === snoozeFor);
        return (
          <section key={section.key} className={`reminder-section tone-${section.tone ?? 'plain'}${menuOpen ? ' menu-open' : ''}`} aria-labelledby={headingId} style={{ position: 'absolute', top: head, left: 0, right: 0 }}>
            <h2 id={headingId} className="reminder-section-title" style={{ marginTop: head > 0 ? SECTION_GAP : 0 }}>
              {section.title}
              {section.total > 0 && <span className="reminder-count">{formatNumber(section.total)}</span>}
            </h2>
            {section.items.length ? (
              <ul className="reminder-list" aria-labelledby={headingId} style={{ height: section.items.length * ROW_HEIGHT + LIST_BORDER }}>
                {rows.map((v) => {
                  const e = entries[v.index] as Extract<Entry, { kind: 'row' }>;
                  const r = e.reminder;
                  return (
                    <ReminderRow
                      key={r.id}
                      reminder={r}
                      today={today}
                      morningTime={morningTime}
                      focused={r.id === tabStop}
                      snoozeOpen={snoozeFor === r.id}
                      actions={actions}
                      top={v.start - margin - firstRow}
                      index={e.pos}
                      of={section.total}
                    />
                  );
                })}
              </ul>
            ) : (
              <p className="reminder-empty">{section.empty}</p>
            )}
            {section.hasMore && (
              <p className="reminder-more subtle" aria-live="polite">
                {more ? `Loading more… ${formatNumber(section.total - section.items.length)} to go` : `${formatNumber(section.total - section.items.length)} more`}
              </p>
            )}
          </section>
        );
      })}
      {editing && <ReminderForm initial={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
