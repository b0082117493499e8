// Every handler of the contract, one group per part of the app. `satisfies Handlers` makes the
// compiler refuse a contract method without a handler.
import type { Handlers } from './context';
import { appHandlers } from './app';
import { contactHandlers } from './contacts';

export const handlers = {
  ...appHandlers,
  ...contactHandlers,
} satisfies Handlers;
