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
import { personNameKey } from '../../shared/domain/duplicates';
import { fromCell, jsonRows, type JsonExport } from './json-export';
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

/**
 * Which contacts of the file are people already here, and what is new: read only, for the preview
 * and the write. Two passes over the file: the people (contacts, their emails and phones) and the
 * rows matched by name, then every row's id against what is here.
 */
export async function planJsonMerge(sqlite: Database.Database, data: JsonExport, tables: string[], pause: () => Promise<void> = async () => {}): Promise<MergePlan> {
  const ids = new Map<string, Map<string, string>>();
  const contacts = new Map<string, string>();
  ids.set('contacts', contacts);
  const index = buildDuplicateIndex(sqlite, phoneRegion(sqlite));
  const methodsByContact = new Map<string, { kind: 'email' | 'phone'; value: string }[]>();
  const people: { id: string; name: string }[] = [];
  const sameAs = Object.keys(SAME_AS).filter((t) => tables.includes(t));
  const named = new Map<string, { id: string; key: string }[]>(sameAs.map((t) => [t, []]));
  for await (const { table, row: m } of jsonRows(data, ['contacts', 'contact_methods', ...sameAs])) {
    await pause();
    if (table === 'contact_methods') {
      if (m.kind !== 'email' && m.kind !== 'phone') continue;
      const list = methodsByContact.get(String(m.contact_id)) ?? [];
      list.push({ kind: m.kind, value: String(m.value) });
      methodsByContact.set(String(m.contact_id), list);
    } else if (table === 'contacts') people.push({ id: String(m.id), name: String(m.display_name ?? '') });
    else named.get(table)!.push({ id: String(m.id), key: String(m[SAME_AS[table]!] ?? '') });
  }
  if (tables.includes('contacts')) {
    for (const c of people) {
      const record = { number: 0, line: null, uid: c.id, fields: { displayName: c.name, methods: methodsByContact.get(c.id) ?? [] }, dates: [], photo: null } as unknown as ImportRecord;
      // the same person only when the strongest matches (id, then email or phone, then name) are one
      // contact here: never merged into one of several at random
      const matches = findDuplicates(index, record).filter((m) => m.person.record === null);
      const strongest = matches.some((m) => m.matchedBy !== 'name') ? matches.filter((m) => m.matchedBy !== 'name') : matches;
      let here = [...new Set(strongest.map((m) => m.person.id))];
      // several here share that email or phone: the one of them with the same name is this person
      // (a person merged in by name by an earlier restore took the file's email along)
      if (here.length > 1) {
        const sameName = new Set((index.byName.get(personNameKey(c.name)) ?? []).map((p) => p.id));
        here = here.filter((id) => sameName.has(id));
      }
      if (here.length === 1) contacts.set(c.id, here[0]!);
    }
  }
  for (const table of sameAs) {
    const column = SAME_AS[table]!;
    const map = new Map<string, string>();
    const live = prepared(sqlite, `SELECT id, ${column} AS k FROM "${table}"`).all() as { id: string; k: string }[];
    const byKey = new Map(live.map((r) => [String(r.k).toLocaleLowerCase(), r.id]));
    const liveIds = new Set(live.map((r) => r.id));
    for (const row of named.get(table)!) {
      const same = liveIds.has(row.id) ? row.id : byKey.get(row.key.toLocaleLowerCase());
      if (same) map.set(row.id, same);
    }
    ids.set(table, map);
  }
  const counts: Record<string, MergeCount> = {};
  const withRows = tables.filter((t) => data.counts[t]);
  for (const table of withRows) counts[table] = { total: data.counts[table]!, added: data.counts[table]!, present: 0 };
  const exists = new Map(withRows.filter((t) => !ids.has(t) && hasIdColumn(sqlite, t)).map((t) => [t, prepared(sqlite, `SELECT 1 FROM "${t}" WHERE id = ?`)]));
  for await (const { table, row } of jsonRows(data, withRows.filter((t) => ids.has(t) || exists.has(t)))) {
    await pause();
    const mapped = ids.get(table);
    if (mapped ? mapped.has(String(row.id)) : exists.get(table)!.get(String(row.id))) {
      counts[table]!.present += 1;
      counts[table]!.added -= 1;
    }
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
  const plan = await planJsonMerge(sqlite, data, tables, pause);
  await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
  const region = phoneRegion(sqlite);
  const result: Record<string, MergeCount> = {};
  const firstTables = ['circles', 'tags', 'relationship_roles', 'contacts'];
  const withRows = tables.filter((t) => data.counts[t]);
  // the four that others refer to first, each in a pass over the file of its own; then the rest in one pass, in the file's order
  const passes = [...firstTables.filter((t) => withRows.includes(t)).map((t) => [t]), withRows.filter((t) => !firstTables.includes(t))];
  type TableWrite = { columns: Set<string>; refs: { col: string; target: string }[]; own: Map<string, string> | undefined; exists: Database.Statement | null; count: MergeCount };
  const setups = new Map<string, TableWrite>();
  const setup = (table: string): TableWrite => {
    const columns = new Set((prepared(sqlite, `SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
    // each reference to a table that maps (a contact already here by another id) is turned to the row here
    const refs = (prepared(sqlite, `SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)`).all(table) as { col: string; target: string }[]).filter((r) => plan.ids.has(r.target));
    const withId = hasIdColumn(sqlite, table);
    const count: MergeCount = { total: data.counts[table]!, added: 0, present: 0 };
    result[table] = count;
    return { columns, refs, own: plan.ids.get(table), exists: withId ? prepared(sqlite, `SELECT 1 FROM "${table}" WHERE id = ?`) : null, count };
  };
  for (const pass of passes) {
    if (!pass.length) continue;
    for await (const { table, row: raw } of jsonRows(data, pass)) {
      await pause();
      let t = setups.get(table);
      if (!t) setups.set(table, (t = setup(table)));
      const { columns, refs, own, exists, count } = t;
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
