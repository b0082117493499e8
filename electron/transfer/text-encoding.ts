// Which character set a file (or one vCard property) is in, and its text. A BOM decides first; then
// UTF-16 without a BOM (every other byte zero); then UTF-8 when the bytes are valid UTF-8 (almost
// every file today); only a file that is none of those goes to chardet, which scores the legacy sets
// (windows-1252, ISO-8859-x, Shift_JIS, EUC, GBK, KOI8...) by their byte statistics.
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DetectedEncoding {
  /** a name TextDecoder / iconv-lite know */
  encoding: string;
  /** bytes of the BOM to skip */
  bomLength: number;
  /** how it was decided, for the preview's notes */
  by: 'bom' | 'utf16-pattern' | 'utf8' | 'detector' | 'fallback';
}

export function detectEncoding(bytes: Buffer): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, by: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, by: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, by: 'bom' };
  const utf16 = utf16Pattern(bytes);
  if (utf16) return { encoding: utf16, bomLength: 0, by: 'utf16-pattern' };
  if (isUtf8(bytes)) return { encoding: 'utf-8', bomLength: 0, by: 'utf8' };
  return { encoding: guessLegacy(bytes), bomLength: 0, by: 'detector' };
}

/** UTF-16 text of mostly Latin letters has a zero in every other byte: even bytes (BE) or odd (LE) */
function utf16Pattern(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** the legacy set of bytes that are not UTF-8; windows-1252 when nothing is sure (what "ANSI" exports are) */
export function guessLegacy(bytes: Buffer): string {
  const found = chardet.analyse(nonAsciiLines(bytes));
  const best = found[0];
  if (!best || best.confidence < 10) return 'windows-1252';
  const name = best.name.toLowerCase();
  // ISO-8859-1 is read as its superset windows-1252 (Outlook's "ANSI": curly quotes, the euro sign)
  if (name === 'iso-8859-1' || name === 'utf-8' || name.startsWith('utf-') || name === 'ascii') return 'windows-1252';
  return decoderFor(name) ? name : 'windows-1252';
}

/**
 * The lines that hold bytes above 127, and of those only what follows the first ':' (a vCard value)
 * or the whole line (CSV): the ASCII structure around them (property names, delimiters) only dilutes
 * the byte statistics the detector reads.
 */
function nonAsciiLines(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  let start = 0;
  for (let i = 0; i <= bytes.length && size < 65536; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) continue;
    const line = bytes.subarray(start, i);
    start = i + 1;
    if (!line.some((b) => b > 0x7f)) continue;
    const colon = line.indexOf(0x3a);
    const value = colon >= 0 && colon < 80 ? line.subarray(colon + 1) : line;
    parts.push(value, Buffer.from('\n'));
    size += value.length + 1;
  }
  return parts.length ? Buffer.concat(parts) : bytes.subarray(0, 65536);
}

const decoders = new Map<string, ((bytes: Buffer) => string) | null>();

/** a decoder for a character set name as files write it (UTF-8, ISO-8859-2, SHIFT_JIS, x-sjis, cp1250...), or null for an unknown one */
export function decoderFor(charset: string): ((bytes: Buffer) => string) | null {
  const key = charset.trim().toLowerCase();
  if (decoders.has(key)) return decoders.get(key)!;
  let decode: ((bytes: Buffer) => string) | null = null;
  // iconv-lite first: Node's TextDecoder reads windows-1252 as ISO-8859-1 (no €, no curly quotes)
  const alias = key.replace(/^x-/, '').replace(/^cp-?(\d+)$/, 'cp$1').replace(/^sjis$/, 'shift_jis');
  if (iconv.encodingExists(alias)) decode = (bytes) => iconv.decode(bytes, alias, { stripBOM: false });
  else {
    try {
      const d = new TextDecoder(key);
      decode = (bytes) => d.decode(bytes);
    } catch {
      decode = null;
    }
  }
  decoders.set(key, decode);
  return decode;
}

/** the whole file as text in its detected character set, without the BOM */
export function decodeFile(bytes: Buffer): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes);
  const body = bytes.subarray(encoding.bomLength);
  const text = decoderFor(encoding.encoding)!(body);
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}
