// Reads a Kith JSON export as a stream, one row at a time, so a file of hundreds of MB (attachments
// as base64) is never one string or one object graph in memory. The export is one object whose
// large part is `tables`: an object of arrays of flat row objects. Only that framing is read here,
// byte by byte (strings skipped with indexOf, so a 30 MB base64 value costs one memchr); every row,
// and every other member of the top object, is then parsed by the engine's own JSON.parse: the same
// grammar and the same errors as reading the file whole, with the table and row they happened in.
// Any valid JSON layout of that shape is read (members in any order, any whitespace); a row must fit
// in memory, which the largest attachment (25 MB) does.
import { createReadStream } from 'node:fs';
import { ServiceError } from '../../shared/api/errors';

/** where an export's bytes come from: an upload held in memory, or a file read from disk */
export type JsonSource = { kind: 'bytes'; bytes: Buffer; chunkBytes?: number } | { kind: 'path'; path: string };

export type JsonItem = { kind: 'member'; key: string; value: unknown } | { kind: 'row'; table: string; index: number; row: Record<string, unknown> };

const BYTES_CHUNK = 1024 * 1024;

async function* chunksOf(source: JsonSource): AsyncGenerator<Buffer> {
  if (source.kind === 'bytes') {
    const size = source.chunkBytes ?? BYTES_CHUNK;
    for (let at = 0; at < source.bytes.length; at += size) yield source.bytes.subarray(at, at + size);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: BYTES_CHUNK })) yield chunk as Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const refuse = (message: string) => new ServiceError('invalid_input', message, 'source');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * The top object's members other than `tables` (format, version…) and every row of every table,
 * in the file's order. `wanted(table)` false: that table's rows are framed but not parsed. A file
 * that is not such an object, is cut short or has a damaged row is refused (invalid_input) with
 * the table and row, as soon as it is met: a caller that writes as it reads rolls back.
 */
export async function* readJsonExportStream(source: JsonSource, wanted: (table: string) => boolean = () => true): AsyncGenerator<JsonItem> {
  // level: 0 outside, 1 in the top object, 2 in `tables`, 3 in one table's array; inner: how deep
  // inside the value being read at that level (a row's own objects, a member's arrays)
  let level = 0;
  let inner = 0;
  let inString = false;
  /** backslashes just before the current position inside a string (an odd count escapes a quote) */
  let slashes = 0;
  /** the part being read at this level: a name (up to ':') or a value / row (up to ',' or the closer) */
  let part = 'none' as 'key' | 'value' | 'none';
  let pieces: Buffer[] = [];
  let capturing = false;
  let hasContent = false;
  let afterComma = false;
  let topKey = '';
  let table = '';
  let rowIndex = 0;
  let first = true;
  /** how far into the file we are, for the message of a damaged file */
  let offset = 0;
  const seen = new Set<string>();

  const where = () => (level >= 2 && table ? `row ${rowIndex + 1} of ${table}` : topKey ? `“${topKey}”` : 'the start of the file');
  const damaged = (at: number, why = 'it is not valid JSON there') => refuse(`The file is damaged at ${where()} (byte ${at}): ${why}. Nothing was imported.`);
  const text = (): string => {
    const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    pieces = [];
    try {
      return utf8.decode(bytes).trim();
    } catch {
      throw refuse(`The file is damaged at ${where()}: it has bytes that are not UTF-8 text. Nothing was imported.`);
    }
  };
  const parse = (raw: string, at: number): unknown => {
    try {
      return JSON.parse(raw);
    } catch (err) {
      throw damaged(at, (err as Error).message);
    }
  };
  const begin = (next: 'key' | 'value', capture: boolean, comma: boolean) => {
    part = next;
    capturing = capture;
    hasContent = false;
    afterComma = comma;
    pieces = [];
  };

  for await (const chunk of chunksOf(source)) {
    let i = 0;
    const n = chunk.length;
    // a UTF-8 byte order mark before the top object
    if (first && n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    first = false;
    let start = i; // where the captured part of this chunk begins
    const items: JsonItem[] = [];
    for (; i < n; i++) {
      if (inString) {
        // on to the closing quote: the next quote not escaped by an odd run of backslashes
        if (slashes % 2 === 1 && chunk[i] === QUOTE) {
          // escaped by backslashes at the end of the last chunk
          slashes = 0;
          continue;
        }
        const q = chunk.indexOf(QUOTE, i);
        let s = 0;
        const end = q === -1 ? n : q;
        for (let k = end - 1; k >= i && chunk[k] === BACKSLASH; k--) s++;
        if (s === end - i) s += slashes; // the run began in an earlier chunk
        if (q === -1) {
          slashes = s;
          i = n;
          break;
        }
        slashes = 0;
        i = q;
        if (s % 2 === 0) inString = false;
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) continue;
      if (level === 0 && b !== 0x7b) throw refuse('This JSON file is not a Kith export');
      if (b === QUOTE) {
        hasContent = true;
        inString = true;
        slashes = 0;
        continue;
      }
      if (inner > 0) {
        if (b === 0x7b || b === 0x5b) inner++;
        else if (b === 0x7d || b === 0x5d) inner--;
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        // { or [ where this level's part begins
        if (level === 0) {
          if (seen.size) throw refuse('This JSON file is not a Kith export');
          level = 1;
          begin('key', true, false);
          start = i + 1;
          continue;
        }
        if (part === 'key') throw damaged(offset + i);
        if (level === 1 && topKey === 'tables' && !hasContent) {
          if (b !== 0x7b) throw refuse('This JSON file is not a Kith export (its tables are not an object)');
          level = 2;
          begin('key', true, false);
          start = i + 1;
          continue;
        }
        if (level === 2) {
          if (b !== 0x5b || hasContent) throw refuse(`The file is damaged at ${table}: it is not a list of rows. Nothing was imported.`);
          level = 3;
          rowIndex = 0;
          begin('value', wanted(table), false);
          start = i + 1;
          continue;
        }
        hasContent = true;
        inner = 1;
        continue;
      }
      if (b !== 0x7d && b !== 0x5d && b !== 0x2c && b !== 0x3a) {
        // a number, true, false or null: part of the value being read
        if (part === 'key' || level === 2 || (level === 1 && topKey === 'tables')) throw damaged(offset + i);
        hasContent = true;
        continue;
      }
      // } ] , or : ends this level's part
      if (capturing) pieces.push(chunk.subarray(start, i));
      if (b === 0x3a) {
        if (part !== 'key' || !hasContent) throw damaged(offset + i);
        const key = parse(text(), offset + i);
        if (typeof key !== 'string') throw damaged(offset + i, 'a name is not text');
        if (level === 1) {
          if (seen.has(key)) throw damaged(offset + i, `“${key}” appears twice`);
          seen.add(key);
          topKey = key;
          table = '';
          // `tables` is read table by table; every other member is parsed whole
          begin('value', key !== 'tables', false);
        } else {
          table = key;
          begin('value', false, false);
        }
        start = i + 1;
        continue;
      }
      const closer = b === 0x7d || b === 0x5d;
      const rightCloser = level === 3 ? b === 0x5d : b === 0x7d;
      if (closer && !rightCloser) throw damaged(offset + i);
      if (level === 3) {
        if (!hasContent) {
          // only an empty table has no row before its ]
          if (!(closer && rowIndex === 0 && !afterComma)) throw damaged(offset + i, 'a row is missing');
        } else {
          if (capturing) {
            const row = parse(text(), offset + i);
            if (!row || typeof row !== 'object' || Array.isArray(row)) throw damaged(offset + i, 'a row is not an object');
            items.push({ kind: 'row', table, index: rowIndex, row: row as Record<string, unknown> });
          }
          pieces = [];
          rowIndex++;
        }
        if (closer) {
          level = 2;
          part = 'none';
          hasContent = true;
          capturing = false;
          continue;
        }
        begin('value', wanted(table), true);
        start = i + 1;
        continue;
      }
      // levels 1 and 2: a name with no value, or an empty name after a comma, is damage
      if (part === 'key' && (hasContent || !closer || afterComma)) throw damaged(offset + i);
      if (part === 'value' && level === 1) {
        if (capturing) {
          if (!hasContent) throw damaged(offset + i, 'a value is missing');
          items.push({ kind: 'member', key: topKey, value: parse(text(), offset + i) });
        } else if (!hasContent) throw damaged(offset + i, 'a value is missing');
      }
      if (part === 'value' && level === 2) throw damaged(offset + i, 'a value is missing');
      if (closer) {
        level--;
        part = 'none';
        hasContent = true;
        capturing = false;
        continue;
      }
      begin('key', true, true);
      start = i + 1;
    }
    if (capturing && part !== 'none' && level >= 1) pieces.push(chunk.subarray(start, n));
    offset += n;
    yield* items;
  }
  if (level !== 0 || inString) throw refuse(`The file ends in the middle of ${where()}: it was cut short (${offset} bytes). Nothing was imported.`);
  if (!seen.size) throw refuse('This JSON file is not a Kith export');
}
