// CSV export: one row per contact, columns a spreadsheet (or this importer's mapping screen) understands.
import { stringify } from 'csv-stringify/sync';
import type { Contact } from '../../shared/domain/contact';
import { cleanText } from '../../shared/domain/text';

const HEADER = ['Name', 'Given name', 'Family name', 'Nickname', 'Company', 'Title', 'Emails', 'Phones', 'Addresses', 'Websites', 'Birthday', 'Tags', 'Notes', 'How we met'];

export function contactsToCsv(contacts: Contact[]): string {
  const join = (c: Contact, kind: Contact['methods'][number]['kind']) =>
    c.methods
      .filter((m) => m.kind === kind)
      .map((m) => m.value)
      .join(' ::: ');
  const rows = contacts.map((c) => [
    c.displayName,
    c.givenName ?? '',
    c.familyName ?? '',
    c.nickname ?? '',
    c.company ?? '',
    c.title ?? '',
    join(c, 'email'),
    join(c, 'phone'),
    join(c, 'address'),
    join(c, 'website'),
    c.birthday ? `${c.birthday.year ?? '-'}-${String(c.birthday.month).padStart(2, '0')}-${String(c.birthday.day).padStart(2, '0')}`: '',
    c.tags.join('; '),
    c.notes,
    c.howMet ?? '',
  ]);
  // a NUL stored by an older Kith ends a spreadsheet's cell early: never written (shared/domain/text.ts)
  const clean = rows.map((row) => row.map((cell) => cleanText(cell).text));
  return '\uFEFF' + stringify([HEADER, ...clean], { record_delimiter: '\r\n' });
}
