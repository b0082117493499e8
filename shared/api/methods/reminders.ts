// Methods for reminders: the user's own and the automatic ones (birthdays, anniversaries).
import { z } from 'zod';
import { command, query } from '../define';
import { id, isoDate, nonEmptyText, version, wallTime } from '../schemas';
import { REMINDER_SECTIONS, type CheckInBoard, type Reminder, type ReminderBoard, type ReminderPage } from '../../domain/reminder';
import { RECURRENCE_UNITS } from '../../domain/recurrence';

const recurrenceValue = z.object({
  unit: z.enum(RECURRENCE_UNITS),
  interval: z.number().int('Repeat every whole number').min(1, 'Repeat every 1 or more').max(999, 'Repeat every 999 at most').default(1),
});
const recurrence = recurrenceValue.default({ unit: 'none', interval: 1 });

const reminderFields = z.object({
  title: nonEmptyText('Title', 300),
  notes: z.string().max(10_000, 'Notes are longer than 10,000 characters').default(''),
  contactId: id.nullish().transform((v) => v ?? null),
  dueDate: isoDate,
  /** null: a whole-day reminder */
  dueTime: wallTime.nullish().transform((v) => v ?? null),
  recurrence,
});

export const SNOOZE_PRESETS = ['hour', 'tomorrow', 'nextWeek'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

export const reminderMethods = {
  /** open reminders by when they ring (overdue, today, next 30 days, later) and the latest done (the check-ins: reminders.checkIns) */
  'reminders.list': query<ReminderBoard>()(
    z
      .object({
        contactId: id.optional(),
        /** rows in the first page of each open section */
        limit: z.number().int().min(1).max(500).default(50),
        doneLimit: z.number().int().min(0).max(500).default(50),
      })
      .strict(),
  ),
  /** the check-ins due and coming up (from the health table: waits for it to be up to date) */
  'reminders.checkIns': query<CheckInBoard>()(
    z
      .object({
        contactId: id.optional(),
        limit: z.number().int().min(0).max(500).default(50),
      })
      .strict(),
  ),
  /** the next page of one section of the board, after the cursor the last page gave */
  'reminders.section': query<ReminderPage>()(
    z
      .object({
        section: z.enum(REMINDER_SECTIONS),
        cursor: z.string().min(1).max(2_000).optional(),
        limit: z.number().int().min(1).max(500).default(50),
        contactId: id.optional(),
      })
      .strict(),
  ),
  /** for the sidebar badge and the tray */
  'reminders.summary': query<{ overdue: number; dueToday: number }>()(z.object({}).strict()),
  'reminders.get': query<Reminder>()(z.object({ id }).strict()),
  'reminders.create': command<Reminder>()(reminderFields.strict()),
  /** `updatedAt`: the version edited (the renderer sends it); changed since, the answer is `stale` and nothing is written */
  'reminders.update': command<Reminder>()(
    reminderFields
      // no defaults here: zod applies a default even inside optional(), and an edit of the notes alone made a repeating reminder a one-off
      .extend({ recurrence: recurrenceValue.optional(), notes: z.string().max(10_000, 'Notes are longer than 10,000 characters').optional() })
      .partial()
      .extend({ id, updatedAt: version })
      .strict(),
  ),
  /** done: a one-off closes; a repeating one keeps a done record and moves to its next occurrence */
  'reminders.complete': command<{ done: Reminder; next: Reminder | null }>()(z.object({ id }).strict()),
  /** like complete, but recorded as dismissed (skipped) */
  'reminders.dismiss': command<{ done: Reminder; next: Reminder | null }>()(z.object({ id }).strict()),
  /** undo a done or dismissed one-off: open again */
  'reminders.reopen': command<Reminder>()(z.object({ id }).strict()),
  'reminders.delete': command<{ id: string }>()(z.object({ id }).strict()),
  /** preset: 1 hour, tomorrow morning, next Monday morning; or a picked local date and time */
  'reminders.snooze': command<Reminder>()(
    z.union([
      z.object({ id, preset: z.enum(SNOOZE_PRESETS) }).strict(),
      z.object({ id, until: z.object({ date: isoDate, time: wallTime }).strict() }).strict(),
    ]),
  ),
};
