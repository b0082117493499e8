import type { HandlerGroup } from './context';

export const healthHandlers: HandlerGroup<never> = {};
