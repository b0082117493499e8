// A large address book is read in a worker thread: while its preview is being made the back end
// goes on answering other calls, and what the worker reads is exactly what reading in place gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { generatedCards, previewFile, upload } from '../helpers/transfer';
import { parseContactsFile } from '../../electron/transfer/parse-file';
import { PARSE_IN_WORKER_BYTES, readContactsFile } from '../../electron/transfer/parse-off-thread';

let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

const cards = (n: number) => generatedCards(n, { given: 'Wendy', family: 'Worker', domain: 'worker.example', categories: 'imported', note: (i) => `Card ${i}\\, read off the main thread` });

describe('reading a large import file off the back end’s thread', () => {
  it('keeps the event loop free while a 6,000-card file is read: no pause near as long as reading it in place', async () => {
    const file = Buffer.from(cards(6000));
    expect(file.length).toBeGreaterThan(PARSE_IN_WORKER_BYTES);
    // what reading it on this thread would hold every other call for, measured here and now
    const t = performance.now();
    parseContactsFile({ bytes: file, format: 'vcard', previousMapping: null });
    const inPlaceMs = performance.now() - t;
    // the longest the event loop stalls while the preview is made through the API
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    const order: string[] = [];
    const preview = kith.call('transfer.importPreview', { source: upload('big.vcf', file) }).then((p) => (order.push('preview'), p));
    await kith.call('circles.list', {}).then(() => order.push('circles'));
    const p = (await preview)!;
    clearInterval(timer);
    expect(order).toEqual(['circles', 'preview']);
    expect(longest).toBeLessThan(inPlaceMs / 2);
    expect(p.total).toBe(6000);
    expect(p.sample[0]).toMatchObject({ displayName: 'Wendy Worker0' });
    const summary = await kith.call('transfer.importCommit', { sessionId: p.sessionId });
    expect(summary.added).toBe(6000);
    expect(kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE display_name LIKE 'Wendy Worker%'`).pluck().get()).toBe(6000);
  }, 60_000);

  it('reads in the worker exactly what it reads in place: records, warnings and left-out properties', async () => {
    const file = Buffer.from(cards(400) + 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odd One\r\nX-UNKNOWN-THING:kept in the report\r\nEMAIL:not an email\r\nEND:VCARD\r\n');
    const request = { bytes: file, format: 'vcard' as const, previousMapping: null };
    const inPlace = parseContactsFile(request);
    const inWorker = await readContactsFile(request, 0);
    expect(inWorker).toEqual(inPlace);
    expect(inPlace.parsed.records).toHaveLength(401);
    expect(inPlace.parsed.warnings.length + inPlace.parsed.leftOut.length).toBeGreaterThan(0);
  });

  it('the numbers a large file carries are read in the user’s region by the worker: a local number finds the contact stored in E.164, and is stored in E.164 itself', async () => {
    await kith.call('settings.update', { phoneRegion: 'DE' });
    const existing = await kith.call('contacts.create', { displayName: 'Dora Berlin', methods: [{ kind: 'phone', label: 'mobile', value: '+49 30 1234567', isPrimary: true }] });
    // a file large enough for the worker, whose last card has the same number written as a Berliner would
    const file = Buffer.from(cards(1500) + 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:D. Berlin\r\nTEL:030 1234567\r\nEND:VCARD\r\n');
    expect(file.length).toBeGreaterThan(PARSE_IN_WORKER_BYTES);
    const request = { bytes: file, format: 'vcard' as const, previousMapping: null, region: 'DE' as const };
    const inWorker = await readContactsFile(request, 0);
    expect(new Map(inWorker.compared!.methods).get('phone\u0000030 1234567')).toBe('+49301234567');
    expect(inWorker).toEqual(parseContactsFile(request));
    const p = (await previewFile(kith, 'big.vcf', file))!;
    expect(p.duplicates).toEqual([expect.objectContaining({ record: 1501, matchedBy: 'phone', existing: expect.objectContaining({ id: existing.id }) })]);
    await kith.call('transfer.importCommit', { sessionId: p.sessionId, defaultAction: 'keepBoth' });
    const stored = kith.sqlite.prepare(`SELECT m.value_normalized FROM contact_methods m JOIN contacts c ON c.id = m.contact_id WHERE c.display_name = 'D. Berlin'`).pluck().all();
    expect(stored).toEqual(['+49301234567']);
  });

  it('a file the worker refuses gets the same typed error as in place, naming the field', async () => {
    const header = 'First,Last,Email\r\n';
    const rows = Array.from({ length: 3000 }, (_, i) => `Ann${i},Lee,ann${i}@x.example`).join('\r\n');
    const big = Buffer.from(header + rows);
    expect(big.length).toBeGreaterThan(PARSE_IN_WORKER_BYTES);
    await expect(previewFile(kith, 'people.csv', big, { format: 'generic', mapping: ['givenName'] })).rejects.toMatchObject({ code: 'invalid_input', field: 'mapping', message: 'The mapping has 1 columns; the file has 3' });
  });
});
