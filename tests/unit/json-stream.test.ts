// The streamed reader of a JSON export gives what JSON.parse of the whole file gives, whatever the
// layout and wherever the chunks are cut; a file cut short or damaged is refused, naming the row.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readJsonExportStream, type JsonItem } from '../../electron/transfer/json-stream';
import { ServiceError } from '../../shared/api/errors';

async function readAll(bytes: Buffer, chunkBytes: number) {
  // Maps, so that a table or member named "__proto__" or "toString" is kept like any other name
  const members = new Map<string, unknown>();
  const tables = new Map<string, Record<string, unknown>[]>();
  for await (const item of readJsonExportStream({ kind: 'bytes', bytes, chunkBytes }) as AsyncGenerator<JsonItem>) {
    if (item.kind === 'member') members.set(item.key, item.value);
    else {
      const rows = tables.get(item.table) ?? [];
      tables.set(item.table, rows);
      expect(item.index).toBe(rows.length);
      rows.push(item.row);
    }
  }
  return { members: Object.fromEntries(members), tables: Object.fromEntries(tables) };
}

const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('"', '\\', 'a', '{', '}', '[', ']', ',', ':', ' ') }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.record({ $base64: fc.base64String() }));
const row = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), cell, { maxKeys: 6 });
const exportLike = fc.record({
  format: fc.constant('kith-export'),
  version: fc.constant(1),
  exportedAt: fc.string(),
  schemaVersions: fc.array(fc.string(), { maxLength: 4 }),
  tables: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.array(row, { maxLength: 6 }), { maxKeys: 5 }),
});

describe('reading a JSON export as a stream', () => {
  it('gives what JSON.parse gives, for any layout and any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(exportLike, fc.constantFrom(undefined, 1, 2, '\t'), fc.integer({ min: 1, max: 64 }), async (data, indent, chunk) => {
        const bytes = Buffer.from(JSON.stringify(data, null, indent));
        const { members, tables } = await readAll(bytes, chunk);
        const { tables: expected, ...rest } = JSON.parse(bytes.toString('utf8'));
        expect(members).toEqual(rest);
        // an empty table gives no rows
        expect(tables).toEqual(Object.fromEntries(Object.entries(expected as Record<string, unknown[]>).filter(([, rows]) => rows.length)));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file cut anywhere short of its end', async () => {
    const data = { format: 'kith-export', version: 1, exportedAt: 'x', schemaVersions: ['0001'], tables: { contacts: [{ id: 'a', n: 'say "hi" \\' }, { id: 'b' }], notes: [{ id: 'c', v: [1, { d: 2 }] }] } };
    const bytes = Buffer.from(JSON.stringify(data, null, 1));
    for (let cut = 0; cut < bytes.length - 1; cut++) {
      await expect(readAll(bytes.subarray(0, cut), 7), `cut at ${cut}`).rejects.toBeInstanceOf(ServiceError);
    }
  });

  it('names the row that is damaged', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, text: `row ${i}` }));
    const text = JSON.stringify({ format: 'kith-export', version: 1, tables: { interactions: rows } }, null, 1);
    const damaged = text.replace('"id": "r31"', '"id": "r31" "oops"');
    const error = await readAll(Buffer.from(damaged), 16).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain('row 32 of interactions');
    const notUtf8 = Buffer.from(text.replace('row 40', 'row \u0001\u0001'));
    notUtf8[notUtf8.indexOf('\u0001\u0001')] = 0xff;
    expect((await readAll(notUtf8, 16).catch((e) => e)).message).toContain('row 41 of interactions');
  });

  it('refuses what is not an export of rows', async () => {
    for (const text of ['[1, 2]', '"text"', '{"tables": [1]}', '{"tables": {"contacts": {"id": 1}}}', '{"tables": {"contacts": [1]}}', '{"a": 1,}', '{"tables": {"contacts": [{"id": 1},]}}', '{"a": 1} x', '']) {
      await expect(readAll(Buffer.from(text), 3), text).rejects.toBeInstanceOf(ServiceError);
    }
  });
});
