// Methods for user settings (notifications, quiet hours, digest time, launch at login).
import type { MethodSpec } from '../define';

export const settingsMethods = {} satisfies Record<string, MethodSpec>;
