// Methods for finding and merging duplicate contacts.
import { z } from 'zod';
import { command, query } from '../define';
import { id } from '../schemas';
import type { Contact } from '../../domain/contact';
import type { DuplicateReasonKind } from '../../domain/duplicates';
import { MERGE_FIELDS } from '../../domain/merge';

export interface DuplicateMember {
  id: string;
  displayName: string;
  company: string | null;
  emails: string[];
  phones: string[];
  lastInteractionAt: number | null;
  createdAt: number;
}

/** why contacts were put together: what they share, and which of them share it */
export interface DuplicateReason {
  kind: DuplicateReasonKind;
  /** the email, the number (as first typed) or the name */
  value: string;
  contactIds: string[];
}

export interface DuplicateGroup {
  /** the members' ids, sorted and joined: stable while the group is the same */
  key: string;
  /** 0–100: how sure it is one person */
  confidence: number;
  contacts: DuplicateMember[];
  reasons: DuplicateReason[];
}

export interface MergeResult {
  contact: Contact;
  /** hand to duplicates.undoMerge to put every contact back as it was */
  undoId: string;
  mergedCount: number;
}

const contactIds = z
  .array(id)
  .min(2, 'Choose at least two contacts')
  .max(50, 'At most 50 contacts at once')
  .refine((ids) => new Set(ids).size === ids.length, 'A contact is listed twice');

export const duplicateMethods = {
  /** groups of contacts that may be one person, surest first; pairs marked "not a duplicate" are left out */
  'duplicates.list': query<{ groups: DuplicateGroup[]; total: number }>()(
    z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict(),
  ),
  /** how many groups the list has (the dashboard's badge) */
  'duplicates.count': query<{ count: number }>()(z.object({}).strict()),
  /** remembers that these contacts are different people */
  'duplicates.dismiss': command<{ dismissed: number }>()(z.object({ contactIds }).strict()),
  /**
   * Merges `mergedIds` into `survivorId` in one transaction: every method, tag, date, note,
   * interaction, reminder, value entry, relationship and photo ends up on the survivor; each
   * field in `choices` is taken from the contact named (default: the fuller value).
   */
  'duplicates.merge': command<MergeResult>()(
    z
      .object({
        survivorId: id,
        mergedIds: z.array(id).min(1, 'Choose a contact to merge').max(49, 'At most 50 contacts at once'),
        choices: z.partialRecord(z.enum(MERGE_FIELDS), id).default({}),
      })
      .strict()
      .refine((v) => !v.mergedIds.includes(v.survivorId), { message: 'The contact kept cannot also be merged away', path: ['mergedIds'] })
      .refine((v) => new Set(v.mergedIds).size === v.mergedIds.length, { message: 'A contact is listed twice', path: ['mergedIds'] })
      .refine((v) => Object.values(v.choices).every((c) => c === v.survivorId || v.mergedIds.includes(c!)), {
        message: 'A field can only be taken from one of the contacts merged',
        path: ['choices'],
      }),
  ),
  /** puts the contacts of a merge back exactly as they were before it */
  'duplicates.undoMerge': command<{ restored: string[] }>()(z.object({ undoId: id }).strict()),
};
