import type { HandlerGroup } from './context';

export const reminderHandlers: HandlerGroup<never> = {};
