// CSV export: one row per contact, columns a spreadsheet understands; this importer knows the header
// as Kith's own ("kith" format) and reads every column back. Several values in a cell are joined with
// " ::: " (as Google does), the primary one first.
import { stringify } from 'csv-stringify/sync';
import type { Contact } from '../../shared/domain/contact';
import { cleanText } from '../../shared/domain/text';
import { addressFromText, countryText } from '../../shared/domain/address';

export const KITH_CSV_HEADER = ['Name', 'Given name', 'Family name', 'Nickname', 'Company', 'Title', 'Emails', 'Phones', 'Addresses', 'Websites', 'Social', 'Birthday', 'Dates', 'Tags', 'Circle', 'Importance', 'Check-in every (days)', 'Notes', 'How we met'];

/** the columns of each address, after the others */
const ADDRESS_COLUMNS = ['Label', 'Formatted', 'Street', 'City', 'Region', 'Postal Code', 'Country', 'Country Code'];

type Dated = { month: number; day: number; year: number | null };
const isoDate = (d: Dated) => `${d.year === null ? '-' : String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function contactsToCsv(contacts: Contact[], circleNameOf: (circleId: string | null) => string | null = () => null): string {
  const join = (c: Contact, kind: Contact['methods'][number]['kind']) =>
    c.methods
      .filter((m) => m.kind === kind)
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
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
    join(c, 'social'),
    c.birthday ? isoDate(c.birthday) : '',
    c.dates.map((d) => `${d.label}: ${isoDate(d)}`).join(' ::: '),
    c.tags.join(' ::: '),
    circleNameOf(c.circleId) ?? '',
    c.importance,
    c.cadenceDays === null ? '' : String(c.cadenceDays),
    c.notes,
    c.howMet ?? '',
  ]);
  // each address's parts in columns of their own (Google's names), as many as the most any contact has
  const most = Math.max(0, ...contacts.map((c) => c.methods.filter((m) => m.kind === 'address').length));
  const header = [...KITH_CSV_HEADER];
  for (let n = 1; n <= most; n++) header.push(...ADDRESS_COLUMNS.map((col) => `Address ${n} - ${col}`));
  contacts.forEach((c, i) => {
    const addresses = c.methods.filter((m) => m.kind === 'address').sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    for (let n = 0; n < most; n++) {
      const m = addresses[n];
      const a = m ? (m.address ?? addressFromText(m.value)) : null;
      rows[i]!.push(...(m && a ? [m.label ?? '', m.value, a.street, a.city, a.region, a.postcode, countryText(a), a.countryCode ?? ''] : ADDRESS_COLUMNS.map(() => '')));
    }
  });
  // a NUL stored by an older Kith ends a spreadsheet's cell early: never written (shared/domain/text.ts)
  const clean = rows.map((row) => row.map((cell) => cleanText(cell).text));
  // a lone LF or CR must be quoted too (csv-stringify quotes only the record delimiter, CRLF), and so
  // are the other delimiters a reader may sniff (;, tab, |)
  return '\uFEFF' + stringify([header, ...clean], { record_delimiter: '\r\n', quoted_match: /[\r\n;\t|]/ });
}
