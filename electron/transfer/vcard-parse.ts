// vCard import (2.1, 3.0, 4.0): vcard-lines.ts makes each card clean text, ical.js parses it, and this
// file maps its properties onto a Kith contact. A card that cannot be read is reported and skipped.
import ICAL from 'ical.js';
import { isValidMonthDay } from '../../shared/domain/calendar';
import type { ContactInput } from '../../shared/api/methods/contacts';
import { BACKSLASH, eachCard, type CardText } from './vcard-lines';
import { composeDisplayName, decodePhoto, imageMimeFromType, type ImportedDate, type ImportProblem, type ImportRecord, type ParsedFile } from './record';

type Method = NonNullable<ContactInput['methods']>[number];

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IGNORED_TYPES = new Set(['internet', 'pref', 'voice', 'x400', 'text', 'msg', 'postal', 'parcel', 'dom', 'intl']);
const TYPE_LABELS: Record<string, string> = { cell: 'mobile', iphone: 'iPhone' };

export function parseVCardFile(bytes: Buffer): ParsedFile {
  const records: ImportRecord[] = [];
  const failed: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  // each card becomes a record as soon as it is read (its text and lines are garbage at once)
  eachCard(
    bytes,
    (card) => {
      try {
        const result = cardToRecord(card, warnings);
        if ('reason' in result) failed.push(result);
        else records.push(result);
      } catch (err) {
        failed.push({ record: card.number, line: card.line, reason: `card could not be read: ${(err as Error).message}` });
      }
    },
    (problem) => failed.push(problem),
  );
  failed.sort((a, b) => a.record - b.record);
  return { records, failed, warnings };
}

function cardToRecord(card: CardText, warnings: ImportProblem[]): ImportRecord | ImportProblem {
  const component = new ICAL.Component(ICAL.parse(card.text) as unknown as unknown[]);
  const props = component.getAllProperties();
  const lineOf = (p: ICAL.Property) => {
    const index = props.indexOf(p);
    return index >= 0 ? (card.lineOf[index + 1] ?? card.line) : card.line; // +1: BEGIN:VCARD comes first
  };
  const warn = (p: ICAL.Property, reason: string) => warnings.push({ record: card.number, line: lineOf(p), reason });

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
  const isPreferred = (p: ICAL.Property) => typeValues(p).includes('pref') || String(p.getParameter('pref') ?? '') === '1';

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
  let uid: string | null = null;
  let circleName: string | null = null;
  let importance: 'inner' | 'regular' | 'outer' | undefined;
  let cadenceDays: number | null = null;
  let howMet: string | null = null;

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
      case 'org':
        company = structured(p)[0] || company;
        break;
      case 'title':
        title = text(p).trim() || title;
        break;
      case 'email': {
        const value = text(p).trim().replace(/^mailto:/i, '');
        if (!value) break;
        if (!EMAIL_PATTERN.test(value)) warn(p, `email "${value}" is not a valid address and was left out`);
        else methods.push({ kind: 'email', label: labelOf(p), value, isPrimary: isPreferred(p) });
        break;
      }
      case 'tel': {
        const value = text(p).trim().replace(/^tel:/i, '');
        if (!value) break;
        if (!/\d/.test(value)) warn(p, `phone "${value}" has no digits and was left out`);
        else methods.push({ kind: 'phone', label: labelOf(p), value, isPrimary: isPreferred(p) });
        break;
      }
      case 'adr': {
        const value = structured(p).map((s) => s.trim()).filter(Boolean).join(', ');
        if (value) methods.push({ kind: 'address', label: labelOf(p), value, isPrimary: isPreferred(p) });
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
        if (value) methods.push({ kind: 'social', label: labelOf(p) ?? (p.getParameter('type') ? String(p.getParameter('type')) : null), value, isPrimary: isPreferred(p) });
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
        else photo = result;
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
      case 'x-kith-how-met':
        howMet = text(p) || null;
        break;
    }
  }

  const firstEmail = methods.find((m) => m.kind === 'email')?.value;
  const displayName = fn ?? composeDisplayName({ given, middle, family, company, email: firstEmail });
  if (!displayName) return { record: card.number, line: card.line, reason: 'card has no name, organisation or email' };
  const fields: ImportRecord['fields'] = {
    displayName,
    givenName: given,
    familyName: family,
    nickname,
    company,
    title,
    birthday,
    howMet,
    notes: notes.join('\n\n'),
    methods,
    tags: [...new Set(tags)],
    cadenceDays,
    circleName,
  };
  if (importance) fields.importance = importance;
  return { number: card.number, line: card.line, fields, uid, dates, photo };
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
