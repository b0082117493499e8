// What a row can do, with a toast that says what happened and offers an undo where one makes sense.
import { todayLocal } from '../../lib/format';
import { toast } from 'sonner';
import { api } from '../../lib/api';
import type { Reminder } from '../../../../shared/domain/reminder';
import type { SnoozePreset } from '../../../../shared/api/methods/reminders';
import { timeOfInstant, whenPhrase } from './format';

const today = todayLocal;
const fail = (err: unknown) => toast.error((err as Error).message);

export async function completeReminder(r: Reminder, status: 'done' | 'dismissed' = 'done') {
  try {
    const result = await api.call(status === 'done' ? 'reminders.complete' : 'reminders.dismiss', { id: r.id });
    const what = status === 'done' ? 'Done' : 'Skipped';
    const next = result.next ? ` · next ${whenPhrase(result.next.remindOn, today())}` : '';
    toast.success(`${what}: ${r.title}${next}`, { action: { label: 'Undo', onClick: () => void api.call('reminders.reopen', { id: result.done.id }).catch(fail) } });
  } catch (err) {
    fail(err);
  }
}

export async function snoozeReminder(r: Reminder, choice: SnoozePreset | { date: string; time: string }) {
  try {
    const snoozed = await api.call('reminders.snooze', typeof choice === 'string' ? { id: r.id, preset: choice } : { id: r.id, until: choice });
    const day = whenPhrase(snoozed.remindOn, today()).replace(/^on /, '');
    toast(`Snoozed until ${day} at ${timeOfInstant(snoozed.snoozedUntil!)}`, { description: r.title });
    return true;
  } catch (err) {
    fail(err);
    return false;
  }
}

export async function deleteReminder(r: Reminder) {
  try {
    await api.call('reminders.delete', { id: r.id });
    toast(`Deleted: ${r.title}`);
  } catch (err) {
    fail(err);
  }
}

export async function reopenReminder(r: Reminder) {
  try {
    await api.call('reminders.reopen', { id: r.id });
  } catch (err) {
    fail(err);
  }
}
