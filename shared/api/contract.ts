// THE API contract: every method Kith's renderer can call. The renderer's client, the preload's
// bridge and the main-process dispatcher are all derived from this object.
import type { z } from 'zod';
import type { MethodSpec } from './define';
import { appMethods } from './methods/app';
import { contactMethods } from './methods/contacts';
import { archiveMethods } from './methods/archive';
import { circleMethods } from './methods/circles';
import { tagMethods } from './methods/tags';
import { relationshipMethods } from './methods/relationships';
import { interactionMethods } from './methods/interactions';
import { healthMethods } from './methods/health';
import { valueMethods } from './methods/value';
import { reminderMethods } from './methods/reminders';
import { transferMethods } from './methods/transfer';
import { settingsMethods } from './methods/settings';
import { factMethods } from './methods/facts';
import { topicMethods } from './methods/topics';
import { lifeEventMethods } from './methods/lifeEvents';
import { giftMethods } from './methods/gifts';
import { loanMethods } from './methods/loans';
import { duplicateMethods } from './methods/duplicates';
import { bulkMethods } from './methods/bulk';
import { syncMethods } from './methods/sync';
import { attachmentMethods } from './methods/attachments';

export const contract = {
  ...appMethods,
  ...contactMethods,
  ...archiveMethods,
  ...circleMethods,
  ...tagMethods,
  ...relationshipMethods,
  ...interactionMethods,
  ...healthMethods,
  ...valueMethods,
  ...reminderMethods,
  ...transferMethods,
  ...settingsMethods,
  ...factMethods,
  ...topicMethods,
  ...lifeEventMethods,
  ...giftMethods,
  ...loanMethods,
  ...duplicateMethods,
  ...bulkMethods,
  ...syncMethods,
  ...attachmentMethods,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** what a caller passes (defaults may be left out) */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** what a service receives: validated, defaults filled in */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
