// A contact as sync compares it: the fields Kith models, in one normal form whether they were read
// from Kith's tables or from a server's vCard, so "did this side change?" and the three-way merge
// compare like with like. Cards are read with the import parser (its public entry point) and
// written with the export writer; what Kith does not model rides along from the base card unchanged.
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import type { Contact, ContactMethod, ImportantDate, Importance, MonthDay } from '../../shared/domain/contact';
import { addressFromText, isEmptyAddress, type PostalAddress } from '../../shared/domain/address';
import { cardRelationKey, cardRoleOf, relatedLine, type CardRelation } from '../transfer/vcard-related';
import { parseVCardFile } from '../transfer/vcard-parse';
import { contactToVCard } from '../transfer/vcard-write';

/** a method or date as sync compares them: without Kith's row ids, which differ between installs */
export type SyncMethod = Omit<ContactMethod, 'id'>;
export type SyncDate = Omit<ImportantDate, 'id'>;

export interface CardFields {
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  company: string | null;
  title: string | null;
  birthday: MonthDay | null;
  notes: string;
  methods: SyncMethod[];
  tags: string[];
  dates: SyncDate[];
  /** data: URL, or null */
  photo: string | null;
  /** circle by name (ids differ between installs) */
  circle: string | null;
  importance: Importance;
  cadenceDays: number | null;
  howMet: string | null;
  /** relationships to other contacts by UID (RELATED; X-KITH-INTRODUCED[-BY] for Kith's own kinds); none when left out */
  related?: SyncRelation[];
  /** the contact's own "Introduced by" field, by the introducer's UID (X-KITH-INTRODUCER); absent when empty */
  introducedBy?: string;
}

/** a relationship as a card carries it: what the peer is to this contact, and the peer's UID (its Kith id) */
export type SyncRelation = CardRelation;

/** a card read from a server: its fields, its UID, and the properties Kith keeps without modelling */
export interface ParsedCard {
  fields: CardFields;
  uid: string | null;
  /** jCal of every property Kith does not model, in the card's order */
  unknown: unknown[];
  /** what the parser left out of this card (an invalid email), for the sync report */
  warnings: string[];
}

/** properties whose meaning Kith keeps in its own fields (everything else is carried unchanged) */
const MODELLED = new Set([
  'version', 'prodid', 'rev', 'uid', 'fn', 'n', 'nickname', 'org', 'title', 'email', 'tel', 'adr', 'url', 'x-socialprofile',
  'impp', 'bday', 'anniversary', 'x-anniversary', 'x-abdate', 'note', 'categories', 'photo',
  'x-kith-circle', 'x-kith-importance', 'x-kith-cadence', 'x-kith-how-met', 'x-kith-introducer',
]);

const relationKey = cardRelationKey;

/**
 * The "Introduced by" field is a contact's own link, apart from an "introduced" relationship (both
 * show as one link in the app): it rides as X-KITH-INTRODUCER:urn:uuid:<introducer's UID>.
 */
const INTRODUCER = 'x-kith-introducer';
const introducerOf = (component: ICAL.Component | null): string | undefined => {
  const value = String(component?.getFirstPropertyValue(INTRODUCER) ?? '').trim();
  return /^urn:uuid:(.+)$/i.exec(value)?.[1] ?? undefined;
};

/**
 * The relationships a card names by UID, with the jCal of each such property. A RELATED with a
 * name instead of a UID, or a kind Kith has no word for, is not one of them: it rides unchanged.
 */
function relationsOf(component: ICAL.Component): { relation: SyncRelation; jcal: unknown }[] {
  const found: { relation: SyncRelation; jcal: unknown }[] = [];
  for (const p of component.getAllProperties()) {
    if (p.name !== 'related' && p.name !== 'x-kith-introduced-by' && p.name !== 'x-kith-introduced') continue;
    const value = String(p.getFirstValue() ?? '').trim();
    const uid = /^urn:uuid:(.+)$/i.exec(value)?.[1] ?? null;
    if (!uid) continue;
    const first = (name: string) => {
      const v = p.getParameter(name);
      return v == null ? null : String(Array.isArray(v) ? v[0] : v);
    };
    const role = cardRoleOf(p.name, first('type'), first('x-kith-role'), first('x-kith-inverse'));
    // a 3.0 card's RELATED reads as of unknown type; written back as the URI it is (no VALUE=UNKNOWN)
    const jcal = p.toJSON() as unknown[];
    if (jcal[2] === 'unknown') jcal[2] = 'uri';
    if (role) found.push({ relation: { role, uid }, jcal });
  }
  return found;
}

const parseComponent = (text: string): ICAL.Component | null => {
  try {
    return new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
  } catch {
    return null;
  }
};

/**
 * The relationship properties of `card` whose peer is not a contact in Kith (`inKith`) and that
 * `fields` do not write already: kept in the card Kith writes, as they were, since Kith cannot hold them.
 */
export function unknownPeerRelations(card: string, fields: CardFields, inKith: (uid: string) => boolean): unknown[] {
  const component = parseComponent(card);
  const written = new Set((fields.related ?? []).map(relationKey));
  if (!component) return [];
  const kept = relationsOf(component).filter((r) => !inKith(r.relation.uid) && !written.has(relationKey(r.relation))).map((r) => r.jcal);
  const introducer = introducerOf(component);
  if (introducer && !fields.introducedBy && !inKith(introducer)) kept.push(component.getFirstProperty(INTRODUCER)!.toJSON());
  return kept;
}

/** fields in one normal form: methods with one primary per kind, tags and dates sorted, text trimmed of CRs */
export function normalizeFields(f: CardFields): CardFields {
  const primaryOf = new Map<string, number>();
  f.methods.forEach((m, i) => m.isPrimary && !primaryOf.has(m.kind) && primaryOf.set(m.kind, i));
  f.methods.forEach((m, i) => !primaryOf.has(m.kind) && primaryOf.set(m.kind, i));
  const tags = [...new Map(f.tags.map((t) => [t.toLowerCase(), t.trim()])).values()].filter(Boolean).sort((a, b) => a.localeCompare(b, 'en'));
  const dates = [...f.dates].map((d) => ({ label: d.label, month: d.month, day: d.day, year: d.year })).sort((a, b) => a.month - b.month || a.day - b.day || a.label.localeCompare(b.label, 'en'));
  const text = (s: string | null) => (s == null ? null : s.replace(/\r\n?/g, '\n').trim() || null);
  const related = [...new Map((f.related ?? []).map((r) => [relationKey(r), { role: r.role, uid: r.uid }])).values()].sort((a, b) => relationKey(a).localeCompare(relationKey(b), 'en'));
  return {
    displayName: (text(f.displayName) ?? '').replace(/\s+/g, ' '),
    givenName: text(f.givenName),
    familyName: text(f.familyName),
    nickname: text(f.nickname),
    company: text(f.company),
    title: text(f.title),
    birthday: f.birthday ? { month: f.birthday.month, day: f.birthday.day, year: f.birthday.year ?? null } : null,
    notes: (f.notes ?? '').replace(/\r\n?/g, '\n').trim(),
    methods: f.methods.map((m, i) => ({ kind: m.kind, label: text(m.label), value: m.value.trim(), isPrimary: primaryOf.get(m.kind) === i, ...addressFieldOf(m) })),
    tags,
    dates,
    photo: f.photo ?? null,
    circle: text(f.circle),
    importance: f.importance,
    cadenceDays: f.cadenceDays ?? null,
    howMet: text(f.howMet),
    related,
    // only when set, so the hash of a contact without one is what it was before this field travelled
    ...(f.introducedBy ? { introducedBy: f.introducedBy } : {}),
  };
}

/**
 * An address's parts as sync compares them; none for a text kept whole (as Kith held every address
 * before 0024), so a contact synced then hashes as it did and is not sent again for that alone.
 */
function addressFieldOf(m: SyncMethod): { address?: PostalAddress } {
  if (m.kind !== 'address' || !m.address) return {};
  const a = m.address;
  const free = addressFromText(m.value);
  if (a.street.trim() === free.street && isEmptyAddress({ ...a, street: '' })) return {};
  return { address: { street: a.street.replace(/\r\n?/g, '\n').trim(), city: a.city.trim(), region: a.region.trim(), postcode: a.postcode.trim(), countryCode: a.countryCode ?? null, country: a.country.trim() } };
}

/**
 * A card's fields as a contact's own fields, the one mapping both directions use: written into
 * Kith (local-contacts.ts, through the form's schema) and written as a card (writeCard, through
 * the export writer). The circle goes by name beside it (ids differ between installs); methods,
 * dates and the photo are the caller's, as each side stores them differently.
 */
export function contactFieldsOf(fields: CardFields) {
  return {
    displayName: fields.displayName,
    givenName: fields.givenName,
    familyName: fields.familyName,
    nickname: fields.nickname,
    company: fields.company,
    title: fields.title,
    circleId: null,
    importance: fields.importance,
    birthday: fields.birthday,
    howMet: fields.howMet,
    notes: fields.notes,
    cadenceDays: fields.cadenceDays,
    tags: fields.tags,
  };
}

/** reads one card; null (with the reason) when it has nothing Kith can keep as a contact */
export function parseCard(text: string): ParsedCard | { error: string } {
  const parsed = parseVCardFile(Buffer.from(text, 'utf8'));
  const record = parsed.records[0];
  if (!record) return { error: parsed.failed[0]?.reason ?? 'the card could not be read' };
  const f = record.fields;
  const component = parseComponent(text);
  const fields = normalizeFields({
    displayName: f.displayName,
    givenName: f.givenName ?? null,
    familyName: f.familyName ?? null,
    nickname: f.nickname ?? null,
    company: f.company ?? null,
    title: f.title ?? null,
    birthday: f.birthday ? { month: f.birthday.month, day: f.birthday.day, year: f.birthday.year ?? null } : null,
    notes: f.notes ?? '',
    methods: (f.methods ?? []).map((m) => ({ kind: m.kind, label: m.label ?? null, value: m.value, isPrimary: m.isPrimary ?? false, ...(m.address ? { address: m.address as PostalAddress } : {}) })),
    tags: f.tags ?? [],
    dates: record.dates,
    photo: record.photo ? `data:${record.photo.mime};base64,${record.photo.data.toString('base64')}` : null,
    circle: f.circleName ?? null,
    importance: f.importance ?? 'regular',
    cadenceDays: f.cadenceDays ?? null,
    howMet: f.howMet ?? null,
    related: component ? relationsOf(component).map((r) => r.relation) : [],
    introducedBy: introducerOf(component),
  });
  return { fields, uid: record.uid, unknown: unknownProperties(text), warnings: parsed.warnings.map((w) => w.reason) };
}

/** the jCal of each property Kith does not model (and the Apple labels of their groups) */
export function unknownProperties(text: string): unknown[] {
  let component: ICAL.Component;
  try {
    component = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
  } catch {
    return [];
  }
  const props = component.getAllProperties();
  const groupOf = (p: ICAL.Property) => {
    const g = p.getParameter('group');
    return typeof g === 'string' ? g.toLowerCase() : null;
  };
  // a relationship by UID is a field (relationsOf); a RELATED by name or of another kind rides along
  const modelledRelations = new Set(relationsOf(component).map((r) => JSON.stringify(r.jcal)));
  const unmodelled = (p: ICAL.Property) => !MODELLED.has(p.name) && !modelledRelations.has(JSON.stringify(p.toJSON()));
  const keptGroups = new Set(props.filter((p) => unmodelled(p) && p.name !== 'x-ablabel' && groupOf(p)).map(groupOf));
  return props
    .filter((p) => (p.name === 'x-ablabel' ? keptGroups.has(groupOf(p)) : unmodelled(p)))
    .map((p) => p.toJSON());
}

/** a stable hash of what a side holds: the fields and, for a card, the properties carried along */
export function contentHash(fields: CardFields, unknown: unknown[] = []): string {
  return createHash('sha256').update(JSON.stringify([normalizeFields(fields), unknown])).digest('base64url').slice(0, 32);
}

/** the UID property of a card as it was written (servers refuse a card whose UID changes: radicale answers 409) */
export function uidProperty(text: string): unknown | null {
  try {
    const component = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
    return component.getFirstProperty('uid')?.toJSON() ?? null;
  } catch {
    return null;
  }
}

/**
 * A 4.0 card's photo as inline base64 (PHOTO;ENCODING=b;TYPE=PNG:…, the 3.0 form, which 4.0
 * readers take too) instead of the data: URI the export writer uses: radicale stores cards through
 * vobject, which escapes the URI's ';' and drops what follows its ',' — the photo would be lost on
 * the server and then in every Kith that syncs it.
 */
function inlinePhoto(lines: string[]): string[] {
  const at = lines.findIndex((l) => /^PHOTO:data:/i.test(l));
  if (at < 0) return lines;
  let end = at + 1;
  while (end < lines.length && lines[end]!.startsWith(' ')) end++;
  const value = lines.slice(at, end).map((l, i) => (i ? l.slice(1) : l)).join('');
  const m = /^PHOTO:data:image\/([a-z]+);base64,(.*)$/is.exec(value);
  if (!m) return lines;
  return [...lines.slice(0, at), `PHOTO;ENCODING=b;TYPE=${m[1]!.toUpperCase()}:${m[2]}`, ...lines.slice(end)];
}

/**
 * The card Kith writes for `fields`: the export writer's card, in the server's version, plus the
 * base card's unmodelled properties; `uid` (the base card's UID property) is kept exactly.
 */
export function writeCard(id: string, fields: CardFields, unknown: unknown[], version: '3.0' | '4.0', now: number, uid: unknown = null): string {
  const contact: Contact = {
    id,
    ...contactFieldsOf(fields),
    introducedById: null,
    introducedBy: null,
    effectiveCadenceDays: 0,
    methods: fields.methods.map((m, i) => ({ id: String(i), ...m })),
    dates: fields.dates.map((d, i) => ({ id: String(i), ...d })),
    photo: fields.photo,
    lastInteractionAt: null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  // the export writer's text as it is (re-serialising it through ical.js would escape its escapes
  // again); the carried properties and the base card's UID are added as lines of their own
  const text = contactToVCard(contact, { circleName: fields.circle }, version);
  const lines = inlinePhoto(text.replace(/\r\n$/, '').split('\r\n'));
  const used = new Set(lines.map((l) => /^(item\d+)\./i.exec(l)?.[1]?.toLowerCase()).filter((g): g is string => !!g));
  const holder = new ICAL.Component('vcard');
  const extra: string[] = [];
  if (uid) {
    const uidLine = new ICAL.Property(structuredClone(uid) as unknown as [string, Record<string, string>, string, string], holder).toICALString();
    const at = lines.findIndex((l) => /^UID[;:]/i.test(l));
    if (at >= 0) lines[at] = uidLine;
  }
  // groups of carried properties must not collide with the writer's item1, item2…
  const renamed = new Map<string, string>();
  let next = used.size + 1;
  for (const jcal of unknown) {
    const prop = new ICAL.Property(structuredClone(jcal) as unknown as [string, Record<string, string>, string, string], holder);
    const group = prop.getParameter('group');
    if (typeof group === 'string' && used.has(group.toLowerCase())) {
      if (!renamed.has(group)) {
        while (used.has(`item${next}`)) next++;
        renamed.set(group, `item${next}`);
        used.add(`item${next}`);
      }
      prop.setParameter('group', renamed.get(group)!);
    }
    extra.push(prop.toICALString());
  }
  // relationships by UID (in 3.0 too: RELATED is unknown there, and kept by servers and other Kith)
  for (const r of fields.related ?? []) {
    extra.push(relatedLine(r));
  }
  if (fields.introducedBy) extra.push(`X-KITH-INTRODUCER:urn:uuid:${fields.introducedBy}`);
  const end = lines.lastIndexOf('END:VCARD');
  lines.splice(end, 0, ...extra);
  return lines.join('\r\n') + '\r\n';
}

