// vCard 4.0 export with ical.js. Everything Kith knows about a contact goes in, so that importing the
// file again (here or in another Kith) gives the same contact; labels travel as Apple-style
// item groups (itemN.X-ABLabel), which most address books understand.
import ICAL from 'ical.js';
import type { Contact } from '../../shared/domain/contact';
import { cleanText } from '../../shared/domain/text';

const STANDARD_TYPES: Record<string, string> = { home: 'home', work: 'work', mobile: 'cell', cell: 'cell', fax: 'fax' };

export interface VCardExtras {
  circleName: string | null;
}

export function contactToVCard(contact: Contact, extras: VCardExtras): string {
  const card = new ICAL.Component('vcard');
  let groupCounter = 0;
  const add = (name: string, raw: unknown, params: Record<string, unknown> = {}, type = 'text') => {
    // vCard lines end at CR or LF: a line break inside a value is always written as \n; a NUL (stored
    // by an older Kith) ends the value in many readers and is never written (shared/domain/text.ts)
    const text = (v: string) => cleanText(v).text.replace(/\r\n?/g, '\n');
    const value = typeof raw === 'string' ? text(raw) : Array.isArray(raw) ? raw.map((v) => (typeof v === 'string' ? text(v) : v)) : raw;
    card.addProperty(new ICAL.Property([name, params, type, value] as unknown as [string, Record<string, string>, string, string], card));
  };
  const labelled = (name: string, value: string, label: string | null, primary: boolean, type = 'text') => {
    const params: Record<string, unknown> = {};
    const standard = label ? STANDARD_TYPES[label.toLowerCase()] : undefined;
    if (standard) params.type = standard;
    if (primary) params.pref = '1';
    if (label) {
      const group = `item${++groupCounter}`;
      params.group = group;
      add(name, value, params, type);
      add('x-ablabel', label, { group });
    } else add(name, value, params, type);
  };

  add('version', '4.0');
  add('uid', `urn:uuid:${contact.id}`, {}, 'uri');
  add('fn', contact.displayName);
  add('n', [contact.familyName ?? '', contact.givenName ?? '', '', '', '']);
  if (contact.nickname) add('nickname', contact.nickname);
  if (contact.company) add('org', [contact.company]);
  if (contact.title) add('title', contact.title);
  for (const m of contact.methods) {
    switch (m.kind) {
      case 'email':
        labelled('email', m.value, m.label, m.isPrimary);
        break;
      case 'phone':
        labelled('tel', m.value, m.label, m.isPrimary);
        break;
      case 'address':
        // Kith keeps an address as one text; it travels in the street part
        labelled('adr', ['', '', m.value, '', '', '', ''] as unknown as string, m.label, m.isPrimary);
        break;
      case 'website':
        labelled('url', m.value, m.label, m.isPrimary);
        break;
      case 'social':
        labelled('x-socialprofile', m.value, m.label, m.isPrimary);
        break;
    }
  }
  if (contact.birthday) add('bday', vcardDate(contact.birthday), {}, 'date-and-or-time');
  let anniversaryWritten = false;
  for (const d of contact.dates) {
    if (d.label === 'Anniversary' && !anniversaryWritten) {
      anniversaryWritten = true;
      add('anniversary', vcardDate(d), {}, 'date-and-or-time');
    } else {
      const group = `item${++groupCounter}`;
      add('x-abdate', vcardDate(d), { group });
      add('x-ablabel', d.label, { group });
    }
  }
  if (contact.notes) add('note', contact.notes);
  if (contact.tags.length) {
    const categories = new ICAL.Property('categories', card);
    categories.setValues(contact.tags.map((t) => cleanText(t).text.replace(/\r\n?/g, '\n')));
    card.addProperty(categories);
  }
  if (contact.photo) add('photo', contact.photo, {}, 'uri');
  if (extras.circleName) add('x-kith-circle', extras.circleName);
  add('x-kith-importance', contact.importance);
  if (contact.cadenceDays !== null) add('x-kith-cadence', String(contact.cadenceDays));
  if (contact.howMet) add('x-kith-how-met', contact.howMet);
  add('rev', new Date(contact.updatedAt).toISOString().replace(/[-:]|\.\d{3}/g, ''), {}, 'timestamp');
  return card.toString() + '\r\n';
}

function vcardDate(d: { month: number; day: number; year: number | null }): string {
  const md = `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return d.year === null ? `--${md}` : `${String(d.year).padStart(4, '0')}-${md}`;
}
