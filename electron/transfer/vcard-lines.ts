// The byte-level half of vCard reading: line endings, BOM, folding, cards, and the vCard 2.1 encodings
// (QUOTED-PRINTABLE, CHARSET) that ical.js does not decode. Each card comes out as clean vCard 3.0/4.0
// text for ical.js, or as a problem saying which card and line could not be read.

import { isUtf8 } from 'node:buffer';
import { decoderFor, detectEncoding, guessLegacy } from './text-encoding';

export interface CardText {
  number: number;
  line: number;
  version: string;
  /** UTF-8 text ical.js can parse */
  text: string;
  /** physical line of each property of `text`, by index of its content line */
  lineOf: number[];
  /** lines skipped or joined, a card recovered from a cut file */
  notes: CardNote[];
}

export interface CardProblem {
  record: number;
  line: number | null;
  reason: string;
}

interface LogicalLine {
  text: string; // binary string (one char per byte)
  line: number;
}

/** stands in for an escaped backslash while ical.js parses; vcard-parse.ts turns it back */
export const BACKSLASH = '\uE000';

const STRUCTURED = new Set(['N', 'ADR', 'ORG', 'GENDER', 'CLIENTPIDMAP']);
const LIST_VALUED = new Set(['CATEGORIES', 'NICKNAME']);

/**
 * Splits a file (any character set, line ending, optional BOM) into cards and hands each to `onCard`
 * as soon as it has been read, so that a big file's lines and cards are never all held at once;
 * cards that cannot be read go to `onProblem`. Both are called in the order the cards end. A card
 * inside another (a vCard 2.1 AGENT) is read as a card of its own; a card the file ends inside is
 * read as far as it goes, with a note.
 */
export function eachCard(bytes: Buffer, onCard: (card: CardText) => void, onProblem: (problem: CardProblem) => void): FileEncoding {
  const file = fileBytes(bytes);
  const text = file.bytes.toString('latin1');

  const open: { number: number; start: number; lines: LogicalLine[] }[] = [];
  let number = 0;
  const finish = (card: { number: number; start: number; lines: LogicalLine[] }, notes: CardNote[]) => {
    const read = decodeCard(card.number, card.start, card.lines, file.encoding, notes);
    if ('reason' in read) onProblem(read);
    else onCard(read);
  };
  for (const l of logicalLines(text)) {
    const upper = l.text.trim().toUpperCase();
    const agentInline = /^([A-Z0-9-]+\.)?AGENT(;[^:]*)?:BEGIN:VCARD$/.test(upper);
    if (upper === 'BEGIN:VCARD' || agentInline) {
      const parent = open.at(-1);
      // a card begins inside another only after its AGENT property; else the open card lost its END
      const nested = agentInline || (parent && /^([A-Z0-9-]+\.)?AGENT(;[^:]*)?:$/i.test(parent.lines.at(-1)?.text.trim() ?? ''));
      if (parent && !nested) {
        open.pop();
        finish(parent, [{ line: parent.start, reason: 'card has no END:VCARD before the next card begins; what it holds was read' }]);
      }
      number++;
      open.push({ number, start: l.line, lines: [] });
    } else if (upper === 'END:VCARD') {
      const card = open.pop();
      if (card) finish(card, []); // a stray END: nothing to read
    } else if (open.length) {
      open.at(-1)!.lines.push(l);
    }
  }
  // the file ended inside these cards: read what they hold
  while (open.length) {
    const card = open.pop()!;
    finish(card, [{ line: card.start, reason: 'card has no END:VCARD (the file ends inside it); what it holds was read' }]);
  }
  return file.encoding;
}

export interface FileEncoding {
  /** the file's character set: what a property without CHARSET is read in */
  name: string;
  /** the file was UTF-16 and has been turned into UTF-8: a CHARSET parameter no longer says how its raw bytes are written */
  transcoded: boolean;
}

export interface CardNote {
  line: number;
  reason: string;
}

/** the file's bytes in an ASCII-compatible form: UTF-16 becomes UTF-8, anything else stays as it is */
function fileBytes(bytes: Buffer): { bytes: Buffer; encoding: FileEncoding } {
  const detected = detectEncoding(bytes);
  const body = bytes.subarray(detected.bomLength);
  if (detected.encoding.startsWith('utf-16')) {
    return { bytes: Buffer.from(decoderFor(detected.encoding)!(body), 'utf8'), encoding: { name: 'utf-8', transcoded: true } };
  }
  return { bytes: body, encoding: { name: detected.encoding, transcoded: false } };
}

/**
 * The file's logical lines, one at a time: physical lines (split at CRLF, CR or LF) with folded
 * lines (a leading space or tab) and 2.1 quoted-printable soft line breaks (a trailing =) joined, and
 * blank lines left out. A line is given out once the next line shows it is complete.
 */
function* logicalLines(text: string): Generator<LogicalLine> {
  const lineBreak = /\r\n|\r|\n/g;
  let last: LogicalLine | null = null;
  let start = 0;
  for (let number = 1; ; number++) {
    const found = lineBreak.exec(text);
    const raw = text.slice(start, found ? found.index : text.length);
    if (last && /^[ \t]/.test(raw)) {
      last.text += raw.slice(1);
    } else if (last && last.text.endsWith('=') && isQuotedPrintable(last.text) && !/^(BEGIN|END):VCARD$/i.test(raw.trim())) {
      last.text = last.text.slice(0, -1) + raw;
    } else if (raw.trim() !== '') {
      if (last) yield last;
      last = { text: raw, line: number };
    }
    if (!found) break;
    start = found.index + found[0].length;
  }
  if (last) yield last;
}

function isQuotedPrintable(line: string): boolean {
  const colon = nameAndParamsEnd(line);
  return /(^|;)(ENCODING=)?QUOTED-PRINTABLE(;|$)/i.test(line.slice(0, colon));
}

/** index of the ':' that ends name and parameters (a ':' inside a quoted parameter does not count) */
function nameAndParamsEnd(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

function splitParams(head: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      parts.push(head.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(head.slice(start));
  return parts;
}

/** properties whose value can run over lines: where a line without ':' most likely continues one */
const MULTI_LINE = new Set(['NOTE', 'ADR', 'LABEL', 'X-NOTE']);

function propertyName(line: string): string {
  return splitParams(line.slice(0, nameAndParamsEnd(line)))[0]!.split('.').at(-1)!.toUpperCase();
}

/** a property name as the specs allow it (with an optional group): anything else before a ':' is text that lost its fold */
const PROPERTY_NAME = /^([A-Za-z0-9-]+\.)?[A-Za-z0-9-]+$/;

/**
 * Lines that are not properties are joined to the property before them (a 2.1 value continued on
 * the next line without folding, base64 written on lines of its own) or, without one, skipped; a
 * comment is skipped. Each one but base64 is noted with its line.
 */
function repairLines(lines: LogicalLine[], legacy: boolean, notes: CardNote[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (const l of lines) {
    const colon = nameAndParamsEnd(l.text);
    // the name ends at the first ';' (a name holds no quotes, so no quoted ';' comes before it)
    const semi = l.text.indexOf(';');
    const head = colon < 0 ? '' : l.text.slice(0, semi >= 0 && semi < colon ? semi : colon);
    if (colon >= 0 && PROPERTY_NAME.test(head)) {
      out.push({ ...l });
      continue;
    }
    const previous = out.at(-1);
    const trimmed = l.text.trim();
    if (/^(#|\/\/)/.test(trimmed)) {
      notes.push({ line: l.line, reason: `line ${l.line} is a comment ("${shorten(trimmed)}") and was skipped` });
    } else if (previous && /ENCODING=(B|BASE64)|;BASE64[;:]/i.test(previous.text.slice(0, nameAndParamsEnd(previous.text))) && /^[A-Za-z0-9+/=\s]+$/.test(trimmed)) {
      previous.text += trimmed; // 2.1 base64 goes on over lines of its own
    } else if (previous && MULTI_LINE.has(propertyName(previous.text))) {
      previous.text += (legacy ? '\n' : '\\n') + l.text;
      notes.push({ line: l.line, reason: `line ${l.line} is not a vCard property ("${shorten(trimmed)}"); it was read as the next line of the ${propertyName(previous.text)} on line ${previous.line}` });
    } else {
      notes.push({ line: l.line, reason: `line ${l.line} is not a vCard property ("${shorten(trimmed)}") and was skipped` });
    }
  }
  return out;
}

function shorten(s: string): string {
  const text = Buffer.from(s, 'latin1').toString('utf8');
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}

function decodeCard(number: number, start: number, rawLines: LogicalLine[], file: FileEncoding, notes: CardNote[]): CardText | CardProblem {
  const versionLine = rawLines.find((l) => /^VERSION:/i.test(l.text.trim()));
  const version = versionLine ? versionLine.text.trim().slice(8).trim() : '3.0';
  const legacy = version === '2.1' || version === '2.0';
  const lines = repairLines(rawLines, legacy, notes);
  const out: string[] = ['BEGIN:VCARD'];
  const lineOf: number[] = [start];
  let hasVersion = false;
  for (const l of lines) {
    const colon = nameAndParamsEnd(l.text);
    const [nameWithGroup = '', ...params] = splitParams(l.text.slice(0, colon));
    const rawValue = l.text.slice(colon + 1);
    const name = nameWithGroup.split('.').at(-1)!.toUpperCase();
    if (name === 'VERSION') {
      if (hasVersion) continue;
      hasVersion = true;
      out.push(`VERSION:${legacy ? '3.0' : version}`);
      lineOf.push(l.line);
      continue;
    }

    let charset: string | null = null;
    let encoding: string | null = null;
    const kept: string[] = [];
    const types: string[] = [];
    for (const p of params) {
      const eq = p.indexOf('=');
      const key = (eq < 0 ? '' : p.slice(0, eq)).toUpperCase();
      const value = eq < 0 ? p : p.slice(eq + 1);
      if (key === 'CHARSET') charset = value.replace(/"/g, '');
      else if (key === 'ENCODING') encoding = value.toUpperCase();
      else if (eq < 0 && /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(p)) encoding = p.toUpperCase();
      else if (eq < 0 || key === 'TYPE') types.push(...value.split(','));
      else kept.push(p);
    }
    if (legacy || types.length) {
      // 2.1 writes bare types (TEL;HOME;VOICE); 3.0 parsers want TYPE=
      if (types.length) kept.unshift(`TYPE=${types.map((t) => t.replace(/"/g, '')).join(',')}`);
    }
    const binary = encoding === 'BASE64' || encoding === 'B';
    if (binary) kept.push('ENCODING=b');

    let value: string;
    if (binary) {
      value = rawValue.replace(/\s+/g, '');
    } else {
      const quotedPrintable = encoding === 'QUOTED-PRINTABLE' || encoding === 'QP';
      // the bytes are decoded first and unescaped after (ical.js): a Shift_JIS byte can look like a backslash
      const decoded = decodeValue(rawValue, quotedPrintable, charset, file);
      if (decoded === null) {
        notes.push({ line: l.line, reason: `unknown character set "${charset}" on line ${l.line}; the ${name} was read as ${file.name}` });
        value = decodeValue(rawValue, quotedPrintable, null, file)!;
      } else value = decoded;
      value = legacy ? escapeLegacyValue(name, value) : value;
      // ical.js misreads an escaped backslash before a separator (N:;\\;;; gives "\;"): hand it a stand-in
      value = unescapeSemicolons(name, value.replace(/\\\\/g, BACKSLASH));
    }
    // a property name as ical.js wants it; a group keeps its case (X-ABLabel finds its item by it)
    out.push(`${nameWithGroup}${kept.length ? ';' + kept.join(';') : ''}:${value}`);
    lineOf.push(l.line);
  }
  out.push('END:VCARD');
  lineOf.push(start);
  return { number, line: start, version, text: out.join('\r\n'), lineOf, notes };
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * One value's text. Its CHARSET decides; without one, bytes that are valid UTF-8 are UTF-8 and the
 * rest are read in the file's own character set (what an old phone wrote everything in); a file
 * turned from UTF-16 into UTF-8 is UTF-8 whatever a CHARSET says, except inside quoted-printable.
 * Null when the CHARSET is one no decoder knows.
 */
function decodeValue(raw: string, quotedPrintable: boolean, charset: string | null, file: FileEncoding): string | null {
  // plain ASCII reads the same in every set a file can be in here (most lines of most files)
  if (!quotedPrintable && ASCII.test(raw)) return raw;
  const bytes = quotedPrintable ? decodeQuotedPrintable(raw) : Buffer.from(raw, 'latin1');
  let set = charset;
  if (file.transcoded && !quotedPrintable) set = 'utf-8';
  if (set === null) set = isUtf8(bytes) ? 'utf-8' : file.name === 'utf-8' ? guessLegacy(bytes) : file.name;
  const decode = decoderFor(set);
  return decode ? decode(bytes) : null;
}

export function decodeQuotedPrintable(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '=' && i === value.length - 1) {
      // a soft break at the very end
    } else {
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** 2.1 escapes only `\;` inside structured values; 3.0 wants commas, semicolons, newlines and backslashes escaped */
function escapeLegacyValue(name: string, value: string): string {
  const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
  // a `;` inside a structured part must be escaped; in plain text ical.js reads it as it is
  if (STRUCTURED.has(name)) return splitUnescaped(value, ';').map((part) => escape(part).replace(/;/g, '\\;')).join(';');
  if (LIST_VALUED.has(name)) return value.split(',').map((v) => escape(v.trim())).join(',');
  return escape(value);
}

function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && value[i + 1] === separator) {
      current += separator;
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** ical.js leaves `\;` escaped in plain text values (3.0 and 4.0); in those a `;` needs no escape (escaped backslashes are stand-ins by now) */
function unescapeSemicolons(name: string, value: string): string {
  if (STRUCTURED.has(name)) return value;
  return value.replace(/\\;/g, ';');
}
