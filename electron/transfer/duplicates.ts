// Who in Kith an imported record is the same person as: the same id (a Kith export coming back), an
// email, a phone number (E.164 in the user's region), or the same name as the duplicates view
// compares it (shared/domain/duplicates.ts). Every contact that matches is found, not just the
// first: a record matching two existing contacts is shown with both and never merged into one of
// them at random. Earlier records of the same file are in the index too (in the preview as records,
// at commit as the contacts they became), so duplicates inside one file are found as well.
import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js';
import { prepared } from '../../db/prepared';
import { methodValueKey, normalizeMethodValue } from '../../shared/domain/normalize';
import { personNameKey } from '../../shared/domain/duplicates';
import type { DuplicateCandidate } from '../../shared/api/methods/transfer';
import type { ImportRecord } from './record';
import type { ComparedValues } from './compared-values';
import { nameKeyOf } from '../services/duplicates';
import { nextTurn } from '../services/turns';

export interface IndexedPerson {
  /** a contact's id, or `record:N` for a record of this file seen in the preview */
  id: string;
  displayName: string;
  emails: string[];
  phones: string[];
  /** set for a record of the file being imported (preview only) */
  record: number | null;
}

export interface DuplicateIndex {
  region: CountryCode;
  /** each record's method values in the compared form, by kind and value: a record is looked up
   *  and then indexed, and reading a phone number (libphonenumber) is the costly part of both */
  normalized: Map<string, string>;
  /** each record's name key (personNameKey), by name: looked up, then indexed */
  nameKeys: Map<string, string>;
  byId: Map<string, IndexedPerson>;
  byEmail: Map<string, IndexedPerson[]>;
  byPhone: Map<string, IndexedPerson[]>;
  byName: Map<string, IndexedPerson[]>;
}

export interface DuplicateMatch {
  person: IndexedPerson;
  matchedBy: DuplicateCandidate['matchedBy'];
}

/** a number shorter than this (an extension) is not compared */
const MIN_PHONE_DIGITS = 5;

const push = (map: Map<string, IndexedPerson[]>, key: string, person: IndexedPerson) => {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [person]);
  else if (!list.includes(person)) list.push(person);
};

export function buildDuplicateIndex(sqlite: Database.Database, region: CountryCode): DuplicateIndex {
  const steps = indexSteps(sqlite, region);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** the same index, built with `pause()` between every few thousand rows: a preview on the app's
 *  connection must let other calls in (the rows are read first; building the maps is the long part) */
export async function buildDuplicateIndexInSlices(sqlite: Database.Database, region: CountryCode, pause: () => Promise<void>): Promise<DuplicateIndex> {
  // on a turn of its own: begun in the turn that decoded the upload (~10 ms of a 10,000-card
  // file), its first 20 ms slice made that one turn 30–50 ms long
  await nextTurn();
  const steps = indexSteps(sqlite, region);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** contacts per step: their rows are read and indexed in ~2.5 ms on large (1000 a step took ~10 ms, a whole slice) */
const CONTACTS_PER_STEP = 250;

function* indexSteps(sqlite: Database.Database, region: CountryCode): Generator<void, DuplicateIndex> {
  // read a page of contacts by id, then their methods by the same id range: no step reads or
  // sorts the whole table. The methods by their contact's index, named: left to itself, SQLite
  // took contact_methods_by_value for `kind IN` and walked every email and phone in the file for
  // each page (50,000 contacts: 1.2 s to build, 0.5 s now)
  const page = prepared(sqlite, `SELECT id, display_name FROM contacts WHERE archived_at IS NULL AND id > ? ORDER BY id LIMIT ${CONTACTS_PER_STEP}`);
  const methodsOf = prepared(
    sqlite,
    `SELECT contact_id, kind, value, value_normalized FROM contact_methods INDEXED BY contact_methods_contact WHERE contact_id > ? AND contact_id <= ? AND kind IN ('email', 'phone') ORDER BY contact_id, sort_order`,
  );
  const index: DuplicateIndex = { region, normalized: new Map(), nameKeys: new Map(), byId: new Map(), byEmail: new Map(), byPhone: new Map(), byName: new Map() };
  const count = prepared(sqlite, `SELECT count(*) FROM contacts WHERE archived_at IS NULL`).pluck().get() as number;
  let after = '';
  for (;;) {
    const contacts = page.all(after) as { id: string; display_name: string }[];
    if (contacts.length === 0) return index;
    for (const c of contacts) {
      const person: IndexedPerson = { id: c.id, displayName: c.display_name, emails: [], phones: [], record: null };
      index.byId.set(c.id, person);
      push(index.byName, nameKeyOf(sqlite, c.display_name, count), person);
    }
    const last = contacts.at(-1)!.id;
    for (const m of methodsOf.all(after, last) as { contact_id: string; kind: 'email' | 'phone'; value: string; value_normalized: string }[]) {
      const person = index.byId.get(m.contact_id);
      if (!person || !m.value_normalized) continue;
      if (m.kind === 'email') {
        person.emails.push(m.value);
        push(index.byEmail, m.value_normalized, person);
      } else {
        person.phones.push(m.value);
        if (phoneComparable(m.value_normalized)) push(index.byPhone, m.value_normalized, person);
      }
    }
    after = last;
    yield;
  }
}

/** a record's method value in the compared form, read once per index */
function normalizedOf(index: DuplicateIndex, kind: 'email' | 'phone', value: string): string {
  const key = methodValueKey(kind, value);
  let normalized = index.normalized.get(key);
  if (normalized === undefined) index.normalized.set(key, (normalized = normalizeMethodValue(kind, value, index.region)));
  return normalized;
}

/** a record's name in the compared form, read once per index */
function recordNameKey(index: DuplicateIndex, name: string): string {
  let key = index.nameKeys.get(name);
  if (key === undefined) index.nameKeys.set(name, (key = personNameKey(name)));
  return key;
}

/** what the file's reader already worked out (in its thread): the records are then looked up without libphonenumber */
export function knowCompared(index: DuplicateIndex, compared: ComparedValues | null): void {
  if (!compared || compared.region !== index.region) return;
  for (const [key, value] of compared.methods) index.normalized.set(key, value);
  for (const [name, key] of compared.names) index.nameKeys.set(name, key);
}

function phoneComparable(normalized: string): boolean {
  // counted, not matched: a regex's array per number was a tenth of indexing the contacts
  let digits = 0;
  for (let i = 0; i < normalized.length && digits < MIN_PHONE_DIGITS; i++) {
    const c = normalized.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= MIN_PHONE_DIGITS;
}

/** makes a record findable by the records after it, as `person` (a contact made or merged into, or the record itself in a preview) */
export function indexRecord(index: DuplicateIndex, record: ImportRecord, person: IndexedPerson): void {
  if (!index.byId.has(person.id)) index.byId.set(person.id, person);
  for (const m of record.fields.methods ?? []) {
    if (m.kind !== 'email' && m.kind !== 'phone') continue;
    const normalized = normalizedOf(index, m.kind, m.value);
    if (m.kind === 'email') {
      if (!person.emails.includes(m.value)) person.emails.push(m.value);
      push(index.byEmail, normalized, person);
    } else {
      if (!person.phones.includes(m.value)) person.phones.push(m.value);
      if (phoneComparable(normalized)) push(index.byPhone, normalized, person);
    }
  }
  push(index.byName, recordNameKey(index, record.fields.displayName), person);
}

/** everyone the record may be, each once, by the strongest reason: id, then email, phone, name */
export function findDuplicates(index: DuplicateIndex, record: ImportRecord): DuplicateMatch[] {
  if (record.uid && index.byId.get(record.uid)?.record === null) return [{ person: index.byId.get(record.uid)!, matchedBy: 'id' }];
  const found: DuplicateMatch[] = [];
  const add = (people: IndexedPerson[] | undefined, matchedBy: DuplicateMatch['matchedBy']) => {
    for (const person of people ?? []) if (!found.some((f) => f.person === person)) found.push({ person, matchedBy });
  };
  const methods = record.fields.methods ?? [];
  for (const m of methods) if (m.kind === 'email') add(index.byEmail.get(normalizedOf(index, 'email', m.value)), 'email');
  for (const m of methods) {
    if (m.kind !== 'phone') continue;
    const normalized = normalizedOf(index, 'phone', m.value);
    if (phoneComparable(normalized)) add(index.byPhone.get(normalized), 'phone');
  }
  add(index.byName.get(recordNameKey(index, record.fields.displayName)), 'name');
  return found;
}

const publicPerson = (m: DuplicateMatch) => ({ id: m.person.id, displayName: m.person.displayName, emails: [...m.person.emails], phones: [...m.person.phones], matchedBy: m.matchedBy });

/** what the preview says of a record that matched someone; null when it matched nobody */
export function describeCandidate(record: ImportRecord, matches: DuplicateMatch[]): DuplicateCandidate | null {
  const existing = matches.filter((m) => m.person.record === null);
  const inFile = matches.find((m) => m.person.record !== null);
  if (!existing.length && !inFile) return null;
  const methods = record.fields.methods ?? [];
  return {
    record: record.number,
    incoming: {
      displayName: record.fields.displayName,
      emails: methods.filter((m) => m.kind === 'email').map((m) => m.value),
      phones: methods.filter((m) => m.kind === 'phone').map((m) => m.value),
    },
    existing: existing[0] ? publicPerson(existing[0]) : null,
    matchedBy: (existing[0] ?? inFile)!.matchedBy,
    candidates: existing.map(publicPerson),
    inFile: inFile ? { record: inFile.person.record!, displayName: inFile.person.displayName, matchedBy: inFile.matchedBy } : null,
  };
}
