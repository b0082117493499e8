// Bulk changes: one change (circle, tags, cadence, importance, archive or restore) to every selected
// contact, in one transaction, with what it overwrote kept in bulk_undo (migration 0010) so that one
// Undo puts every contact back. "Select all" is resolved here, from the list's filter, so the
// renderer never needs every id of a virtual list.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ServiceError } from '../../shared/api/errors';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { Importance } from '../../shared/domain/contact';
import { prepared } from '../../db/prepared';
import type { HandlerGroup } from './context';
import { filteredContacts } from './contacts';

/** how many bulk changes can still be undone */
const UNDO_KEPT = 20;

type Change = ParsedInputOf<'contacts.bulkUpdate'>['change'];

/** the fields a bulk change writes on contacts, by their column */
const COLUMN = { circleId: 'circle_id', cadenceDays: 'cadence_days', importance: 'importance', archived: 'archived_at' } as const;
type Field = keyof typeof COLUMN;

interface BulkUndoPayload {
  fields: Field[];
  /** per contact: id, then the old value of each field, in `fields` order */
  contacts: Array<[string, ...Array<string | number | null>]>;
  tagsAdded: Array<[string, string]>;
  tagsRemoved: Array<[string, string]>;
  summary: string;
}

export const bulkHandlers: HandlerGroup<'contacts.bulkUpdate' | 'contacts.bulkUndo'> = {
  async 'contacts.bulkUpdate'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const { selection, change } = input;
    // resolved before the write: the filter's matches, or the ids that exist
    let ids: string[];
    if ('ids' in selection) {
      const found = prepared(ctx.sqlite, `SELECT id FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify([...new Set(selection.ids)])) as string[];
      if (found.length < new Set(selection.ids).size) throw new ServiceError('not_found', 'Some selected contacts no longer exist; reload the list', 'selection');
      ids = found;
    } else {
      const except = new Set(selection.exceptIds);
      ids = (await filteredContacts(ctx.db, selection.filter).select('c.id').execute()).map((r) => r.id).filter((id) => !except.has(id));
    }
    if (ids.length === 0) throw new ServiceError('invalid_input', 'No contacts are selected', 'selection');
    if (change.circleId) {
      const circle = prepared(ctx.sqlite, `SELECT id FROM circles WHERE id = ?`).get(change.circleId);
      if (!circle) throw new ServiceError('not_found', 'No circle with that id', 'change.circleId');
    }
    const undoId = randomUUID();
    const summary = describe(ctx.sqlite, change, ids.length);
    ctx.sqlite.transaction(() => applyChange(ctx.sqlite, ids, change, now, undoId, summary))();
    return { count: ids.length, undoId, summary };
  },

  async 'contacts.bulkUndo'(ctx, input) {
    const row = prepared(ctx.sqlite, `SELECT payload FROM bulk_undo WHERE id = ?`).get(input.undoId) as { payload: string } | undefined;
    if (!row) throw new ServiceError('not_found', 'That change can no longer be undone', 'undoId');
    const payload = JSON.parse(row.payload) as BulkUndoPayload;
    const now = ctx.clock.now().getTime();
    ctx.sqlite.transaction(() => {
      if (payload.fields.length > 0) {
        const set = payload.fields.map((f, i) => `${COLUMN[f]} = u.value ->> ${i + 1}`).join(', ');
        prepared(ctx.sqlite, `UPDATE contacts AS c SET ${set}, updated_at = ? FROM json_each(?) AS u WHERE c.id = u.value ->> 0`).run(now, JSON.stringify(payload.contacts));
      }
      prepared(ctx.sqlite, `DELETE FROM contact_tags WHERE (contact_id, tag_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`).run(JSON.stringify(payload.tagsAdded));
      // a tag deleted since has nothing to come back to
      prepared(
        ctx.sqlite,
        `INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)
         WHERE value ->> 1 IN (SELECT id FROM tags) AND value ->> 0 IN (SELECT id FROM contacts)`,
      ).run(JSON.stringify(payload.tagsRemoved));
      prepared(ctx.sqlite, `DELETE FROM bulk_undo WHERE id = ?`).run(input.undoId);
    })();
    return { count: payload.contacts.length || new Set([...payload.tagsAdded, ...payload.tagsRemoved].map((p) => p[0])).size, summary: `Undone: ${payload.summary}` };
  },
};

function applyChange(sqlite: Database.Database, ids: string[], change: Change, now: number, undoId: string, summary: string) {
  const json = JSON.stringify(ids);
  const fields = (Object.keys(COLUMN) as Field[]).filter((f) => change[f] !== undefined);
  const payload: BulkUndoPayload = { fields, contacts: [], tagsAdded: [], tagsRemoved: [], summary };
  if (fields.length > 0) {
    payload.contacts = prepared(sqlite, `SELECT id, ${fields.map((f) => COLUMN[f]).join(', ')} FROM contacts WHERE id IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(json) as BulkUndoPayload['contacts'];
    const values = fields.map((f) => (f === 'archived' ? null : (change[f] as string | number | null)));
    const set = fields.map((f) => (f === 'archived' ? (change.archived ? `archived_at = coalesce(archived_at, ${now})` : 'archived_at = NULL') : `${COLUMN[f]} = ?`)).join(', ');
    prepared(sqlite, `UPDATE contacts SET ${set}, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`).run(...values.filter((_, i) => fields[i] !== 'archived'), now, json);
  }
  for (const name of uniqueNames(change.addTags ?? [])) {
    prepared(sqlite, `INSERT INTO tags (id, name, color, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT(name) DO NOTHING`).run(randomUUID(), name, now);
    const tagId = prepared(sqlite, `SELECT id FROM tags WHERE name = ?`).pluck().get(name) as string;
    const added = prepared(sqlite, `SELECT value FROM json_each(?) WHERE value NOT IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?)`).pluck().all(json, tagId) as string[];
    prepared(sqlite, `INSERT INTO contact_tags (contact_id, tag_id) SELECT value, ? FROM json_each(?)`).run(tagId, JSON.stringify(added));
    for (const id of added) payload.tagsAdded.push([id, tagId]);
  }
  for (const name of uniqueNames(change.removeTags ?? [])) {
    const tagId = prepared(sqlite, `SELECT id FROM tags WHERE name = ?`).pluck().get(name) as string | undefined;
    if (!tagId) continue;
    const removed = prepared(sqlite, `SELECT contact_id FROM contact_tags WHERE tag_id = ? AND contact_id IN (SELECT value FROM json_each(?))`).pluck().all(tagId, json) as string[];
    prepared(sqlite, `DELETE FROM contact_tags WHERE tag_id = ? AND contact_id IN (SELECT value FROM json_each(?))`).run(tagId, JSON.stringify(removed));
    for (const id of removed) payload.tagsRemoved.push([id, tagId]);
  }
  // tags changed without a column change still count as a write to the contact
  if (fields.length === 0) prepared(sqlite, `UPDATE contacts SET updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`).run(now, json);
  prepared(sqlite, `INSERT INTO bulk_undo (id, created_at, summary, payload) VALUES (?, ?, ?, ?)`).run(undoId, now, summary, JSON.stringify(payload));
  prepared(sqlite, `DELETE FROM bulk_undo WHERE id NOT IN (SELECT id FROM bulk_undo ORDER BY created_at DESC, rowid DESC LIMIT ${UNDO_KEPT})`).run();
}

function uniqueNames(names: string[]): string[] {
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
}

const IMPORTANCE_WORD: Record<Importance, string> = { inner: 'inner', regular: 'regular', outer: 'outer' };

/** what the change did, in words: "Moved 12 people to Family; tagged them 'vip'" */
function describe(sqlite: Database.Database, change: Change, count: number): string {
  const people = count === 1 ? '1 person' : `${count.toLocaleString('en')} people`;
  const parts: string[] = [];
  if (change.circleId !== undefined) {
    const name = change.circleId === null ? null : (prepared(sqlite, `SELECT name FROM circles WHERE id = ?`).pluck().get(change.circleId) as string);
    parts.push(name === null ? 'took them out of their circle' : `moved them to ${name}`);
  }
  if (change.addTags?.length) parts.push(`tagged them ${change.addTags.map((t) => `“${t}”`).join(', ')}`);
  if (change.removeTags?.length) parts.push(`removed the tag ${change.removeTags.map((t) => `“${t}”`).join(', ')}`);
  if (change.cadenceDays !== undefined)
    parts.push(change.cadenceDays === null ? 'set their check-ins to the circle’s default' : change.cadenceDays === 0 ? 'set them to never remind' : `set check-ins every ${change.cadenceDays} days`);
  if (change.importance) parts.push(`made them ${IMPORTANCE_WORD[change.importance]}`);
  if (change.archived !== undefined) parts.push(change.archived ? 'archived them' : 'restored them');
  const text = parts.join('; ');
  return `${people}: ${text}`;
}
