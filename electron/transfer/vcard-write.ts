// vCard export, 4.0 (RFC 6350) or 3.0 (RFC 2426, what Apple Contacts and Google read best).
// Everything Kith knows about a contact goes in, so that importing the file again (here or in
// another Kith) gives the same contact; labels travel as Apple-style item groups
// (itemN.X-ABLabel), which most address books understand. Written by hand rather than through
// ical.js, which escapes the comma of a data: URI and types every unknown property.
import type { Contact } from '../../shared/domain/contact';
import type { ExtraProperty } from './vcard-remember';
import { cleanText } from '../../shared/domain/text';
import { addressFromText, countryText } from '../../shared/domain/address';
import { relatedLine, type CardRelation } from './vcard-related';

const STANDARD_TYPES: Record<string, string> = { home: 'home', work: 'work', mobile: 'cell', cell: 'cell', fax: 'fax' };

export type VCardVersion = '3.0' | '4.0';

export interface VCardExtras {
  circleName: string | null;
  /** facts and the rest of what Kith remembers, as X- properties (./vcard-remember.ts) */
  remembered?: ExtraProperty[];
  /** links to other contacts, by their UID (./vcard-related.ts) */
  related?: CardRelation[];
}

/** a text value as both versions escape it: backslash, comma, semicolon, line break */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** lines of at most 75 octets, continued with a space, never splitting a character */
function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (size + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function contactToVCard(contact: Contact, extras: VCardExtras, version: VCardVersion = '4.0'): string {
  const v3 = version === '3.0';
  const lines: string[] = [];
  let groupCounter = 0;
  const add = (name: string, value: string, params: string[] = [], group?: string) => {
    // a NUL (stored by an older Kith) ends the value in many readers and is never written (shared/domain/text.ts)
    lines.push(fold(`${group ? group + '.' : ''}${name}${params.map((p) => ';' + p).join('')}:${cleanText(value).text}`));
  };
  const labelled = (name: string, value: string, label: string | null, primary: boolean, extraTypes: string[] = [], extraParams: string[] = []) => {
    const types = [...extraTypes];
    const standard = label ? STANDARD_TYPES[label.toLowerCase()] : undefined;
    if (standard) types.push(standard);
    if (primary && v3) types.push('pref');
    const params = [...(types.length ? [`TYPE=${types.join(',')}`] : []), ...extraParams];
    if (primary && !v3) params.push('PREF=1');
    if (label) {
      const group = `item${++groupCounter}`;
      add(name, value, params, group);
      add('X-ABLabel', escapeText(label), [], group);
    } else add(name, value, params);
  };
  const date = (d: { month: number; day: number; year: number | null }) => {
    const md = `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    if (d.year !== null) return { value: `${String(d.year).padStart(4, '0')}-${md}`, params: [] as string[] };
    // 3.0 has no date without a year: Apple's 1604 with X-APPLE-OMIT-YEAR is what readers know
    return v3 ? { value: `1604-${md}`, params: ['X-APPLE-OMIT-YEAR=1604'] } : { value: `--${md}`, params: [] as string[] };
  };

  lines.push('BEGIN:VCARD', `VERSION:${version}`);
  add('UID', v3 ? contact.id : `urn:uuid:${contact.id}`);
  add('FN', escapeText(contact.displayName));
  add('N', [contact.familyName ?? '', contact.givenName ?? '', '', '', ''].map(escapeText).join(';'));
  if (contact.nickname) add('NICKNAME', escapeText(contact.nickname));
  if (contact.company) add('ORG', escapeText(contact.company));
  if (contact.title) add('TITLE', escapeText(contact.title));
  for (const m of contact.methods) {
    switch (m.kind) {
      case 'email':
        labelled('EMAIL', escapeText(m.value), m.label, m.isPrimary, v3 ? ['internet'] : []);
        break;
      case 'phone':
        labelled('TEL', escapeText(m.value), m.label, m.isPrimary);
        break;
      case 'address': {
        // the seven ADR components; all street lines in the street part (4.0: the code as RFC 8605 CC)
        const a = m.address ?? addressFromText(m.value);
        labelled('ADR', ['', '', a.street, a.city, a.region, a.postcode, countryText(a)].map(escapeText).join(';'), m.label, m.isPrimary, [], !v3 && a.countryCode ? [`CC=${a.countryCode}`] : []);
        break;
      }
      case 'website':
        labelled('URL', m.value.replace(/\r\n?|\n/g, ' '), m.label, m.isPrimary);
        break;
      case 'social':
        labelled('X-SOCIALPROFILE', escapeText(m.value), m.label, m.isPrimary);
        break;
    }
  }
  if (contact.birthday) {
    const d = date(contact.birthday);
    add('BDAY', d.value, d.params);
  }
  let anniversaryWritten = false;
  for (const d of contact.dates) {
    const written = date(d);
    if (d.label === 'Anniversary' && !anniversaryWritten && !v3) {
      anniversaryWritten = true;
      add('ANNIVERSARY', written.value);
    } else {
      // 3.0 has no ANNIVERSARY: Apple's dated item with its own label for it
      const group = `item${++groupCounter}`;
      add('X-ABDATE', written.value, written.params, group);
      add('X-ABLabel', d.label === 'Anniversary' && v3 ? '_$!<Anniversary>!$_' : escapeText(d.label), [], group);
    }
  }
  if (contact.notes) add('NOTE', escapeText(contact.notes));
  if (contact.tags.length) add('CATEGORIES', contact.tags.map(escapeText).join(','));
  if (contact.photo) {
    const m = /^data:([^;,]+);base64,(.*)$/s.exec(contact.photo);
    if (m && v3) add('PHOTO', m[2]!, ['ENCODING=b', `TYPE=${m[1]!.replace(/^image\//, '').toUpperCase()}`]);
    else if (m) add('PHOTO', contact.photo);
  }
  if (extras.circleName) add('X-KITH-CIRCLE', escapeText(extras.circleName));
  add('X-KITH-IMPORTANCE', contact.importance);
  if (contact.cadenceDays !== null) add('X-KITH-CADENCE', String(contact.cadenceDays));
  if (contact.cadenceLatestDays != null) add('X-KITH-CADENCE-LATEST', String(contact.cadenceLatestDays));
  if (contact.howMet) add('X-KITH-HOW-MET', escapeText(contact.howMet));
  for (const p of extras.remembered ?? []) {
    // a parameter value with : ; , or a quote must be quoted (RFC 6350 §5); quotes cannot be escaped
    const params = Object.entries(p.params ?? {}).map(([k, v]) => `${k.toUpperCase()}=${/[:;,"]/.test(v) ? `"${v.replace(/"/g, "'")}"` : v}`);
    if (!p.label) add(p.name.toUpperCase(), escapeText(p.value), params);
    else {
      const group = `item${++groupCounter}`;
      add(p.name.toUpperCase(), escapeText(p.value), params, group);
      add('X-ABLabel', escapeText(p.label), [], group);
    }
  }
  for (const r of extras.related ?? []) lines.push(fold(relatedLine(r)));
  add('REV', new Date(contact.updatedAt).toISOString().replace(/[-:]|\.\d{3}/g, ''));
  lines.push('END:VCARD');
  return lines.join('\r\n') + '\r\n';
}
