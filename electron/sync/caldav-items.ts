// What the CalDAV engine (caldav-sync.ts) needs of each kind of item it syncs — reminders as
// VTODO (todo-ical.ts), interactions as VJOURNAL (journal-ical.ts) — and the iCalendar handling they
// share: a lenient parse (a line ical.js refuses is dropped and reported, the rest is kept), the
// properties Kith does not model carried from the agreed copy, and a hash that ignores what
// servers and clients re-stamp (DTSTAMP, LAST-MODIFIED, SEQUENCE, PRODID, folding).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import ICAL from 'ical.js';

export type ItemFields = Record<string, unknown>;

export interface CalendarItemKind<F extends ItemFields> {
  kind: 'tasks' | 'journal';
  component: 'vtodo' | 'vjournal';
  /** the fields merged one by one; `sets` are merged as sets (an addition or removal on either side is kept) */
  scalars: readonly (keyof F & string)[];
  sets: readonly (keyof F & string)[];
  /** a label per field for the conflicts screen, and a short name for an item */
  labels: Record<keyof F & string, string>;
  describe(field: keyof F & string, value: unknown): string;
  title(fields: F): string;
  /** the synced items in Kith (all, or these ids; missing ids are deleted ones) */
  readLocal(sqlite: Database.Database, ids?: string[]): Map<string, F>;
  /** writes `fields` onto item `id` (made when `create`) inside the caller's transaction */
  writeLocal(sqlite: Database.Database, id: string, fields: F, now: number, create: boolean, previous: F | null): { ok: true } | { error: string };
  /** the server deleted it (and Kith did not change it since) */
  deleteLocal(sqlite: Database.Database, id: string, now: number): void;
  /** the item's properties onto a fresh component (known properties only) */
  toComponent(comp: ICAL.Component, fields: F, sqlite: Database.Database, now: number): void;
  /** the item read from a component; `used` says which properties and alarms it took (the rest are carried) */
  fromComponent(comp: ICAL.Component, sqlite: Database.Database): { fields: F; used: Set<ICAL.Property | ICAL.Component>; warnings: string[] } | { error: string };
}

export interface ParsedItem<F extends ItemFields> {
  uid: string | null;
  fields: F;
  /** properties of the component Kith does not model, as iCalendar lines, to be written back unchanged */
  carried: string[];
  /** what the lenient parse dropped, with its line */
  warnings: string[];
}

/** properties every writer re-stamps: never part of the comparison, never carried */
const RESTAMPED = new Set(['dtstamp', 'last-modified', 'sequence', 'uid', 'created']);

/** reads a component's properties by name, remembering which were taken (the rest are carried) */
export function propertyReader(comp: ICAL.Component) {
  const used = new Set<ICAL.Property | ICAL.Component>();
  const take = (name: string) => {
    const prop = comp.getFirstProperty(name);
    if (prop) used.add(prop);
    return prop;
  };
  const text = (name: string) => {
    const v = take(name)?.getFirstValue();
    return typeof v === 'string' ? v : v == null ? '' : String(v);
  };
  return { used, take, text };
}

/** parses an iCalendar object, dropping lines ical.js refuses (reported) instead of refusing the item */
export function parseCalendarLenient(text: string): { root: ICAL.Component; warnings: string[] } | { error: string } {
  const warnings: string[] = [];
  const tryParse = (t: string) => {
    try {
      const parsed = ICAL.parse(t) as unknown;
      const jcal = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed : (parsed as unknown[])[0]) as unknown[];
      return new ICAL.Component(jcal as never);
    } catch {
      return null;
    }
  };
  const whole = tryParse(text);
  if (whole) return { root: whole, warnings };
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (/^(BEGIN|END):/i.test(line)) return void kept.push(line);
    try {
      ICAL.parse.property(line);
      kept.push(line);
    } catch {
      warnings.push(`line ${i + 1} left out (${line.slice(0, 80)})`);
    }
  });
  const repaired = tryParse(kept.join('\r\n') + '\r\n');
  if (!repaired) return { error: 'not an iCalendar object Kith can read' };
  return { root: repaired, warnings };
}

export function parseItem<F extends ItemFields>(kind: CalendarItemKind<F>, text: string, sqlite: Database.Database): ParsedItem<F> | { error: string } {
  const parsed = parseCalendarLenient(text);
  if ('error' in parsed) return parsed;
  const comp = parsed.root.name === kind.component ? parsed.root : parsed.root.getFirstSubcomponent(kind.component);
  if (!comp) return { error: `no ${kind.component.toUpperCase()} in this item` };
  // ical.js reads values lazily: a value it cannot read (DUE:not-a-date) is left out here, and reported
  const dropped: string[] = [];
  for (const c of [comp, ...comp.getAllSubcomponents()]) {
    for (const prop of c.getAllProperties()) {
      try {
        prop.getValues();
      } catch {
        dropped.push(`${prop.name.toUpperCase()} left out (its value cannot be read)`);
        c.removeProperty(prop);
      }
    }
  }
  let read: ReturnType<CalendarItemKind<F>['fromComponent']>;
  try {
    read = kind.fromComponent(comp, sqlite);
  } catch (err) {
    return { error: `cannot be read: ${(err as Error).message}` };
  }
  if ('error' in read) return read;
  const carried: string[] = [];
  for (const prop of comp.getAllProperties()) if (!read.used.has(prop) && !RESTAMPED.has(prop.name)) carried.push(prop.toICALString());
  for (const sub of comp.getAllSubcomponents()) if (!read.used.has(sub)) carried.push(...sub.toString().split(/\r?\n/).filter(Boolean));
  const uid = comp.getFirstPropertyValue('uid');
  return { uid: typeof uid === 'string' && uid ? uid : null, fields: read.fields, carried, warnings: [...parsed.warnings, ...dropped, ...read.warnings] };
}

/** a whole iCalendar object for the item: Kith's properties, then what was carried */
export function writeItem<F extends ItemFields>(kind: CalendarItemKind<F>, uid: string, fields: F, carried: string[], now: number, sqlite: Database.Database): string {
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('prodid', '-//Kith//Kith sync//EN');
  const comp = new ICAL.Component(kind.component);
  comp.addPropertyWithValue('uid', uid);
  comp.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(now), true));
  kind.toComponent(comp, fields, sqlite, now);
  root.addSubcomponent(comp);
  let text = root.toString();
  if (carried.length) {
    const end = `END:${kind.component.toUpperCase()}`;
    text = text.replace(end, `${carried.join('\r\n')}\r\n${end}`);
  }
  return text.endsWith('\r\n') ? text : text + '\r\n';
}

/** the fields (and, for the server's side, the carried properties) in one stable hash */
export function itemHash(fields: ItemFields, carried: string[] = []): string {
  const keys = Object.keys(fields).sort();
  return createHash('sha256').update(JSON.stringify(keys.map((k) => [k, fields[k]]))).update('\n').update(carried.join('\n')).digest('hex').slice(0, 32);
}

export interface ItemConflict {
  field: string;
  base: unknown;
  local: unknown;
  remote: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** the same field-level three-way merge as contacts (merge.ts): a side that kept the base takes the other's; sets merge per element */
export function mergeItem<F extends ItemFields>(kind: CalendarItemKind<F>, base: F | null, local: F, remote: F): { merged: F; conflicts: ItemConflict[] } {
  const merged = structuredClone(local);
  const conflicts: ItemConflict[] = [];
  for (const key of kind.scalars) {
    const b = base?.[key];
    const l = local[key];
    const r = remote[key];
    if (same(l, r)) continue;
    if (b !== undefined && same(b, l)) merged[key] = r;
    else if (b !== undefined && same(b, r)) merged[key] = l;
    else conflicts.push({ field: key, base: b ?? null, local: l, remote: r });
  }
  for (const key of kind.sets) {
    const b = new Set((base?.[key] as string[] | undefined) ?? []);
    const l = new Set(local[key] as string[]);
    const r = new Set(remote[key] as string[]);
    const all = [...new Set([...l, ...r])];
    (merged as ItemFields)[key] = all.filter((x) => (b.has(x) ? l.has(x) && r.has(x) : true)).sort();
  }
  return { merged, conflicts };
}

export function resolveItem<F extends ItemFields>(merged: F, conflicts: ItemConflict[], choices: Record<string, 'local' | 'remote' | undefined>): F {
  const result = structuredClone(merged);
  for (const c of conflicts) (result as ItemFields)[c.field] = choices[c.field] === 'remote' ? c.remote : c.local;
  return result;
}
