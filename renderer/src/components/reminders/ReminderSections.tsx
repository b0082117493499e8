// Reminders in titled sections, as one keyboard list (reminderKeys.ts), all rows in the DOM: for a
// contact's page. The Reminders page, which can hold thousands, uses VirtualReminderSections.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Reminder } from '../../../../shared/domain/reminder';
import { reminderListKeys } from './reminderKeys';
import { ReminderForm } from './ReminderForm';
import { ReminderRow, type ReminderRowActions } from './ReminderRow';

export interface ReminderSection {
  key: string;
  title: string;
  items: Reminder[];
  tone?: 'danger' | 'accent' | 'muted';
  /** shown when the section is empty; an empty section without one is left out */
  empty?: string;
}

export function ReminderSections({ sections, today, morningTime, focusId, hideContact }: { sections: ReminderSection[]; today: string; morningTime: string; focusId?: string | null; hideContact?: boolean }) {
  const all = useMemo(() => sections.flatMap((s) => s.items), [sections]);
  const [focused, setFocused] = useState<string | null>(focusId ?? null);
  const [snoozeFor, setSnoozeFor] = useState<string | null>(null);
  const [editing, setEditing] = useState<Reminder | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // the focused row may have moved (done, snoozed into another section): keep a sensible focus
  const current = all.find((r) => r.id === focused) ?? null;
  const focusRow = (id: string) => {
    setFocused(id);
    root.current?.querySelector<HTMLElement>(`[data-reminder-id="${CSS.escape(id)}"]`)?.focus();
  };

  useEffect(() => {
    if (focusId && all.some((r) => r.id === focusId)) {
      setFocused(focusId);
      const row = root.current?.querySelector<HTMLElement>(`[data-reminder-id="${CSS.escape(focusId)}"]`);
      row?.scrollIntoView({ block: 'center' });
      row?.focus();
      row?.classList.add('flash');
    }
    // only when asked to show one (a notification's click)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusId, all.length > 0]);

  const [actions] = useState<ReminderRowActions>(() => ({
    snoozeOpen: (id, open) => setSnoozeFor(open ? id : null),
    edit: setEditing,
    focus: setFocused,
  }));
  const onKeyDown = reminderListKeys({ rows: all, focusRow, onSnooze: (r) => setSnoozeFor(r.id), onEdit: setEditing });

  const tabStop = current?.id ?? all[0]?.id ?? null;
  return (
    <div className="reminder-sections" ref={root} onKeyDown={onKeyDown}>
      {sections.map((section) => {
        if (!section.items.length && !section.empty) return null;
        const headingId = `rem-section-${section.key}`;
        return (
          <section key={section.key} className={`reminder-section tone-${section.tone ?? 'plain'}`} aria-labelledby={headingId}>
            <h2 id={headingId} className="reminder-section-title">
              {section.title}
              {section.items.length > 0 && <span className="reminder-count">{section.items.length}</span>}
            </h2>
            {section.items.length ? (
              <ul className="reminder-list" aria-labelledby={headingId}>
                {section.items.map((r) => (
                  <ReminderRow
                    key={r.id}
                    reminder={r}
                    today={today}
                    morningTime={morningTime}
                    focused={r.id === tabStop}
                    snoozeOpen={snoozeFor === r.id}
                    actions={actions}
                    hideContact={hideContact}
                  />
                ))}
              </ul>
            ) : (
              <p className="reminder-empty">{section.empty}</p>
            )}
          </section>
        );
      })}
      {editing && <ReminderForm initial={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
