// Importers under malformed input: random bytes, truncated files, mangled lines, huge lines and
// deeply nested quoting, as vCard and as CSV. Each preview answers (or refuses the file with a
// typed error); each commit adds exactly what its summary says, lists every unreadable record
// with its number and reason, and never leaves part of itself behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';

const RUNS = Number(process.env.KITH_FUZZ_RUNS ?? 60);
const fixtures = join(__dirname, '..', 'fixtures', 'import');
const validVcard = readFileSync(join(fixtures, 'vcard3-apple.vcf'));
const validVcard21 = readFileSync(join(fixtures, 'vcard21.vcf'));
const validCsv = readFileSync(join(fixtures, 'google.csv'));
const genericCsv = readFileSync(join(fixtures, 'generic.csv'));

let kith: TestBackend;
const totals = { files: 0, refusedFiles: 0, committed: 0, recordsAdded: 0, recordsFailed: 0 };

beforeAll(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-06-15T12:00:00Z', 'Europe/Berlin') });
  await kith.call('contacts.create', { displayName: 'Already Here', methods: [{ kind: 'email', value: 'here@example.org' }] });
});
afterAll(async () => {
  console.log(
    `[import fuzz] ${totals.files} malformed files: ${totals.refusedFiles} refused as a whole with a typed error, ${totals.committed} committed ` +
      `(${totals.recordsAdded} records added, ${totals.recordsFailed} reported as unreadable with their number and reason); integrity ok after each`,
  );
  await kith.dispose();
});

/** a valid file changed: cut short, lines dropped or doubled, bytes flipped, garbage spliced in */
function mangled(base: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.nat({ max: base.length }).map((n) => base.subarray(0, n)),
    fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((flips) => {
      const copy = Buffer.from(base);
      for (const [at, byte] of flips) copy[at] = byte;
      return copy;
    }),
    fc.tuple(fc.nat({ max: base.length }), fc.uint8Array({ maxLength: 300 })).map(([at, junk]) => Buffer.concat([base.subarray(0, at), Buffer.from(junk), base.subarray(at)])),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }).map((keep) => {
      const lines = base.toString('latin1').split(/\r?\n/);
      return Buffer.from(lines.filter((_, i) => keep[i % keep.length]).join('\r\n'), 'latin1');
    }),
  );
}

const hugeLine = (prefix: string) => fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => Buffer.from(prefix + 'x'.repeat(n) + '\r\n'));
const nestedQuotes = fc.integer({ min: 1, max: 5000 }).map((depth) => Buffer.from(`Name,Notes\r\n"${'"'.repeat(depth * 2)}Ada${'"'.repeat(depth * 2)}",x\r\n"unterminated,${'"'.repeat(depth)}\r\n`));
const vcardFiles = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  mangled(validVcard),
  mangled(validVcard21),
  hugeLine('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge\r\nNOTE:').map((b) => Buffer.concat([b, Buffer.from('END:VCARD\r\n')])),
  fc.constant(Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n')),
  fc.constant(Buffer.from('BEGIN:VCARD\r\nBEGIN:VCARD\r\nBEGIN:VCARD\r\nFN:Nested\r\nEND:VCARD\r\n')),
);
const csvFiles = fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)), mangled(validCsv), mangled(genericCsv), nestedQuotes, hugeLine('First Name,Notes\r\nAda,'));

async function importOnce(fileName: string, bytes: Buffer) {
  totals.files++;
  const before = kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  const preview = await kith.dispatch('transfer.importPreview', { source: { kind: 'upload', fileName, base64: bytes.toString('base64') } });
  if (!preview.ok) {
    expect(['invalid_input'], preview.error.message).toContain(preview.error.code);
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(before);
    totals.refusedFiles++;
    return;
  }
  const p = preview.value as { sessionId: string; failed: { record: number; reason: string }[] } | null;
  if (!p) return;
  for (const f of p.failed) {
    expect(Number.isInteger(f.record)).toBe(true);
    expect(f.reason.length).toBeGreaterThan(3);
  }
  const commit = await kith.dispatch('transfer.importCommit', { sessionId: p.sessionId, defaultAction: 'keepBoth' });
  expect(commit.ok, commit.ok ? '' : commit.error.message).toBe(true);
  if (!commit.ok) return;
  const summary = commit.value as { added: number; merged: number; failed: { record: number; reason: string }[] };
  const after = kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  expect(after - before).toBe(summary.added); // exactly what it says: nothing half-written
  expect(kith.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(kith.sqlite.pragma('foreign_key_check')).toEqual([]);
  totals.committed++;
  totals.recordsAdded += summary.added;
  totals.recordsFailed += summary.failed.length;
}

describe('importers under malformed input', () => {
  it('vCard: every file is previewed or refused, every commit is honest and whole', async () => {
    await fc.assert(fc.asyncProperty(vcardFiles, (bytes) => importOnce('fuzz.vcf', bytes)), { numRuns: RUNS });
  }, 300_000);

  it('CSV: every file is previewed or refused, every commit is honest and whole', async () => {
    await fc.assert(fc.asyncProperty(csvFiles, (bytes) => importOnce('fuzz.csv', bytes)), { numRuns: RUNS });
  }, 300_000);
});
