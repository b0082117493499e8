// The byte-level half of vCard reading: line endings, BOM, folding, cards, and the vCard 2.1 encodings
// (QUOTED-PRINTABLE, CHARSET) that ical.js does not decode. Each card comes out as clean vCard 3.0/4.0
// text for ical.js, or as a problem saying which card and line could not be read.

export interface CardText {
  number: number;
  line: number;
  version: string;
  /** UTF-8 text ical.js can parse */
  text: string;
  /** physical line of each property of `text`, by index of its content line */
  lineOf: number[];
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
 * Splits a file (any line ending, optional BOM) into cards and hands each to `onCard` as soon as it
 * has been read, so that a big file's lines and cards are never all held at once; broken cards go to
 * `onProblem`. Both are called in the order of the file.
 */
export function eachCard(bytes: Buffer, onCard: (card: CardText) => void, onProblem: (problem: CardProblem) => void): void {
  let text = bytes.toString('latin1');
  if (text.startsWith('\xEF\xBB\xBF')) text = text.slice(3);

  let current: { start: number; lines: LogicalLine[] } | null = null;
  let number = 0;
  for (const l of logicalLines(text)) {
    const upper = l.text.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      if (current) onProblem({ record: number, line: current.start, reason: 'card has no END:VCARD before the next card begins' });
      number++;
      current = { start: l.line, lines: [] };
    } else if (upper === 'END:VCARD') {
      if (!current) continue; // a stray END: nothing to read
      const card = decodeCard(number, current.start, current.lines);
      if ('reason' in card) onProblem(card);
      else onCard(card);
      current = null;
    } else if (current) {
      current.lines.push(l);
    }
  }
  if (current) onProblem({ record: number, line: current.start, reason: 'card has no END:VCARD (the file ends inside it)' });
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

function decodeCard(number: number, start: number, lines: LogicalLine[]): CardText | CardProblem {
  const versionLine = lines.find((l) => /^VERSION:/i.test(l.text.trim()));
  const version = versionLine ? versionLine.text.trim().slice(8).trim() : '3.0';
  const legacy = version === '2.1';
  const out: string[] = ['BEGIN:VCARD'];
  const lineOf: number[] = [start];
  for (const l of lines) {
    const colon = nameAndParamsEnd(l.text);
    if (colon < 0) return { record: number, line: l.line, reason: `line ${l.line} is not a vCard property (no ":")` };
    const [nameWithGroup = '', ...params] = splitParams(l.text.slice(0, colon));
    const rawValue = l.text.slice(colon + 1);
    const name = nameWithGroup.split('.').at(-1)!.toUpperCase();
    if (name === 'VERSION') {
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
      const decoder = decoderFor(charset ?? 'utf-8');
      if (!decoder) return { record: number, line: l.line, reason: `unknown character set "${charset}" on line ${l.line}` };
      const quotedPrintable = encoding === 'QUOTED-PRINTABLE';
      // plain ASCII reads the same in UTF-8 (most lines of most files): no bytes to decode
      value = !quotedPrintable && charset === null && ASCII.test(rawValue) ? rawValue : decoder.decode(quotedPrintable ? decodeQuotedPrintable(rawValue) : Buffer.from(rawValue, 'latin1'));
      value = legacy ? escapeLegacyValue(name, value) : value;
      // ical.js misreads an escaped backslash before a separator (N:;\\;;; gives "\;"): hand it a stand-in
      value = unescapeSemicolons(name, value.replace(/\\\\/g, BACKSLASH));
    }
    out.push(`${nameWithGroup}${kept.length ? ';' + kept.join(';') : ''}:${value}`);
    lineOf.push(l.line);
  }
  out.push('END:VCARD');
  lineOf.push(start);
  return { number, line: start, version, text: out.join('\r\n'), lineOf };
}

const ASCII = /^[\x00-\x7f]*$/;
const decoders = new Map<string, TextDecoder>();

/** one decoder per character set (a decode without `stream` keeps no state between calls); null for a set the platform does not know */
function decoderFor(charset: string): TextDecoder | null {
  let decoder = decoders.get(charset);
  if (!decoder) {
    try {
      decoder = new TextDecoder(charset);
    } catch {
      return null;
    }
    decoders.set(charset, decoder);
  }
  return decoder;
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
