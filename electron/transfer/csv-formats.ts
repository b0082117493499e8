// CSV import: Google Contacts (current and legacy), LinkedIn Connections, Outlook, and any other CSV
// through a column mapping the user confirms. csv-parse reads the file; each format maps a row by
// its header names, so column order does not matter.
import { parse } from 'csv-parse/sync';
import type { ContactInput } from '../../shared/api/methods/contacts';
import { CSV_TARGETS, type CsvFormat, type CsvTarget } from '../../shared/api/methods/transfer';
import { isValidMonthDay } from '../../shared/domain/calendar';
import { addressFromAdr, addressText, isEmptyAddress } from '../../shared/domain/address';
import { composeDisplayName, leftOutValue, relationRole, type ImportedRelation, type ImportProblem, type ImportRecord, type LeftOut, type ParsedFile } from './record';
import { headerReadings, type CanonicalHeaders, type HeaderLanguage } from './csv-headers';
import { decodeFile } from './text-encoding';
import { EMAIL_PATTERN, parseVCardDate } from './vcard-parse';

type Method = NonNullable<ContactInput['methods']>[number];
/** a cell by its column's (English) name, trimmed unless asked */
type Row = (header: string, untrimmed?: boolean) => string;

export interface CsvTable {
  format: CsvFormat;
  /** the column names as the file has them */
  headers: string[];
  /** the names the format reader knows them by (English; the same as headers for a generic CSV) */
  names: string[];
  /** the header's language: a date like 04/05/1980 is month first only in English */
  language: HeaderLanguage;
  delimiter: string;
  rows: { cells: string[]; number: number; line: number }[];
  /** rows that could not be split into cells */
  failed: ImportProblem[];
}

export function decodeText(bytes: Buffer): string {
  return decodeFile(bytes).text;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV: Excel's "sep=;" line when there is one, else the candidate that splits the
 * first lines (outside quotes) into the same number of cells most often, more cells breaking ties.
 */
export function sniffDelimiter(text: string): { delimiter: string; skipFirstLine: boolean } {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1]!, skipFirstLine: true };
  const lines: string[] = [];
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length && lines.length < 30; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (current.trim()) lines.push(current);
      current = '';
    } else current += quoted && c !== '"' ? '' : c; // only what is outside quotes counts
  }
  if (current.trim()) lines.push(current);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length - 1).filter((n) => n > 0);
    if (!counts.length) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [common, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = times * 1000 + common;
    if (score > best.score) best = { delimiter: d, score };
  }
  return { delimiter: best.delimiter, skipFirstLine: false };
}

/** reads the table and recognises the exporter by its header row (found, not counted: LinkedIn puts notes first), in any of the languages csv-headers.ts knows */
export function readCsv(bytes: Buffer): CsvTable {
  const text = decodeText(bytes);
  const { delimiter, skipFirstLine } = sniffDelimiter(text);
  const failed: ImportProblem[] = [];
  const records = parse(skipFirstLine ? text.replace(/^[^\r\n]*\r?\n/, '') : text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) failed.push({ record: 0, line: (err as { lines?: number }).lines ?? null, reason: `this part of the file could not be read: ${err.message}` });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const lineOffset = skipFirstLine ? 1 : 0;

  let found: { index: number; format: Exclude<CsvFormat, 'generic'>; reading: CanonicalHeaders } | null = null;
  for (let i = 0; i < Math.min(records.length, 50) && !found; i++) {
    const headers = records[i]!.record.map((h) => h.trim());
    for (const reading of headerReadings(headers)) {
      const format = detectFormat(reading.names);
      if (format) {
        found = { index: i, format, reading };
        break;
      }
    }
  }
  // an unknown CSV: its header is the first row of more than one filled cell (a title line may come first)
  let headerIndex = found?.index ?? records.findIndex((r) => r.record.filter((c) => c.trim()).length > 1);
  if (headerIndex < 0) headerIndex = 0;
  const headers = (records[headerIndex]?.record ?? []).map((h) => h.trim());
  const rows = records.slice(headerIndex + 1).map((r, i) => ({ cells: r.record, number: i + 1, line: r.info.lines + lineOffset }));
  return { format: found?.format ?? 'generic', headers, names: found?.reading.names ?? headers, language: found?.reading.language ?? 'en', delimiter, rows, failed };
}

export function detectFormat(header: string[]): Exclude<CsvFormat, 'generic'> | null {
  const h = new Set(header.map((c) => c.trim()));
  if (h.has('First Name') && h.has('Last Name') && h.has('Connected On')) return 'linkedin';
  if (h.has('First Name') && h.has('Last Name') && (h.has('E-mail 1 - Value') || h.has('Organization Name') || h.has('Labels'))) return 'google';
  if (h.has('Name') && h.has('Given Name') && h.has('Family Name') && h.has('Group Membership')) return 'google-legacy';
  if (h.has('First Name') && h.has('Last Name') && h.has('E-mail Address') && (h.has('Job Title') || h.has('Business Phone') || h.has('Mobile Phone'))) return 'outlook';
  if (h.has('First Name') && h.has('Last Name') && h.has('Primary Email') && (h.has('Display Name') || h.has('Mobile Number'))) return 'thunderbird';
  if (h.has('Name') && h.has('Given name') && h.has('Family name') && h.has('Emails') && h.has('Phones')) return 'kith';
  return null;
}

/** a first guess for an unknown CSV's columns, by header name */
export function suggestMapping(headers: string[]): CsvTarget[] {
  const rules: [RegExp, CsvTarget][] = [
    // English first, then the words of a German, French, Spanish, Italian, Dutch or Portuguese spreadsheet
    [/^(full ?name|name|display ?name|contact|kontakt|nom complet|nombre completo|nome completo|volledige naam|anzeigename)$/i, 'displayName'],
    [/^(first|given|fore) ?name$|^first$|^(vorname|prénom|prenom|nombre|nome|voornaam)$/i, 'givenName'],
    [/^(last|family|sur) ?name$|^surname$|^last$|^(nachname|familienname|nom|nom de famille|apellidos?|cognome|achternaam|sobrenome|apelido)$/i, 'familyName'],
    [/nick|spitzname|surnom|apodo|soprannome|bijnaam|apelido/i, 'nickname'],
    [/compan|organi[sz]ation|employer|^org$|firma|société|societe|empresa|società|azienda|bedrijf|organisatie/i, 'company'],
    [/title|position|role|job|beruf|fonction|puesto|cargo|posizione|functie/i, 'title'],
    [/e-?mail|^mail$|courriel|correo/i, 'email'],
    [/phone|mobile|cell|tel|handy|portable|móvil|movil|cellulare|mobiel|celular/i, 'phone'],
    [/address|street|adresse|straße|strasse|dirección|direccion|indirizzo|adres|endereço/i, 'address'],
    [/web|url|site|homepage/i, 'website'],
    [/birth|bday|dob|geburtstag|geburtsdatum|anniversaire|naissance|cumpleaños|nacimiento|compleanno|verjaardag|geboortedatum|aniversário|nascimento/i, 'birthday'],
    [/note|comment|description|remark|notiz|bemerkung|notas|anotações|notities|opmerking/i, 'notes'],
    [/tag|label|categor|group|kategorie|gruppe|groupe|grupo|gruppo|groep/i, 'tags'],
    [/how we met|met/i, 'howMet'],
  ];
  const used = new Set<CsvTarget>();
  return headers.map((h) => {
    const found = rules.find(([re]) => re.test(h.trim()))?.[1];
    if (!found) return 'ignore';
    const repeatable = found === 'email' || found === 'phone' || found === 'address' || found === 'website' || found === 'tags' || found === 'notes';
    if (used.has(found) && !repeatable) return 'ignore';
    used.add(found);
    return found;
  });
}

export function csvToRecords(table: CsvTable, mapping?: CsvTarget[]): ParsedFile {
  const records: ImportRecord[] = [];
  const failed: ImportProblem[] = [...table.failed];
  const warnings: ImportProblem[] = [];
  const leftOut: LeftOut[] = [];
  const index = new Map<string, number>();
  table.names.forEach((h, i) => index.has(h) || index.set(h, i));
  const map = mapping ?? suggestMapping(table.headers);
  /** the columns a known format's reader asked for: the others are left out */
  const read = new Set<number>();
  const slashOrder = table.language === 'en' ? 'mdy' : 'dmy';
  for (const row of table.rows) {
    const warn = (reason: string) => warnings.push({ record: row.number, line: row.line, reason });
    let cells = row.cells;
    if (cells.length < table.headers.length) {
      if (cells.some((c) => c.trim())) warn(`row has ${cells.length} fields but the header has ${table.headers.length}; the missing ones were read as empty`);
      cells = [...cells, ...Array<string>(table.headers.length - cells.length).fill('')];
    } else if (cells.length > table.headers.length) {
      const extra = cells.slice(table.headers.length).filter((c) => c.trim());
      if (extra.length) {
        warn(`row has ${cells.length} fields but the header has ${table.headers.length}; the ${extra.length} without a column are listed as left out`);
        cells.slice(table.headers.length).forEach((c, i) => c.trim() && leftOut.push({ record: row.number, line: row.line, field: `column ${table.headers.length + i + 1} (no header)`, value: leftOutValue(c) }));
      }
      cells = cells.slice(0, table.headers.length);
    }
    const get: Row = (header, untrimmed) => {
      const i = index.get(header);
      if (i === undefined) return '';
      read.add(i);
      return untrimmed ? (cells[i] ?? '') : (cells[i] ?? '').trim();
    };
    const fields = table.format === 'generic' ? genericRow(cells, map, warn, table.delimiter === ';' ? 'dmy' : 'mdy') : KNOWN[table.format](get, warn, slashOrder);
    if (!fields) continue; // an empty row
    if (!fields.displayName) {
      failed.push({ record: row.number, line: row.line, reason: 'row has no name, company or email' });
      continue;
    }
    cells.forEach((c, i) => {
      const kept = table.format === 'generic' ? map[i] !== 'ignore' && map[i] !== undefined : read.has(i);
      if (!kept && c.trim()) leftOut.push({ record: row.number, line: row.line, field: table.headers[i] || `column ${i + 1}`, value: leftOutValue(c) });
    });
    const { dates, related, ...contactFields } = fields;
    records.push({ number: row.number, line: row.line, fields: contactFields as ImportRecord['fields'], uid: null, dates: dates ?? [], photo: null, related: related ?? [] });
  }
  failed.sort((a, b) => a.record - b.record);
  return { records, failed, warnings, leftOut };
}

type RowFields = Omit<Partial<ImportRecord['fields']>, 'displayName'> & { displayName: string | null; dates?: ImportRecord['dates']; related?: ImportedRelation[] };
type SlashOrder = 'mdy' | 'dmy';
/** a value collect() could not keep as a method: build() writes it into the notes */
const REJECTED = 'rejected' as Method['kind'];

const KNOWN: Record<Exclude<CsvFormat, 'generic'>, (get: Row, warn: (r: string) => void, order: SlashOrder) => RowFields | null> = {
  google(get, warn, order) {
    const methods: Method[] = [];
    for (let n = 1; n <= 20; n++) collect(methods, 'email', get(`E-mail ${n} - Label`), get(`E-mail ${n} - Value`), warn);
    for (let n = 1; n <= 20; n++) collect(methods, 'phone', get(`Phone ${n} - Label`), get(`Phone ${n} - Value`), warn);
    for (let n = 1; n <= 20; n++) {
      const at = (part: string) => get(`Address ${n} - ${part}`);
      collectAddress(methods, at('Label'), [at('PO Box'), at('Extended Address'), at('Street')], at('City'), at('Region'), at('Postal Code'), at('Country'), at('Formatted'), warn);
    }
    for (let n = 1; n <= 20; n++) collect(methods, 'website', get(`Website ${n} - Label`), get(`Website ${n} - Value`), warn);
    const related: ImportedRelation[] = [];
    for (let n = 1; n <= 10; n++) {
      const label = cleanLabel(get(`Relation ${n} - Label`)) ?? 'Related';
      for (const name of get(`Relation ${n} - Value`).split(' ::: ')) if (name.trim()) related.push({ name: name.trim(), label, role: relationRole(label), uid: null });
    }
    const dates: ImportRecord['dates'] = [];
    for (let n = 1; n <= 5; n++) {
      const value = get(`Event ${n} - Value`);
      if (!value) continue;
      const d = parseLooseDate(value, order);
      if (d) dates.push({ label: cleanLabel(get(`Event ${n} - Label`)) ?? 'Date', ...d });
      else warn(`date "${value}" is not a date and was left out`);
    }
    const given = get('First Name');
    const middle = get('Middle Name');
    const family = get('Last Name');
    const company = get('Organization Name');
    return build(order, warn, {
      given,
      family,
      display: get('File As') || composeDisplayName({ given, middle, family, company, email: methods.find((m) => m.kind === 'email')?.value }),
      nickname: get('Nickname'),
      company,
      title: get('Organization Title'),
      birthday: get('Birthday'),
      notes: get('Notes'),
      tags: get('Labels')
        .split(' ::: ')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('* ')),
      methods,
      dates,
      related,
    });
  },
  'google-legacy'(get, warn, order) {
    const methods: Method[] = [];
    for (let n = 1; n <= 20; n++) collect(methods, 'email', get(`E-mail ${n} - Type`), get(`E-mail ${n} - Value`), warn);
    for (let n = 1; n <= 20; n++) collect(methods, 'phone', get(`Phone ${n} - Type`), get(`Phone ${n} - Value`), warn);
    for (let n = 1; n <= 20; n++) {
      const at = (part: string) => get(`Address ${n} - ${part}`);
      collectAddress(methods, at('Type'), [at('PO Box'), at('Extended Address'), at('Street')], at('City'), at('Region'), at('Postal Code'), at('Country'), at('Formatted'), warn);
    }
    for (let n = 1; n <= 20; n++) collect(methods, 'website', get(`Website ${n} - Type`), get(`Website ${n} - Value`), warn);
    const given = get('Given Name');
    const family = get('Family Name');
    const company = get('Organization 1 - Name');
    return build(order, warn, {
      given,
      family,
      display: get('Name') || composeDisplayName({ given, middle: get('Additional Name'), family, company, email: methods.find((m) => m.kind === 'email')?.value }),
      nickname: get('Nickname'),
      company,
      title: get('Organization 1 - Title'),
      birthday: get('Birthday'),
      notes: get('Notes'),
      tags: get('Group Membership')
        .split(' ::: ')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('* ')),
      methods,
    });
  },
  linkedin(get, warn, order) {
    const methods: Method[] = [];
    collect(methods, 'email', '', get('Email Address'), warn);
    collect(methods, 'social', 'LinkedIn', get('URL'), warn);
    const given = get('First Name');
    const family = get('Last Name');
    const connected = get('Connected On');
    const connectedOn = connected ? parseLooseDate(connected, 'dmy') : null;
    if (connected && !connectedOn) warn(`"Connected On" date "${connected}" is not a date`);
    return build(order, warn, {
      given,
      family,
      display: composeDisplayName({ given, family, company: get('Company'), email: get('Email Address') }),
      company: get('Company'),
      title: get('Position'),
      howMet: connectedOn?.year ? `Connected on LinkedIn on ${isoOf(connectedOn)}` : 'Connected on LinkedIn',
      methods,
    });
  },
  outlook(get, warn, order) {
    const methods: Method[] = [];
    collect(methods, 'email', '', get('E-mail Address'), warn);
    collect(methods, 'email', '', get('E-mail 2 Address'), warn);
    collect(methods, 'email', '', get('E-mail 3 Address'), warn);
    for (const [header, label] of [
      ['Mobile Phone', 'Mobile'],
      ['Home Phone', 'Home'],
      ['Home Phone 2', 'Home'],
      ['Business Phone', 'Work'],
      ['Business Phone 2', 'Work'],
      ['Other Phone', 'Other'],
      ['Primary Phone', null],
    ] as const)
      collect(methods, 'phone', label ?? '', get(header), warn);
    for (const [prefix, label] of [
      ['Home', 'Home'],
      ['Business', 'Work'],
      ['Other', 'Other'],
    ] as const) {
      const at = (part: string) => get(`${prefix} ${part}`);
      collectAddress(methods, label, [at('Address PO Box'), at('Street'), at('Street 2'), at('Street 3')], at('City'), at('State'), at('Postal Code'), at('Country/Region'), '', warn);
    }
    collect(methods, 'website', '', get('Web Page'), warn);
    collect(methods, 'website', 'Personal', get('Personal Web Page'), warn);
    const given = get('First Name');
    const family = get('Last Name');
    const anniversary = get('Anniversary');
    const anniversaryDate = isBlankOutlookDate(anniversary) ? null : parseLooseDate(anniversary, order);
    if (!isBlankOutlookDate(anniversary) && !anniversaryDate) warn(`anniversary "${anniversary}" is not a date and was left out`);
    return build(order, warn, {
      given,
      family,
      display: composeDisplayName({ given, middle: get('Middle Name'), family, company: get('Company'), email: methods.find((m) => m.kind === 'email')?.value }),
      nickname: get('Nickname'),
      company: get('Company'),
      title: get('Job Title'),
      birthday: isBlankOutlookDate(get('Birthday')) ? '' : get('Birthday'),
      notes: get('Notes'),
      tags: get('Categories')
        .split(/;/)
        .map((t) => t.trim())
        .filter(Boolean),
      methods,
      dates: anniversaryDate ? [{ label: 'Anniversary', ...anniversaryDate }] : [],
      related: [
        ...relations('Spouse', get('Spouse')),
        ...relations('Child', get('Children')),
        ...relations('Manager', get("Manager's Name")),
        ...relations('Assistant', get("Assistant's Name")),
      ],
    });
  },
  thunderbird(get, warn, order) {
    const methods: Method[] = [];
    collect(methods, 'email', '', get('Primary Email'), warn);
    collect(methods, 'email', '', get('Secondary Email'), warn);
    for (const [header, label] of [
      ['Mobile Number', 'Mobile'],
      ['Home Phone', 'Home'],
      ['Work Phone', 'Work'],
      ['Fax Number', 'Fax'],
      ['Pager Number', 'Pager'],
    ] as const)
      collect(methods, 'phone', label, get(header), warn);
    for (const [prefix, label] of [
      ['Home', 'Home'],
      ['Work', 'Work'],
    ] as const) {
      const at = (part: string) => get(`${prefix} ${part}`);
      collectAddress(methods, label, [at('Address'), at('Address 2')], at('City'), at('State'), at('ZipCode'), at('Country'), '', warn);
    }
    collect(methods, 'website', '', get('Web Page 1'), warn);
    collect(methods, 'website', '', get('Web Page 2'), warn);
    collect(methods, 'social', 'Chat', get('Screen Name'), warn);
    const given = get('First Name');
    const family = get('Last Name');
    const [year, month, day] = [get('Birth Year'), get('Birth Month'), get('Birth Day')];
    const birthday = month && day ? (year ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : `--${month.padStart(2, '0')}-${day.padStart(2, '0')}`) : '';
    const custom = [1, 2, 3, 4].map((n) => get(`Custom ${n}`)).filter(Boolean);
    return build(order, warn, {
      given,
      family,
      display: get('Display Name') || composeDisplayName({ given, family, company: get('Organization'), email: methods.find((m) => m.kind === 'email')?.value }),
      nickname: get('Nickname'),
      company: get('Organization'),
      title: get('Job Title'),
      birthday,
      notes: [get('Notes'), ...custom].filter(Boolean).join('\n\n'),
      methods,
    });
  },
  kith(get, warn) {
    // Kith's own CSV export: dates are ISO, several values in a cell are joined with " ::: "
    const methods: Method[] = [];
    collect(methods, 'email', '', get('Emails'), warn);
    collect(methods, 'phone', '', get('Phones'), warn);
    // Kith's structured columns when the export has them (csv-export.ts), else the one-line texts
    const oneLine = get('Addresses');
    if (get('Address 1 - Formatted')) {
      for (let n = 1; get(`Address ${n} - Formatted`); n++) {
        const at = (part: string) => get(`Address ${n} - ${part}`, part === 'Street');
        collectAddress(methods, at('Label'), [at('Street')], at('City'), at('Region'), at('Postal Code'), at('Country'), at('Formatted'), warn, at('Country Code'));
      }
    } else collect(methods, 'address', '', oneLine, warn);
    collect(methods, 'website', '', get('Websites'), warn);
    collect(methods, 'social', '', get('Social'), warn);
    const dates: ImportRecord['dates'] = [];
    for (const part of get('Dates').split(' ::: ')) {
      const m = /^(.*?):\s*(\S+)$/.exec(part.trim());
      const d = m ? parseVCardDate(m[2]!) : null;
      if (d) dates.push({ label: m![1]!.trim() || 'Date', ...d });
      else if (part.trim()) warn(`date "${part.trim()}" is not a date and was left out`);
    }
    const importance = get('Importance');
    const cadence = get('Check-in every (days)');
    const fields = build('mdy', warn, {
      given: get('Given name'),
      family: get('Family name'),
      display: get('Name') || null,
      nickname: get('Nickname'),
      company: get('Company'),
      title: get('Title'),
      birthday: get('Birthday'),
      notes: get('Notes', true),
      tags: get('Tags').split(' ::: ').map((t) => t.trim()).filter(Boolean),
      howMet: get('How we met'),
      methods,
      dates,
    });
    if (!fields) return null;
    if (importance === 'inner' || importance === 'regular' || importance === 'outer') fields.importance = importance;
    if (/^\d+$/.test(cadence)) fields.cadenceDays = Number(cadence);
    fields.circleName = get('Circle') || null;
    return fields;
  },
};

/** one relation per name in an Outlook cell ("Anna, Ben" for children) */
function relations(label: string, cell: string): ImportedRelation[] {
  if (!cell) return [];
  const names = label === 'Child' ? cell.split(/[,;]/) : [cell];
  return names.map((n) => n.trim()).filter(Boolean).map((name) => ({ name, label, role: relationRole(label), uid: null }));
}

function genericRow(cells: string[], mapping: CsvTarget[], warn: (r: string) => void, order: SlashOrder): RowFields | null {
  const methods: Method[] = [];
  const single: Partial<Record<CsvTarget, string>> = {};
  const notes: string[] = [];
  const tags: string[] = [];
  cells.forEach((raw, i) => {
    const value = raw.trim();
    const target = mapping[i] ?? 'ignore';
    if (!value || target === 'ignore') return;
    if (target === 'email' || target === 'phone' || target === 'address' || target === 'website') collect(methods, target, '', value, warn);
    else if (target === 'notes') notes.push(value);
    else if (target === 'tags') tags.push(...value.split(/[;,|]/).map((t) => t.trim()).filter(Boolean));
    else single[target] ??= value;
  });
  return build(order, warn, {
    given: single.givenName ?? '',
    family: single.familyName ?? '',
    display: single.displayName || composeDisplayName({ given: single.givenName, family: single.familyName, company: single.company, email: methods.find((m) => m.kind === 'email')?.value }),
    nickname: single.nickname,
    company: single.company,
    title: single.title,
    birthday: single.birthday,
    notes: notes.join('\n\n'),
    tags,
    howMet: single.howMet,
    methods,
  });
}

function build(
  order: SlashOrder,
  warn: (r: string) => void,
  f: { given: string; family: string; display: string | null; nickname?: string; company?: string; title?: string; birthday?: string; notes?: string; tags?: string[]; howMet?: string; methods: Method[]; dates?: ImportRecord['dates']; related?: ImportedRelation[] },
): RowFields | null {
  const rejected = f.methods.filter((m) => m.kind === REJECTED).map((m) => `${m.label}: ${m.value}`);
  const methods = f.methods.filter((m) => m.kind !== REJECTED);
  const notes = [f.notes ?? '', ...rejected].filter(Boolean).join('\n');
  const anything = f.display || methods.length || notes;
  if (!anything) return null;
  let birthday: RowFields['birthday'] = null;
  if (f.birthday) {
    birthday = parseLooseDate(f.birthday, order);
    if (!birthday) warn(`birthday "${f.birthday}" is not a date and was left out`);
  }
  return {
    displayName: f.display,
    givenName: f.given || null,
    familyName: f.family || null,
    nickname: f.nickname || null,
    company: f.company || null,
    title: f.title || null,
    birthday,
    notes,
    tags: [...new Set(f.tags ?? [])],
    howMet: f.howMet || null,
    methods,
    dates: f.dates ?? [],
    related: f.related ?? [],
  };
}

/** adds one method per value; Google joins several values in one cell with " ::: " */
function collect(methods: Method[], kind: Method['kind'], label: string, cell: string, warn: (r: string) => void) {
  if (!cell) return;
  for (const raw of cell.split(' ::: ')) {
    const value = raw.trim();
    if (!value) continue;
    // a value that is not a valid email or phone goes to the notes (build() puts it there), not away
    if (kind === 'email' && !EMAIL_PATTERN.test(value)) {
      warn(`email "${value}" is not a valid address; it was kept in the notes`);
      methods.push({ kind: REJECTED, label: 'Email (not a valid address)', value, isPrimary: false });
      continue;
    }
    if (kind === 'phone' && !/\d/.test(value)) {
      warn(`phone "${value}" has no digits; it was kept in the notes`);
      methods.push({ kind: REJECTED, label: 'Phone (no digits)', value, isPrimary: false });
      continue;
    }
    // Google marks the primary value's label with "* "
    methods.push({ kind, label: cleanLabel(label), value, isPrimary: /^\*\s/.test(label) });
  }
}

/**
 * One address from a file's columns: its parts when it has any (every street line kept, PO box and
 * extended address among them), else the formatted text whole as the street.
 */
function collectAddress(methods: Method[], label: string, street: string[], city: string, region: string, postcode: string, country: string, formatted: string, warn: (r: string) => void, countryCode = '') {
  const parts = addressFromAdr(['', '', street.map((l) => l.trim()).filter(Boolean).join('\n'), city, region, postcode, country], countryCode);
  if (isEmptyAddress(parts)) return collect(methods, 'address', label, formatted, warn);
  methods.push({ kind: 'address', label: cleanLabel(label), value: addressText(parts), isPrimary: /^\*\s/.test(label), address: parts });
}

function cleanLabel(label: string): string | null {
  const l = label.replace(/^\*\s*/, '').trim();
  return l ? l.charAt(0).toUpperCase() + l.slice(1) : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1980-04-12, --04-12, 4/12/1980 (order given), 12 Mar 2024, Mar 12, 2024, 12.04.1980 */
export function parseLooseDate(value: string, slashOrder: 'mdy' | 'dmy'): { month: number; day: number; year: number | null } | null {
  const v = value.trim();
  const iso = parseVCardDate(v);
  if (iso) return iso;
  let m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$/.exec(v);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const dotted = v.includes('.');
    const [month, day] = slashOrder === 'mdy' && !dotted ? [a, b] : [b, a];
    return checked(month, day, m[3] ? fullYear(m[3]) : null);
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,})\.?\s+(\d{4})$/.exec(v);
  if (m) return checked(monthOf(m[2]!), Number(m[1]), Number(m[3]));
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(v);
  if (m) return checked(monthOf(m[1]!), Number(m[2]), Number(m[3]));
  return null;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

function checked(month: number, day: number, year: number | null) {
  if (year !== null && (year < 1800 || year > 2200)) return null;
  return isValidMonthDay(month, day, year) ? { month, day, year } : null;
}

/** Outlook writes an empty date as 0/0/00 (0.0.00, 00-00-0000 in other languages) */
function isBlankOutlookDate(v: string): boolean {
  return !v || /^0{1,2}[/.-]0{1,2}[/.-]0{2,4}$/.test(v);
}

function isoOf(d: { month: number; day: number; year: number | null }): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export { CSV_TARGETS };
