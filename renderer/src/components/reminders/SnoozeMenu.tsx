// Snooze: 1 hour, tomorrow morning, next week, or a picked time. A small menu, keyboard first.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { addDays, format } from 'date-fns';
import { formatTime } from '../../lib/format';
import type { Reminder } from '../../../../shared/domain/reminder';
import type { SnoozePreset } from '../../../../shared/api/methods/reminders';
import { Modal } from '../Modal';
import { Field } from '../Field';
import { snoozeReminder } from './actions';
import { Icon } from '../Icon';

export function SnoozeMenu({ reminder, morningTime, open, onOpenChange }: { reminder: Reminder; morningTime: string; open: boolean; onOpenChange(open: boolean): void }) {
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) onOpenChange(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open, onOpenChange]);

  const choose = async (preset: SnoozePreset) => {
    onOpenChange(false);
    button.current?.focus();
    await snoozeReminder(reminder, preset);
  };

  // made only while the menu is open: every row of the Reminders page holds a closed one, and the
  // hour's hint (a time in the user's zone) cost each row's render a TZDate
  const items: { label: string; hint: string; run(): void }[] = !open ? [] : [
    { label: 'In 1 hour', hint: formatTime(Date.now() + 3_600_000), run: () => void choose('hour') },
    { label: 'Tomorrow morning', hint: morningTime, run: () => void choose('tomorrow') },
    { label: 'Next week', hint: `Mon ${morningTime}`, run: () => void choose('nextWeek') },
    {
      label: 'Pick a time…',
      hint: '',
      run: () => {
        onOpenChange(false);
        setPicking(true);
      },
    },
  ];

  return (
    <span className="snooze">
      <button
        ref={button}
        type="button"
        className="row-action"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Snooze ${reminder.title}`}
        title="Snooze (s)"
        onClick={() => onOpenChange(!open)}
      >
        <Icon name="clock" size={16} />
      </button>
      {open && (
        <div
          ref={menu}
          className="menu"
          role="menu"
          aria-label={`Snooze ${reminder.title}`}
          onKeyDown={(e) => {
            const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
            const at = entries.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              entries[(at + (e.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length]?.focus();
            } else if (e.key === 'Escape') {
              e.stopPropagation();
              onOpenChange(false);
              button.current?.focus();
            }
            e.stopPropagation();
          }}
        >
          {items.map((item) => (
            <button key={item.label} type="button" role="menuitem" className="menu-item" onClick={item.run}>
              <span>{item.label}</span>
              {item.hint && <span className="menu-hint">{item.hint}</span>}
            </button>
          ))}
        </div>
      )}
      {/* on the body: a row of the virtual list is moved by a transform and contained, which would hold a fixed dialog inside it */}
      {picking && createPortal(<PickTime reminder={reminder} morningTime={morningTime} onClose={() => setPicking(false)} />, document.body)}
    </span>
  );
}

function PickTime({ reminder, morningTime, onClose }: { reminder: Reminder; morningTime: string; onClose(): void }) {
  const [date, setDate] = useState(format(addDays(new Date(), 1), 'yyyy-MM-dd'));
  const [time, setTime] = useState(morningTime);
  return (
    <Modal title={`Snooze “${reminder.title}”`} onClose={onClose}>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await snoozeReminder(reminder, { date, time })) onClose();
        }}
      >
        <div className="reminder-form-when">
          <Field label="Until date">
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </Field>
          <Field label="Time">
            <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
          </Field>
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Snooze
          </button>
        </div>
      </form>
    </Modal>
  );
}
