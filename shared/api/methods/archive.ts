// Archive instead of delete: archived contacts are hidden everywhere but the Archive view;
// permanent deletion is a separate, explicit step on an archived contact.
import { z } from 'zod';
import { command } from '../define';
import { id } from '../schemas';
import type { Contact } from '../../domain/contact';

export interface DeletionReport {
  id: string;
  /** interactions that had only this person and went with them */
  interactionsDeleted: number;
  /** interactions with other people that stay, without this person */
  interactionsKept: number;
  remindersDeleted: number;
  relationshipsDeleted: number;
}

export const archiveMethods = {
  'contacts.archive': command<Contact>()(z.object({ id }).strict()),
  'contacts.restore': command<Contact>()(z.object({ id }).strict()),
  'contacts.deletePermanently': command<DeletionReport>()(z.object({ id }).strict()),
};
