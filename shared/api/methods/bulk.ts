// Bulk changes to many contacts at once (the contacts list's selection), each undoable in one step.
import { z } from 'zod';
import { command } from '../define';
import { id, nonEmptyText } from '../schemas';
import { IMPORTANCE } from '../../domain/contact';

/** the contacts list's filter, as contacts.list takes it: "select all" means all of these */
export const contactListFilter = z
  .object({
    circleId: id.optional(),
    /** contacts in no circle */
    noCircle: z.boolean().optional(),
    tag: z.string().optional(),
    archived: z.boolean().default(false),
  })
  .strict();

const MAX_SELECTED = 200_000;

export const bulkSelection = z.union([
  z.object({ ids: z.array(id).min(1, 'Select at least one contact').max(MAX_SELECTED) }).strict(),
  /** everyone the filter matches (found on the server), but these */
  z.object({ filter: contactListFilter, exceptIds: z.array(id).max(MAX_SELECTED).default([]) }).strict(),
]);

export const bulkChange = z
  .object({
    /** null: no circle */
    circleId: id.nullable().optional(),
    addTags: z.array(nonEmptyText('Tag', 60)).max(20).optional(),
    removeTags: z.array(nonEmptyText('Tag', 60)).max(20).optional(),
    /** null: the circle's default; 0: never remind */
    cadenceDays: z.number().int('Whole days').min(0, 'Cadence cannot be negative').max(3650, 'Cadence is over ten years').nullable().optional(),
    importance: z.enum(IMPORTANCE).optional(),
    /** true: archive; false: restore */
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)), { message: 'Choose a change to make' });

export interface BulkResult {
  /** contacts changed */
  count: number;
  /** for contacts.bulkUndo */
  undoId: string;
  /** "Moved 12 people to Family" */
  summary: string;
}

export const bulkMethods = {
  'contacts.bulkUpdate': command<BulkResult>()(z.object({ selection: bulkSelection, change: bulkChange }).strict()),
  /** puts every contact of that bulk change back as it was (once) */
  'contacts.bulkUndo': command<{ count: number; summary: string }>()(z.object({ undoId: id }).strict()),
};
