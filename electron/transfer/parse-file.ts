// Reading an address book file into records: decoding, vCard or CSV parsing, the text rule and the
// contact form's validation. Pure (no database, no clock), so a large file is read in a worker
// thread (parse-worker.ts) while the back end goes on answering; a small one is read in place.
import { cleanTextInPlace } from '../../shared/domain/text';
import { ServiceError } from '../../shared/api/errors';
import { contactFields } from '../../shared/api/methods/contacts';
import type { CsvTarget, ImportFormat } from '../../shared/api/methods/transfer';
import { csvToRecords, readCsv, suggestMapping, type CsvTable } from './csv-formats';
import type { ImportRecord, ParsedFile } from './record';
import { parseVCardFile } from './vcard-parse';
import { comparedValues, type ComparedValues } from './compared-values';
import type { CountryCode } from 'libphonenumber-js';

export interface ParseRequest {
  bytes: Uint8Array;
  /** 'vcard' or a CSV format; JSON exports are read by the back end (they restore into its file) */
  format: ImportFormat;
  mapping?: CsvTarget[];
  /** the mapping the user chose before, kept when they switch only the format */
  previousMapping: CsvTarget[] | null;
  /** the user's phone region: given, the records' compared forms come back with them (compared-values.ts) */
  region?: CountryCode;
}

export interface ParseResult {
  format: ImportFormat;
  csv: CsvTable | null;
  mapping: CsvTarget[] | null;
  parsed: ParsedFile;
  compared?: ComparedValues;
}

export function parseContactsFile(request: ParseRequest): ParseResult {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  let result: ParseResult;
  if (request.format === 'vcard') {
    result = { format: 'vcard', csv: null, mapping: null, parsed: parseVCardFile(bytes) };
  } else {
    const table = readCsv(bytes);
    if (!table.headers.length) throw new ServiceError('invalid_input', 'The file has no rows', 'source');
    const mapping = request.mapping;
    if (mapping && mapping.length !== table.headers.length) throw new ServiceError('invalid_input', `The mapping has ${mapping.length} columns; the file has ${table.headers.length}`, 'mapping');
    const chosen = table.format === 'generic' ? (mapping ?? request.previousMapping ?? suggestMapping(table.headers)) : null;
    result = { format: table.format, csv: table, mapping: chosen, parsed: csvToRecords(table, chosen ?? undefined) };
  }
  // the same rule as the API's (shared/domain/text.ts): what a file carries is cleaned, and said
  for (const record of result.parsed.records) {
    const changed = cleanTextInPlace(record);
    if (changed) result.parsed.warnings.push({ record: record.number, line: record.line, reason: `${changed} NUL or broken character${changed === 1 ? '' : 's'} removed (Kith does not store them)` });
  }
  validateRecords(result.parsed);
  if (request.region) result.compared = comparedValues(result.parsed.records, request.region);
  return result;
}

/** holds every record to the rules of the contact form; an invalid method is left out, anything else fails the record */
function validateRecords(parsed: ParsedFile): void {
  const valid: ImportRecord[] = [];
  for (const record of parsed.records) {
    const { circleName: _c, ...fields } = record.fields;
    let result = contactFields.safeParse(fields);
    while (!result.success) {
      const issue = result.error.issues[0]!;
      const [first, index] = issue.path;
      if (first === 'methods' && typeof index === 'number' && fields.methods) {
        const m = fields.methods[index]!;
        parsed.warnings.push({ record: record.number, line: record.line, reason: `${m.kind} "${m.value.slice(0, 60)}" left out: ${issue.message}` });
        fields.methods = fields.methods.filter((_, i) => i !== index);
        result = contactFields.safeParse(fields);
        continue;
      }
      if (first === 'tags' && typeof index === 'number' && fields.tags) {
        parsed.warnings.push({ record: record.number, line: record.line, reason: `tag left out: ${issue.message}` });
        fields.tags = fields.tags.filter((_, i) => i !== index);
        result = contactFields.safeParse(fields);
        continue;
      }
      break;
    }
    if (!result.success) {
      const issue = result.error.issues[0]!;
      parsed.failed.push({ record: record.number, line: record.line, reason: `${issue.path.join('.') || 'record'}: ${issue.message}` });
      continue;
    }
    record.fields = { ...result.data, circleName: record.fields.circleName ?? null };
    valid.push(record);
  }
  parsed.records = valid;
  parsed.failed.sort((a, b) => a.record - b.record);
  parsed.warnings.sort((a, b) => a.record - b.record);
}
