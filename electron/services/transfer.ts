import type { HandlerGroup } from './context';

export const transferHandlers: HandlerGroup<never> = {};
