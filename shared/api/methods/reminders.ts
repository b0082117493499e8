// Methods for reminders, automatic reminders, notification settings.
import type { MethodSpec } from '../define';

export const reminderMethods = {} satisfies Record<string, MethodSpec>;
