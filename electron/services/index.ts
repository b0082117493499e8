// Every handler of the contract, one group per part of the app. `satisfies Handlers` makes the
// compiler refuse a contract method without a handler.
import type { Handlers } from './context';
import { appHandlers } from './app';
import { contactHandlers } from './contacts';
import { archiveHandlers } from './archive';
import { circleHandlers } from './circles';
import { tagHandlers } from './tags';
import { relationshipHandlers } from './relationships';
import { relationshipRoleHandlers } from './relationshipRoles';
import { searchHandlers } from './search';
import { interactionHandlers } from './interactions';
import { healthHandlers } from './health';
import { catchUpHandlers } from './catchUp';
import { valueHandlers } from './value';
import { reminderHandlers } from './reminders';
import { transferHandlers } from './transfer';
import { settingsHandlers } from './settings';
import { factHandlers } from './facts';
import { topicHandlers } from './topics';
import { lifeEventHandlers } from './lifeEvents';
import { giftHandlers } from './gifts';
import { loanHandlers } from './loans';
import { duplicateHandlers } from './duplicates';
import { mergeHandlers } from './merge';
import { bulkHandlers } from './bulk';
import { syncHandlers } from './sync';
import { thumbnailHandlers } from './thumbnails';
import { attachmentHandlers } from './attachments';

export const handlers = {
  ...appHandlers,
  ...contactHandlers,
  ...archiveHandlers,
  ...circleHandlers,
  ...tagHandlers,
  ...relationshipHandlers,
  ...relationshipRoleHandlers,
  ...searchHandlers,
  ...interactionHandlers,
  ...healthHandlers,
  ...catchUpHandlers,
  ...valueHandlers,
  ...reminderHandlers,
  ...transferHandlers,
  ...settingsHandlers,
  ...factHandlers,
  ...topicHandlers,
  ...lifeEventHandlers,
  ...giftHandlers,
  ...loanHandlers,
  ...duplicateHandlers,
  ...mergeHandlers,
  ...bulkHandlers,
  ...syncHandlers,
  ...thumbnailHandlers,
  ...attachmentHandlers,
} satisfies Handlers;
