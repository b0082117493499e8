// A Kith JSON export merged into a Kith that has data of its own (issue 15, point 12). Nothing
// already here is doubled or changed: a person already here (the same id, or the same person by the
// import's duplicate rules, electron/transfer/duplicates.ts) keeps their own fields and gains what
// the file has of theirs that is new (interactions, reminders, facts, links…); everyone else comes
// in whole. Tags, circles and roles of the same name are one. Works on any table by its foreign
// keys, so record types added later (addresses, attachments) merge without a change here; a table
// whose rows are "the same" by more than their id says so in SAME_AS below.
import type Database from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { prepared } from '../../db/prepared';
import { contactFields } from '../../shared/api/methods/contacts';
import { insertContact } from '../services/contacts';
import { fitPhotoRow } from '../services/photoFit';
import { phoneRegion } from '../services/phones';
import { buildDuplicateIndex, findDuplicates } from './duplicates';
import { fromCell, type JsonExport } from './json-export';
import type { ImportRecord } from './record';

/** how many of a kind of record the file has, how many of those are new here and how many are here already */
export interface MergeCount {
  total: number;
  added: number;
  present: number;
}

/** tables whose row is the one already here when this column matches (without regard to case) */
const SAME_AS: Record<string, string> = { tags: 'name', circles: 'name', relationship_roles: 'name' };

export interface MergePlan {
  /** file id → the id of the same row here, for the tables that can map (contacts, SAME_AS) */
  ids: Map<string, Map<string, string>>;
  /** per table: the file's rows, new ones and those already here (by id or mapping), before writing */
  counts: Record<string, MergeCount>;
}

const rowsOf = (data: JsonExport, table: string) => (data.tables[table] ?? []) as Record<string, unknown>[];

/** which contacts of the file are people already here, and what is new: read only, for the preview and the write */
export function planJsonMerge(sqlite: Database.Database, data: JsonExport, tables: string[]): MergePlan {
  const ids = new Map<string, Map<string, string>>();
  const contacts = new Map<string, string>();
  ids.set('contacts', contacts);
  const index = buildDuplicateIndex(sqlite, phoneRegion(sqlite));
  const methodsByContact = new Map<string, { kind: 'email' | 'phone'; value: string }[]>();
  for (const m of rowsOf(data, 'contact_methods')) {
    if (m.kind !== 'email' && m.kind !== 'phone') continue;
    const list = methodsByContact.get(String(m.contact_id)) ?? [];
    list.push({ kind: m.kind, value: String(m.value) });
    methodsByContact.set(String(m.contact_id), list);
  }
  for (const c of rowsOf(data, 'contacts')) {
    const id = String(c.id);
    const record = { number: 0, line: null, uid: id, fields: { displayName: String(c.display_name ?? ''), methods: methodsByContact.get(id) ?? [] }, dates: [], photo: null } as unknown as ImportRecord;
    // the same person only when the strongest matches (id, then email or phone, then name) are one
    // contact here: never merged into one of several at random
    const matches = findDuplicates(index, record).filter((m) => m.person.record === null);
    const strongest = matches.some((m) => m.matchedBy !== 'name') ? matches.filter((m) => m.matchedBy !== 'name') : matches;
    const here = [...new Set(strongest.map((m) => m.person.id))];
    if (here.length === 1) contacts.set(id, here[0]!);
  }
  for (const [table, column] of Object.entries(SAME_AS)) {
    if (!tables.includes(table)) continue;
    const map = new Map<string, string>();
    const live = prepared(sqlite, `SELECT id, ${column} AS k FROM "${table}"`).all() as { id: string; k: string }[];
    const byKey = new Map(live.map((r) => [String(r.k).toLocaleLowerCase(), r.id]));
    const liveIds = new Set(live.map((r) => r.id));
    for (const row of rowsOf(data, table)) {
      const id = String(row.id);
      const same = liveIds.has(id) ? id : byKey.get(String(row[column] ?? '').toLocaleLowerCase());
      if (same) map.set(id, same);
    }
    ids.set(table, map);
  }
  const counts: Record<string, MergeCount> = {};
  for (const table of tables) {
    const rows = rowsOf(data, table);
    if (!rows.length) continue;
    const mapped = ids.get(table);
    let present = 0;
    if (mapped) present = rows.filter((r) => mapped.has(String(r.id))).length;
    else if (hasIdColumn(sqlite, table)) {
      const exists = prepared(sqlite, `SELECT 1 FROM "${table}" WHERE id = ?`);
      present = rows.filter((r) => exists.get(String(r.id))).length;
    }
    counts[table] = { total: rows.length, added: rows.length - present, present };
  }
  return { ids, counts };
}

const hasIdColumn = (sqlite: Database.Database, table: string) => (prepared(sqlite, `SELECT count(*) FROM pragma_table_info(?) WHERE name = 'id' AND pk = 1`).pluck().get(table) as number) > 0;

/**
 * Writes the plan inside the caller's transaction (all or nothing): new rows are added with their
 * references turned to the rows already here; a row already here is left as it is. Returns per
 * table what was added and what was here already.
 */
export async function mergeJsonExport(trx: Transaction<DB>, sqlite: Database.Database, data: JsonExport, tables: string[], now: number, pause: () => Promise<void> = async () => {}): Promise<Record<string, MergeCount>> {
  const plan = planJsonMerge(sqlite, data, tables);
  await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
  const region = phoneRegion(sqlite);
  const result: Record<string, MergeCount> = {};
  const order = ['circles', 'tags', 'relationship_roles', 'contacts', ...tables.filter((t) => !['circles', 'tags', 'relationship_roles', 'contacts'].includes(t))].filter((t) => tables.includes(t));
  for (const table of order) {
    const rows = rowsOf(data, table);
    if (!rows.length) continue;
    const columns = new Set((prepared(sqlite, `SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
    // each reference to a table that maps (a contact already here by another id) is turned to the row here
    const refs = (prepared(sqlite, `SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)`).all(table) as { col: string; target: string }[]).filter((r) => plan.ids.has(r.target));
    const own = plan.ids.get(table);
    const withId = hasIdColumn(sqlite, table);
    const exists = withId ? prepared(sqlite, `SELECT 1 FROM "${table}" WHERE id = ?`) : null;
    const count: MergeCount = { total: rows.length, added: 0, present: 0 };
    for (const raw of rows) {
      await pause();
      const row: Record<string, unknown> = Object.fromEntries(Object.entries(raw).filter(([k]) => columns.has(k)).map(([k, v]) => [k, fromCell(v)]));
      for (const r of refs) if (row[r.col] != null) row[r.col] = plan.ids.get(r.target)!.get(String(row[r.col])) ?? row[r.col];
      if ((own && own.has(String(row.id))) || (exists && exists.get(String(row.id))) || (table === 'relationships' && row.from_contact_id === row.to_contact_id) || isRepeatedMethod(sqlite, table, row)) {
        count.present += 1;
        continue;
      }
      if (table === 'contacts') {
        const id = String(row.id);
        await insertContact(trx, contactFields.parse({ displayName: String(row.display_name) }), now, region, id);
        const { id: _id, ...rest } = row;
        const keys = Object.keys(rest);
        if (keys.length) await sql`UPDATE contacts SET ${sql.join(keys.map((k) => sql`${sql.ref(k)} = ${rest[k]}`))} WHERE id = ${id}`.execute(trx);
        count.added += 1;
        continue;
      }
      if (table === 'contact_photos') await fitPhotoRow(row);
      const keys = Object.keys(row);
      // a row keyed by what it joins (a contact's tag, a setting) that is here already stays as it is here
      const written = await sql`INSERT OR IGNORE INTO ${sql.table(table)} (${sql.join(keys.map((k) => sql.ref(k)))}) VALUES (${sql.join(keys.map((k) => row[k] as never))})`.execute(trx);
      if (Number(written.numAffectedRows ?? 0) > 0) count.added += 1;
      else count.present += 1;
    }
    result[table] = count;
  }
  return result;
}

/** an email or phone the person here has already (the same person by another id) is not added twice */
function isRepeatedMethod(sqlite: Database.Database, table: string, row: Record<string, unknown>): boolean {
  if (table !== 'contact_methods') return false;
  return Boolean(prepared(sqlite, `SELECT 1 FROM contact_methods WHERE contact_id = ? AND kind = ? AND lower(value) = lower(?)`).get(row.contact_id, row.kind, row.value));
}

/** what a merge carries: not another file's sync accounts and their state (this Kith has its own) */
export function mergeableTables(tables: string[]): string[] {
  return tables.filter((t) => !t.startsWith('sync_'));
}

/** the kinds a person counts in (the dialog's "312 people, 4,020 interactions") */
export function pickKinds(counts: Record<string, MergeCount>): Record<'contacts' | 'interactions' | 'reminders', MergeCount> {
  const none = { total: 0, added: 0, present: 0 };
  return { contacts: counts.contacts ?? none, interactions: counts.interactions ?? none, reminders: counts.reminders ?? none };
}
