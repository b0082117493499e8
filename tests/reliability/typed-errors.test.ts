// Input that used to end in `internal`, a 500 or a reset now gets a typed error naming the problem:
// NUL and unpaired surrogates (one rule at the dispatcher), an export of 40,000 chosen contacts
// (more than SQLite's 32,766 parameters), malformed %-encoding in an address, a body over the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../electron/webhost/server';
import { startTestWebHost } from '../helpers/webHost';
import type { TestBackend } from '../helpers/backend';
import { MAX_REQUEST_BYTES } from '../../shared/api/limits';
import { contract } from '../../shared/api/contract';
import { importFile } from '../helpers/transfer';
import { sendRaw } from '../helpers/httpRequest';

let kith: TestBackend;
let host: WebHost;
beforeAll(async () => {
  ({ kith, host } = await startTestWebHost());
});
afterAll(async () => {
  await host.close();
  await kith.dispose();
});

const send = (path: string, init: Parameters<typeof sendRaw>[2] = {}) =>
  sendRaw(host.port, path, { ...init, headers: { 'X-Kith-Token': host.token, ...init.headers } });

describe('one rule for NUL and unpaired surrogates, at the dispatcher', () => {
  it('a search with a NUL is invalid_input naming the field, not internal', async () => {
    const r = await kith.dispatch('contacts.search', { query: 'ada\u0000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'query', message: expect.stringContaining('NUL') } });
  });

  it('an unpaired surrogate is refused, not silently stored as U+FFFD; a paired one is kept', async () => {
    const bad = await kith.dispatch('contacts.create', { displayName: 'Zoë \uD83D' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'displayName', message: expect.stringContaining('unpaired') } });
    const nested = await kith.dispatch('contacts.create', { displayName: 'Ok', methods: [{ kind: 'email', label: '\uDE00x', value: 'a@b.org' }] });
    expect(nested).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'methods.0.label' } });
    const good = await kith.call('contacts.create', { displayName: 'Zoë 😀' });
    expect(good.displayName).toBe('Zoë 😀');
    expect(kith.sqlite.prepare('SELECT count(*) FROM contacts WHERE display_name LIKE ?').pluck().get('%\uFFFD%')).toBe(0);
  });

  it('a file carrying NUL is cleaned where it is read, with a warning naming the record and line; nothing stores or exports it', async () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\u0000 Person\r\nNOTE:before\u0000after\r\nEND:VCARD\r\n';
    const { summary } = await importFile(kith, 'nul.vcf', card);
    expect(summary).toMatchObject({ added: 1, warnings: [{ record: 1, line: 1, reason: expect.stringMatching(/2 NUL or broken characters removed/) }] });
    expect(kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE instr(display_name, char(0)) OR instr(notes, char(0))`).pluck().get()).toBe(0);
    expect(kith.sqlite.prepare(`SELECT notes FROM contacts WHERE display_name = 'Nul Person'`).pluck().get()).toBe('beforeafter');
  });

  it('over HTTP too: a JSON body with "\\ud800" is refused as invalid_input', async () => {
    const r = await send('/api/contacts.create', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"displayName":"x\\ud800"}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'displayName' } });
  });
});

it('an input zod itself throws on (a length with no way to become a number) is invalid_input, not a crash', async () => {
  // found by api-fuzz: { id: { length: {__proto__: null} } } threw "Cannot convert object to primitive value" out of safeParse
  for (const method of ['relationshipRoles.update', 'contacts.get', 'contacts.update'] as const) {
    const r = await kith.dispatch(method, { id: { length: Object.create(null) } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }
});

it('transfer.export with 40,000 chosen ids answers not_found for the missing ones, not "too many SQL variables"', async () => {
  const ids = Array.from({ length: 40_000 }, (_, i) => `id-${i}`);
  const r = await kith.dispatch('transfer.export', { format: 'vcard', contactIds: ids });
  expect(r).toMatchObject({ ok: false, error: { code: 'not_found', field: 'contactIds' } });
  const real = await kith.call('contacts.create', { displayName: 'Exported' });
  const some = await kith.call('transfer.export', { format: 'ics', contactIds: [real.id] });
  expect(some.count).toBeGreaterThanOrEqual(1);
});

describe('the web host', () => {
  it('answers a malformed %-encoding with 400 (JSON for the API), not a 500', async () => {
    const api = await send('/api/contacts.list%E0%A4%A', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(400);
    expect(api.type).toContain('application/json');
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('malformed %-encoding') } });
    const page = await send('/contacts/%E0%A4%A');
    expect(page.status).toBe(400);
  });

  it('answers a body over the limit with 413 and the message, not a reset', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a'.charCodeAt(0));
    const r = await send('/api/transfer.importPreview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: { chunk, times: Math.ceil(MAX_REQUEST_BYTES / chunk.length) + 1 } });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringContaining('larger than') } });
  });

  it("the contract's import limit fits in the host's request limit", () => {
    const schema = contract['transfer.importPreview'].input;
    const biggest = 'A'.repeat(Math.ceil((64 * 1024 * 1024) / 3) * 4);
    expect(schema.safeParse({ source: { kind: 'upload', fileName: 'big.vcf', base64: biggest } }).success).toBe(true);
    expect(JSON.stringify({ source: { kind: 'upload', fileName: 'big.vcf', base64: biggest } }).length).toBeLessThan(MAX_REQUEST_BYTES);
  });
});
