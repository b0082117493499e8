// vCard import (2.1, 3.0, 4.0): vcard-lines.ts makes each card clean text, ical.js parses it, and this
// file maps its properties onto a Kith contact. A card that cannot be read is reported and skipped.
import ICAL from 'ical.js';
import { isValidMonthDay } from '../../shared/domain/calendar';
import { addressFromAdr, addressText } from '../../shared/domain/address';
import type { ContactInput } from '../../shared/api/methods/contacts';
import { BACKSLASH, eachCard, type CardText } from './vcard-lines';
import { emptyRemembered, readRemembered } from './vcard-remember';
import { composeDisplayName, decodePhoto, imageMimeFromType, leftOutValue, relationRole, type ImportedDate, type ImportedRelation, type ImportProblem, type ImportRecord, type LeftOut, type ParsedFile } from './record';

type Method = NonNullable<ContactInput['methods']>[number];

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IGNORED_TYPES = new Set(['internet', 'pref', 'voice', 'x400', 'text', 'msg', 'postal', 'parcel', 'dom', 'intl']);
const TYPE_LABELS: Record<string, string> = { cell: 'mobile', iphone: 'iPhone' };
/** Android's relation types (ContactsContract.CommonDataKinds.Relation) */
const ANDROID_RELATIONS: Record<number, string> = { 1: 'Assistant', 2: 'Brother', 3: 'Child', 4: 'Domestic partner', 5: 'Father', 6: 'Friend', 7: 'Manager', 8: 'Mother', 9: 'Parent', 10: 'Partner', 11: 'Referred by', 12: 'Relative', 13: 'Sister', 14: 'Spouse' };

export function parseVCardFile(bytes: Buffer): ParsedFile {
  const records: ImportRecord[] = [];
  const failed: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const leftOut: LeftOut[] = [];
  // each card becomes a record as soon as it is read (its text and lines are garbage at once)
  eachCard(
    bytes,
    (card) => {
      for (const note of card.notes) warnings.push({ record: card.number, line: note.line, reason: note.reason });
      try {
        const result = cardToRecord(card, warnings, leftOut);
        if ('reason' in result) failed.push(result);
        else records.push(result);
      } catch (err) {
        failed.push({ record: card.number, line: card.line, reason: `card could not be read: ${(err as Error).message}` });
      }
    },
    (problem) => failed.push(problem),
  );
  // a card inside another ends first: put them back in the order of the file
  records.sort((a, b) => a.number - b.number);
  failed.sort((a, b) => a.record - b.record);
  warnings.sort((a, b) => a.record - b.record);
  leftOut.sort((a, b) => a.record - b.record);
  return { records, failed, warnings, leftOut };
}

/** ical.js's reading of a card; a property it cannot parse is left out with its line, not the card */
function parseCard(card: CardText, warnings: ImportProblem[]): { component: ICAL.Component; lineOf: number[] } {
  try {
    return { component: new ICAL.Component(ICAL.parse(card.text) as unknown as unknown[]), lineOf: card.lineOf };
  } catch {
    const lines = card.text.split('\r\n');
    const kept: string[] = [];
    const lineOf: number[] = [];
    lines.forEach((line, i) => {
      const inner = i > 0 && i < lines.length - 1;
      if (inner) {
        try {
          ICAL.parse(`BEGIN:VCARD\r\n${line}\r\nEND:VCARD`);
        } catch (err) {
          warnings.push({ record: card.number, line: card.lineOf[i] ?? card.line, reason: `line ${card.lineOf[i] ?? card.line} could not be read (${(err as Error).message}) and was left out` });
          return;
        }
      }
      kept.push(line);
      lineOf.push(card.lineOf[i] ?? card.line);
    });
    return { component: new ICAL.Component(ICAL.parse(kept.join('\r\n')) as unknown as unknown[]), lineOf };
  }
}

/** properties that say nothing about the person (how the card was made), so leaving them out loses nothing */
const BOOKKEEPING = new Set(['version', 'prodid', 'rev', 'x-ablabel', 'x-abuid', 'clientpidmap', 'source', 'name', 'profile', 'x-abshowas', 'sort-string', 'kind', 'x-apple-omit-year', 'agent', 'x-ms-ol-default-postal-address', 'x-ms-carddav-prodid', 'x-wab-gender', 'x-irmc-luid', 'x-nc-uid', 'x-evolution-file-as', 'x-evolution-list']);

function cardToRecord(card: CardText, warnings: ImportProblem[], leftOut: LeftOut[]): ImportRecord | ImportProblem {
  const { component, lineOf: lines } = parseCard(card, warnings);
  const props = component.getAllProperties();
  const lineOf = (p: ICAL.Property) => {
    const index = props.indexOf(p);
    return index >= 0 ? (lines[index + 1] ?? card.line) : card.line; // +1: BEGIN:VCARD comes first
  };
  const warn = (p: ICAL.Property, reason: string) => warnings.push({ record: card.number, line: lineOf(p), reason });
  const leave = (p: ICAL.Property, value = rawValue(p)) => {
    if (value.trim()) leftOut.push({ record: card.number, line: lineOf(p), field: p.name.toUpperCase(), value: leftOutValue(value) });
  };

  // Apple-style labels: item1.EMAIL + item1.X-ABLabel
  const groupLabels = new Map<string, string>();
  for (const p of props) {
    if (p.name === 'x-ablabel' && group(p)) groupLabels.set(group(p)!, cleanAppleLabel(text(p)));
  }
  const labelOf = (p: ICAL.Property): string | null => {
    const g = group(p);
    if (g && groupLabels.has(g)) return groupLabels.get(g)!;
    const types = typeValues(p).filter((t) => !IGNORED_TYPES.has(t));
    if (!types.length) return null;
    const t = TYPE_LABELS[types[0]!] ?? types[0]!;
    return t.charAt(0).toUpperCase() + t.slice(1);
  };
  /** how preferred a value is: PREF=1 (4.0) before PREF=2, TYPE=PREF (2.1, 3.0) counts as 1; Infinity for none */
  const preference = (p: ICAL.Property) => {
    const pref = Number(String(p.getParameter('pref') ?? ''));
    if (Number.isInteger(pref) && pref >= 1) return pref;
    return typeValues(p).includes('pref') ? 1 : Infinity;
  };
  const isPreferred = (p: ICAL.Property) => preference(p) !== Infinity;

  let fn: string | null = null;
  let given: string | null = null;
  let family: string | null = null;
  let middle: string | null = null;
  let nickname: string | null = null;
  let company: string | null = null;
  let title: string | null = null;
  let birthday: { month: number; day: number; year: number | null } | null = null;
  const notes: string[] = [];
  const tags: string[] = [];
  const methods: Method[] = [];
  const dates: ImportedDate[] = [];
  let photo: ImportRecord['photo'] = null;
  let companyPref = Infinity;
  let titlePref = Infinity;
  let companyProp: ICAL.Property | null = null;
  let titleProp: ICAL.Property | null = null;
  /** labelled lines for what could not be kept as itself (an invalid email), after the card's own notes */
  const keptInNotes: string[] = [];
  const related: ImportedRelation[] = [];
  let uid: string | null = null;
  let circleName: string | null = null;
  let importance: 'inner' | 'regular' | 'outer' | undefined;
  let cadenceDays: number | null = null;
  let cadenceLatestDays: number | null = null;
  let howMet: string | null = null;
  const remembered = emptyRemembered();

  for (const p of props) {
    switch (p.name) {
      case 'fn':
        fn = text(p).trim() || fn;
        break;
      case 'n': {
        const parts = structured(p);
        family = parts[0] || null;
        given = parts[1] || null;
        middle = parts[2] || null;
        break;
      }
      case 'nickname':
        nickname = nickname ?? (values(p).find((v) => v.trim()) ?? null);
        break;
      case 'org': {
        // the first ORG is the contact's, unless a later one is preferred
        const value = structured(p)[0]?.trim() || null;
        if (value && (companyProp === null || preference(p) < companyPref)) {
          if (companyProp) leave(companyProp);
          company = value;
          companyProp = p;
          companyPref = preference(p);
        } else if (value) leave(p);
        break;
      }
      case 'title': {
        const value = text(p).trim() || null;
        if (value && (titleProp === null || preference(p) < titlePref)) {
          if (titleProp) leave(titleProp);
          title = value;
          titleProp = p;
          titlePref = preference(p);
        } else if (value) leave(p);
        break;
      }
      case 'email': {
        const value = text(p).trim().replace(/^mailto:/i, '');
        if (!value) break;
        if (!EMAIL_PATTERN.test(value)) {
          keptInNotes.push(`Email (not a valid address): ${value}`);
          warn(p, `email "${value}" is not a valid address; it was kept in the notes`);
        } else methods.push({ kind: 'email', label: labelOf(p), value, isPrimary: isPreferred(p), preference: preference(p) } as Method);
        break;
      }
      case 'tel': {
        const value = text(p).trim().replace(/^tel:/i, '');
        if (!value) break;
        if (!/\d/.test(value)) {
          keptInNotes.push(`Phone (no digits): ${value}`);
          warn(p, `phone "${value}" has no digits; it was kept in the notes`);
        } else methods.push({ kind: 'phone', label: labelOf(p), value, isPrimary: isPreferred(p), preference: preference(p) } as Method);
        break;
      }
      case 'adr': {
        // every component kept: PO box and extended address in the street lines
        const cc = p.getParameter('cc');
        const address = addressFromAdr(structured(p), typeof cc === 'string' ? cc : null);
        const value = addressText(address);
        if (value) methods.push({ kind: 'address', label: labelOf(p), value, isPrimary: isPreferred(p), address });
        break;
      }
      case 'url': {
        const value = text(p).trim();
        if (value) methods.push({ kind: 'website', label: labelOf(p), value, isPrimary: isPreferred(p) });
        break;
      }
      case 'x-socialprofile':
      case 'impp': {
        const value = text(p).trim();
        if (value) methods.push({ kind: 'social', label: labelOf(p), value, isPrimary: isPreferred(p) });
        break;
      }
      case 'bday': {
        const date = parseVCardDate(rawValue(p), p.getParameter('x-apple-omit-year'));
        if (date) birthday = date;
        else warn(p, `birthday "${rawValue(p)}" is not a date and was left out`);
        break;
      }
      case 'anniversary':
      case 'x-anniversary':
      case 'x-abdate': {
        const date = parseVCardDate(rawValue(p), p.getParameter('x-apple-omit-year'));
        const label = p.name === 'x-abdate' ? (groupLabels.get(group(p) ?? '') ?? 'Date') : 'Anniversary';
        if (date) dates.push({ label, ...date });
        else warn(p, `date "${rawValue(p)}" is not a date and was left out`);
        break;
      }
      case 'note': {
        const value = text(p);
        if (value) notes.push(value);
        break;
      }
      case 'categories':
        for (const v of values(p)) if (v.trim()) tags.push(v.trim());
        break;
      case 'photo': {
        const result = readPhoto(p);
        if (!result) break;
        if ('error' in result) warn(p, `${result.error}; the contact was imported without it`);
        else photo = { ...result, line: lineOf(p) };
        break;
      }
      case 'uid': {
        const value = text(p).trim().replace(/^urn:uuid:/i, '');
        if (/^[A-Za-z0-9._:@-]{1,100}$/.test(value)) uid = value;
        break;
      }
      case 'x-kith-circle':
        circleName = text(p).trim() || null;
        break;
      case 'x-kith-importance': {
        const v = text(p).trim();
        if (v === 'inner' || v === 'regular' || v === 'outer') importance = v;
        break;
      }
      case 'x-kith-cadence': {
        const v = Number(text(p));
        if (Number.isInteger(v) && v >= 0) cadenceDays = v;
        break;
      }
      case 'x-kith-cadence-latest': {
        const v = Number(text(p));
        if (Number.isInteger(v) && v >= 1 && v <= 3650) cadenceLatestDays = v;
        else keptInNotes.push(`Latest check-in (not a number of days): ${text(p)}`);
        break;
      }
      case 'x-kith-how-met':
        howMet = text(p) || null;
        break;
      case 'x-kith-fact':
      case 'x-kith-event':
      case 'x-kith-topic':
      case 'x-kith-gift-idea': {
        const param = (name: string) => {
          const v = p.getParameter(name);
          return v == null ? null : restoreBackslashes(Array.isArray(v) ? v.join(',') : String(v));
        };
        const problem = readRemembered(remembered, p.name, text(p), param, group(p) ? (groupLabels.get(group(p)!) ?? null) : null);
        if (problem) warn(p, problem);
        break;
      }
      case 'related':
      case 'x-kith-introduced':
      case 'x-kith-introduced-by':
      case 'x-abrelatednames':
      case 'x-spouse':
      case 'x-evolution-spouse':
      case 'x-ms-spouse':
      case 'x-assistant':
      case 'x-evolution-assistant':
      case 'x-manager':
      case 'x-evolution-manager': {
        const value = text(p).trim();
        if (!value) break;
        const uid = /^urn:uuid:/i.test(value) ? value.replace(/^urn:uuid:/i, '') : null;
        const word = p.name.startsWith('x-') && p.name !== 'x-abrelatednames' ? p.name.replace(/^x-(evolution-|ms-|kith-)?/, '') : (labelOf(p) ?? 'related');
        const label = word.charAt(0).toUpperCase() + word.slice(1);
        const first = (name: string) => {
          const v = p.getParameter(name);
          return v == null ? null : String(Array.isArray(v) ? v[0] : v);
        };
        // Kith's own (vcard-related.ts): a user's role by its words, the introductions by name
        const kith = p.name === 'related' ? first('x-kith-role') : null;
        const role = p.name.startsWith('x-kith-') ? (p.name === 'x-kith-introduced' ? 'introduced' : 'introducedBy') : kith ? null : relationRole(label);
        related.push({ name: uid ? '' : value, label: kith ?? label, role, uid, ...(kith ? { custom: { name: kith, inverse: first('x-kith-inverse') } } : {}) });
        break;
      }
      case 'x-android-custom': {
        // Android's own rows: vnd.android.cursor.item/<kind>;value;type;label...
        const parts = splitAndroidRow(rawValue(p));
        const kind = (parts[0] ?? '').replace(/^vnd\.android\.cursor\.item\//, '');
        if (kind === 'relation' && parts[1]) {
          const label = ANDROID_RELATIONS[Number(parts[2])] ?? (parts[3] || 'Related');
          related.push({ name: parts[1], label, role: relationRole(label), uid: null });
        } else if (kind === 'contact_event' && parts[1]) {
          const date = parseVCardDate(parts[1]);
          const label = parts[2] === '1' ? 'Anniversary' : parts[3] || 'Date';
          if (date && parts[2] === '3' && !birthday) birthday = date;
          else if (date) dates.push({ label, ...date });
          else leave(p);
        } else if (kind === 'nickname' && parts[1]) {
          nickname = nickname ?? parts[1];
        } else leave(p, parts.filter(Boolean).join('; '));
        break;
      }
      default:
        if (!BOOKKEEPING.has(p.name)) leave(p, p.name === 'label' || p.type === 'unknown' ? text(p) : rawValue(p));
    }
  }
  // the preferred email and phone are primary: PREF=1 before PREF=2, else the first
  for (const kind of ['email', 'phone'] as const) {
    const ofKind = methods.filter((m) => m.kind === kind) as (Method & { preference?: number })[];
    const best = ofKind.reduce<(typeof ofKind)[number] | null>((b, m) => ((m.preference ?? Infinity) < (b?.preference ?? Infinity) ? m : b), null);
    for (const m of ofKind) m.isPrimary = m === best;
  }
  for (const m of methods as (Method & { preference?: number })[]) delete m.preference;

  const firstEmail = methods.find((m) => m.kind === 'email')?.value;
  const displayName = fn ?? composeDisplayName({ given, middle, family, company, email: firstEmail });
  if (!displayName) return { record: card.number, line: card.line, reason: 'card has no name, organisation or email' };
  // a latest interval only with a cadence that reminds and not below it (the contact's own check); otherwise kept in the notes
  const latestFits = cadenceLatestDays !== null && !!cadenceDays && cadenceLatestDays >= cadenceDays;
  if (cadenceLatestDays !== null && !latestFits) keptInNotes.push(`Latest check-in (does not fit the cadence): every ${cadenceLatestDays} days`);
  const fields: ImportRecord['fields'] = {
    displayName,
    givenName: given,
    familyName: family,
    nickname,
    company,
    title,
    birthday,
    howMet,
    notes: [notes.join('\n\n'), ...keptInNotes].filter(Boolean).join('\n'),
    methods,
    tags: [...new Set(tags)],
    cadenceDays,
    cadenceLatestDays: latestFits ? cadenceLatestDays : null,
    circleName,
  };
  if (importance) fields.importance = importance;
  const remembers = remembered.facts.length + remembered.events.length + remembered.topics.length + remembered.giftIdeas.length > 0;
  return { number: card.number, line: card.line, fields, uid, dates, photo, related, ...(remembers ? { remembered } : {}) };
}

/** an X-ANDROID-CUSTOM value's fields: split at unescaped ';' */
function splitAndroidRow(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) current += value[++i]!;
    else if (c === ';') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

function group(p: ICAL.Property): string | null {
  const g = p.getParameter('group');
  return typeof g === 'string' ? g.toLowerCase() : null;
}

function typeValues(p: ICAL.Property): string[] {
  const t = p.getParameter('type');
  const list = Array.isArray(t) ? t : t ? String(t).split(',') : [];
  return list.map((v) => String(v).toLowerCase().trim());
}

const restoreBackslashes = (s: string) => s.replaceAll(BACKSLASH, '\\');

function text(p: ICAL.Property): string {
  const v = p.getFirstValue();
  if (v == null) return '';
  // ical.js leaves values of properties it does not know (X-ABLabel, X-…) escaped
  return restoreBackslashes(p.type === 'unknown' ? unescapeText(String(v)) : String(v));
}

function values(p: ICAL.Property): string[] {
  return p.getValues().map((v) => restoreBackslashes(String(v)));
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function rawValue(p: ICAL.Property): string {
  const v = p.jCal[3];
  return restoreBackslashes(typeof v === 'string' ? v : String(p.getFirstValue() ?? ''));
}

function structured(p: ICAL.Property): string[] {
  const v = p.getFirstValue() as unknown;
  const list = Array.isArray(v) ? v : [v];
  return list.map((part) => restoreBackslashes(Array.isArray(part) ? part.join(', ') : part == null ? '' : String(part)));
}

function cleanAppleLabel(label: string): string {
  const m = /^_\$!<(.+)>!\$_$/.exec(label.trim());
  return (m ? m[1]! : label).trim();
}

/** 1980-04-12, 19800412, --04-12, --0412, 1980-04-12T00:00:00Z; Apple's 1604 means "no year" */
export function parseVCardDate(value: string, appleOmitYear?: unknown): { month: number; day: number; year: number | null } | null {
  const m = /^(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(value.trim());
  if (!m) return null;
  let year = m[1] === '--' ? null : Number(m[1]);
  if (year !== null && (String(appleOmitYear ?? '') === String(year) || year === 1604)) year = null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidMonthDay(month, day, year)) return null;
  if (year !== null && (year < 1800 || year > 2200)) year = null;
  return { month, day, year };
}

function readPhoto(p: ICAL.Property): ReturnType<typeof decodePhoto> | null {
  const raw = rawValue(p).trim();
  if (!raw) return null;
  if (/^data:/i.test(raw)) {
    const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(raw);
    if (!m || !/;base64/i.test(m[2]!)) return { error: 'photo is a data URI without base64 content' };
    return decodePhoto(m[3]!, imageMimeFromType(m[1]));
  }
  if (/^https?:/i.test(raw)) return { error: 'photo is a web link, which Kith does not download' };
  const type = p.getParameter('type') ?? p.getParameter('mediatype');
  return decodePhoto(raw, imageMimeFromType(Array.isArray(type) ? String(type[0]) : (type as string | undefined)));
}
