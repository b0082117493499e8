// Merging contacts into one, and its Undo.
//
// Every table that references a contact is found from the schema (foreign keys to contacts), so a
// table added later is moved too. What is moved: methods (each number or address once), tags, dates
// (each once), interactions (a shared one keeps one participant row), reminders, value entries,
// relationships (links between the merged contacts themselves go), photos, dismissals, and
// "introduced by" on other contacts. Then the merged contacts are deleted; the derived tables follow
// through their triggers and foreign keys, inside the same transaction.
//
// Undo: before the merge, every row referencing any of the contacts (and the contacts' own rows) is
// kept in merge_undo, with the keys of the rows the merge left on the survivor. Undo deletes those,
// puts the kept rows back and the survivor's own fields as they were. Rows added to the survivor after
// the merge (a call logged since) stay with it.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { dataTables } from '../../db/derived';
import { prepared } from '../../db/prepared';
import { ServiceError } from '../../shared/api/errors';
import type { ParsedInputOf } from '../../shared/api/contract';
import { defaultMergeChoices, mergedNotes, MERGE_FIELDS, type MergeChoices } from '../../shared/domain/merge';
import { pairKey } from '../../shared/domain/duplicates';
import { loadContact } from './contacts';
import { markMergedAway } from '../sync/accounts';
import type { HandlerGroup } from './context';

/** merges kept for Undo */
const UNDO_KEPT = 20;

type Row = Record<string, unknown>;
interface Reference {
  table: string;
  column: string;
  /** primary-key columns (rowid when the table has none) */
  pk: string[];
}

interface Snapshot {
  version: 1;
  survivorId: string;
  mergedIds: string[];
  /** the involved contacts' own rows, as they were */
  contacts: Row[];
  /** per table: every row that referenced one of the contacts, as it was */
  before: Record<string, Row[]>;
  /** per table: the primary keys of the rows referencing the survivor after the merge */
  after: Record<string, unknown[][]>;
}

/** every (table, column) of the user's data that references contacts(id), contacts' own "introduced by" included */
export function contactReferences(sqlite: Database.Database): Reference[] {
  const refs: Reference[] = [];
  for (const table of dataTables(sqlite)) {
    const fks = sqlite.prepare(`SELECT "from" AS col FROM pragma_foreign_key_list(?) WHERE "table" = 'contacts'`).all(table) as { col: string }[];
    if (!fks.length) continue;
    const pkCols = (sqlite.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(table) as { name: string }[]).map((r) => r.name);
    for (const fk of fks) refs.push({ table, column: fk.col, pk: pkCols.length ? pkCols : ['rowid'] });
  }
  return refs;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** JSON that keeps BLOBs (photos) */
function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data) ? { $blob: Buffer.from((v as { data: number[] }).data).toString('base64') } : v));
}
function decode(text: string): Snapshot {
  return JSON.parse(text, (_k, v) => (v && typeof v === 'object' && typeof (v as { $blob?: unknown }).$blob === 'string' ? Buffer.from((v as { $blob: string }).$blob, 'base64') : v)) as Snapshot;
}

type MergeInput = ParsedInputOf<'duplicates.merge'>;

/** the merge itself, on the raw connection; the caller holds the transaction */
export function mergeContacts(sqlite: Database.Database, input: MergeInput, now: number): { undoId: string; choices: MergeChoices } {
  const survivor = input.survivorId;
  const merged = input.mergedIds;
  const all = [survivor, ...merged];
  const idsJson = JSON.stringify(all);
  const mergedJson = JSON.stringify(merged);
  const contactRows = sqlite.prepare(`SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).all(idsJson) as Row[];
  const byId = new Map(contactRows.map((r) => [r.id as string, r]));
  for (const id of all) if (!byId.has(id)) throw new ServiceError('not_found', `No contact with the id ${id}`, id === survivor ? 'survivorId' : 'mergedIds');

  const refs = contactReferences(sqlite);
  const snapshot: Snapshot = { version: 1, survivorId: survivor, mergedIds: merged, contacts: all.map((id) => byId.get(id)!), before: {}, after: {} };
  for (const ref of refs) {
    const rows = sqlite.prepare(`SELECT ${ref.pk[0] === 'rowid' ? 'rowid AS rowid, ' : ''}* FROM ${q(ref.table)} WHERE ${q(ref.column)} IN (SELECT value FROM json_each(?))`).all(idsJson) as Row[];
    const list = (snapshot.before[ref.table] ??= []);
    for (const r of rows) if (!list.some((x) => ref.pk.every((c) => x[c] === r[c]))) list.push(r);
  }

  // the survivor's fields, each from the contact chosen (default: the fuller value)
  const photos = new Set(sqlite.prepare(`SELECT contact_id FROM contact_photos WHERE contact_id IN (SELECT value FROM json_each(?))`).pluck().all(idsJson) as string[]);
  const asContact = (r: Row) => ({
    id: r.id as string,
    displayName: r.display_name as string,
    givenName: r.given_name as string | null,
    familyName: r.family_name as string | null,
    nickname: r.nickname as string | null,
    company: r.company as string | null,
    title: r.title as string | null,
    circleId: r.circle_id as string | null,
    importance: r.importance as 'inner' | 'regular' | 'outer',
    birthday: r.birthday_month && r.birthday_day ? { month: r.birthday_month as number, day: r.birthday_day as number, year: r.birthday_year as number | null } : null,
    howMet: r.how_met as string | null,
    introducedById: r.introduced_by_id as string | null,
    cadenceDays: r.cadence_days as number | null,
    photo: photos.has(r.id as string) ? 'yes' : null,
  });
  const choices: MergeChoices = { ...defaultMergeChoices(all.map((id) => asContact(byId.get(id)!))), ...input.choices };
  const from = (field: (typeof MERGE_FIELDS)[number]) => byId.get(choices[field])!;
  let introducedBy = from('introducedById').introduced_by_id as string | null;
  if (introducedBy && all.includes(introducedBy)) introducedBy = null;
  sqlite
    .prepare(
      `UPDATE contacts SET display_name = ?, given_name = ?, family_name = ?, nickname = ?, company = ?, title = ?, circle_id = ?, importance = ?,
         birthday_month = ?, birthday_day = ?, birthday_year = ?, how_met = ?, introduced_by_id = ?, cadence_days = ?, notes = ?,
         created_at = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      from('displayName').display_name, from('givenName').given_name, from('familyName').family_name, from('nickname').nickname, from('company').company,
      from('title').title, from('circleId').circle_id, from('importance').importance, from('birthday').birthday_month, from('birthday').birthday_day,
      from('birthday').birthday_year, from('howMet').how_met, introducedBy, from('cadenceDays').cadence_days,
      mergedNotes(all.map((id) => byId.get(id)!.notes as string)),
      // known since the first of them was added
      Math.min(...all.map((id) => byId.get(id)!.created_at as number)),
      now, survivor,
    );

  // methods: each (kind, normalised value) once; the survivor keeps its primaries
  const have = sqlite.prepare(`SELECT kind, value_normalized, is_primary, sort_order FROM contact_methods WHERE contact_id = ?`).all(survivor) as { kind: string; value_normalized: string; is_primary: number; sort_order: number }[];
  const seen = new Set(have.map((m) => `${m.kind}\u0000${m.value_normalized}`));
  const primaries = new Set(have.filter((m) => m.is_primary).map((m) => m.kind));
  let order = have.reduce((max, m) => Math.max(max, m.sort_order), -1) + 1;
  const incoming = sqlite.prepare(`SELECT m.id, m.kind, m.value_normalized, m.is_primary FROM contact_methods m JOIN json_each(?) j ON j.value = m.contact_id ORDER BY j.key, m.sort_order`).all(mergedJson) as { id: string; kind: string; value_normalized: string; is_primary: number }[];
  const move = prepared(sqlite, `UPDATE contact_methods SET contact_id = ?, is_primary = ?, sort_order = ? WHERE id = ?`);
  for (const m of incoming) {
    const key = `${m.kind}\u0000${m.value_normalized}`;
    if (seen.has(key)) continue; // the same number or address: deleted with its contact
    seen.add(key);
    const primary = m.is_primary && !primaries.has(m.kind) ? 1 : 0;
    if (primary) primaries.add(m.kind);
    move.run(survivor, primary, order++, m.id);
  }

  // dates: each (label, day) once
  const dates = sqlite.prepare(`SELECT d.id, d.contact_id, lower(d.label) || '|' || d.month || '|' || d.day AS k FROM contact_dates d JOIN json_each(?) j ON j.value = d.contact_id ORDER BY j.key`).all(idsJson) as { id: string; contact_id: string; k: string }[];
  const dateKeys = new Set<string>();
  for (const d of dates) {
    if (dateKeys.has(d.k)) continue;
    dateKeys.add(d.k);
    if (d.contact_id !== survivor) prepared(sqlite, `UPDATE contact_dates SET contact_id = ? WHERE id = ?`).run(survivor, d.id);
  }

  // the photo chosen; when that contact has none, the first of them that has one
  const photoFrom = photos.has(choices.photo) ? choices.photo : all.find((id) => photos.has(id));
  if (photoFrom && photoFrom !== survivor) {
    prepared(sqlite, `DELETE FROM contact_photos WHERE contact_id = ?`).run(survivor);
    prepared(sqlite, `UPDATE contact_photos SET contact_id = ? WHERE contact_id = ?`).run(survivor, photoFrom);
  }

  // dismissals with third contacts carry over to the survivor
  for (const d of sqlite.prepare(`SELECT contact_a, contact_b, created_at FROM duplicate_dismissals WHERE contact_a IN (SELECT value FROM json_each(?)) OR contact_b IN (SELECT value FROM json_each(?))`).all(mergedJson, mergedJson) as { contact_a: string; contact_b: string; created_at: number }[]) {
    const other = merged.includes(d.contact_a) ? d.contact_b : d.contact_a;
    if (all.includes(other)) continue;
    prepared(sqlite, `INSERT INTO duplicate_dismissals (contact_a, contact_b, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(...pairKey(survivor, other), d.created_at);
  }

  // everything else that points at a merged contact now points at the survivor; what would repeat
  // (a tag twice, one person twice in an interaction, a link to oneself) is left to go with the contact
  const handled = new Set(['contact_methods', 'contact_dates', 'contact_photos', 'duplicate_dismissals']);
  for (const ref of refs) {
    if (handled.has(ref.table)) continue;
    if (ref.table === 'contacts') {
      prepared(sqlite, `UPDATE contacts SET introduced_by_id = ? WHERE introduced_by_id IN (SELECT value FROM json_each(?)) AND id NOT IN (SELECT value FROM json_each(?))`).run(survivor, mergedJson, idsJson);
      continue;
    }
    // a generated birthday reminder belongs to its own contact's birthday; the survivor's is kept in step by the reminder sync
    const generated = ref.table === 'reminders' ? ` AND (source_key IS NULL OR source_key NOT LIKE 'birthday:%')` : '';
    sqlite.prepare(`UPDATE OR IGNORE ${q(ref.table)} SET ${q(ref.column)} = ? WHERE ${q(ref.column)} IN (SELECT value FROM json_each(?))${generated}`).run(survivor, mergedJson);
  }
  sqlite.prepare(`DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).run(mergedJson);
  markMergedAway(sqlite, survivor, merged); // their cards on a sync server go once the user confirms

  for (const ref of refs) {
    if (ref.table === 'contacts') continue;
    const keys = sqlite.prepare(`SELECT ${ref.pk.map(q).join(', ')} FROM ${q(ref.table)} WHERE ${q(ref.column)} = ?`).raw().all(survivor) as unknown[][];
    const list = (snapshot.after[ref.table] ??= []);
    for (const k of keys) if (!list.some((x) => x.every((v, i) => v === k[i]))) list.push(k);
  }

  const undoId = randomUUID();
  prepared(sqlite, `INSERT INTO merge_undo (id, created_at, survivor_id, merged_ids, snapshot) VALUES (?, ?, ?, ?, ?)`).run(undoId, now, survivor, mergedJson, encode(snapshot));
  prepared(sqlite, `DELETE FROM merge_undo WHERE id NOT IN (SELECT id FROM merge_undo ORDER BY created_at DESC, rowid DESC LIMIT ${UNDO_KEPT})`).run();
  return { undoId, choices };
}

/** puts every contact of a merge back as it was; the caller holds the transaction */
export function undoMerge(sqlite: Database.Database, undoId: string): string[] {
  const row = prepared(sqlite, `SELECT snapshot FROM merge_undo WHERE id = ?`).get(undoId) as { snapshot: string } | undefined;
  if (!row) throw new ServiceError('not_found', 'That merge can no longer be undone', 'undoId');
  const s = decode(row.snapshot);
  if (!prepared(sqlite, `SELECT 1 FROM contacts WHERE id = ?`).get(s.survivorId)) throw new ServiceError('conflict', 'The merged contact has been deleted since; the merge cannot be undone');
  const taken = sqlite.prepare(`SELECT display_name FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(s.mergedIds)) as string[];
  if (taken.length) throw new ServiceError('conflict', `${taken[0]} exists again; the merge cannot be undone`);

  prepared(sqlite, `PRAGMA defer_foreign_keys = ON`).run();
  const refs = contactReferences(sqlite);
  const pkOf = new Map(refs.map((r) => [r.table, r.pk]));
  // 1. the rows the merge left on the survivor
  for (const [table, keys] of Object.entries(s.after)) {
    const pk = pkOf.get(table);
    if (!pk) continue;
    const del = sqlite.prepare(`DELETE FROM ${q(table)} WHERE ${pk.map((c) => `${q(c)} = ?`).join(' AND ')}`);
    for (const k of keys) del.run(...k);
  }
  // 2. the contacts' own rows: the merged ones again, the survivor's fields as they were (its
  //    first/last interaction are kept by triggers from the interactions put back below)
  for (const c of s.contacts) {
    const cols = Object.keys(c).filter((k) => k !== 'last_interaction_at' && k !== 'first_interaction_at');
    if (c.id === s.survivorId) {
      sqlite.prepare(`UPDATE contacts SET ${cols.filter((k) => k !== 'id').map((k) => `${q(k)} = @${k}`).join(', ')} WHERE id = @id`).run(c);
    } else {
      sqlite.prepare(`INSERT INTO contacts (${cols.map(q).join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`).run(pick(c, cols));
    }
  }
  // 3. every row that referenced them, as it was
  for (const [table, rows] of Object.entries(s.before)) {
    const pk = pkOf.get(table);
    if (!pk) continue;
    for (const r of rows) {
      const cols = Object.keys(r).filter((k) => k !== 'rowid' || pk[0] === 'rowid');
      if (table === 'contacts') {
        sqlite.prepare(`UPDATE contacts SET introduced_by_id = ? WHERE id = ?`).run(r.introduced_by_id, r.id);
        continue;
      }
      sqlite.prepare(`DELETE FROM ${q(table)} WHERE ${pk.map((c) => `${q(c)} = ?`).join(' AND ')}`).run(...pk.map((c) => r[c]));
      // a generated reminder made again since (same source) gives way to the one that was there
      if (table === 'reminders' && r.source_key) prepared(sqlite, `DELETE FROM reminders WHERE source_key = ?`).run(r.source_key);
      sqlite.prepare(`INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => r[k]));
    }
  }
  prepared(sqlite, `DELETE FROM merge_undo WHERE id = ?`).run(undoId);
  return s.mergedIds;
}

function pick(row: Row, cols: string[]): Row {
  return Object.fromEntries(cols.map((k) => [k, row[k]]));
}

export const mergeHandlers: HandlerGroup<'duplicates.merge' | 'duplicates.undoMerge'> = {
  async 'duplicates.merge'(ctx, input) {
    const now = ctx.clock.now().getTime();
    const { undoId } = await ctx.db.transaction().execute(async () => mergeContacts(ctx.sqlite, input, now));
    return { contact: await loadContact(ctx, input.survivorId), undoId, mergedCount: input.mergedIds.length };
  },
  async 'duplicates.undoMerge'(ctx, input) {
    const restored = await ctx.db.transaction().execute(async () => undoMerge(ctx.sqlite, input.undoId));
    return { restored };
  },
};
