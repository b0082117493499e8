import type { HandlerGroup } from './context';

export const settingsHandlers: HandlerGroup<never> = {};
