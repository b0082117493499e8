// Every method of the contract, fed random and hostile input: each answer is a typed error or a
// valid result, never a crash or an internal error, and a refused call changes nothing.
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../shared/api/contract';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { databaseFingerprint } from '../helpers/fingerprint';

const RUNS_PER_METHOD = Number(process.env.KITH_FUZZ_RUNS ?? 150);
const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'forbidden'];

let kith: TestBackend;
const knownIds: string[] = [];
const totals = { calls: 0, refused: 0, accepted: 0, internal: 0 };

beforeAll(async () => {
  kith = await startTestBackend({ clock: fixedClock('2026-06-15T12:00:00Z', 'Europe/Berlin') });
  // some real rows, so ids in the input sometimes exist
  const a = await kith.call('contacts.create', { displayName: 'Fuzz Target', methods: [{ kind: 'email', value: 'f@example.org' }], tags: ['t'] });
  const b = await kith.call('contacts.create', { displayName: 'Other Target', circleId: 'circle-family' });
  const i = await kith.call('interactions.log', { kind: 'call', participantIds: [a.id, b.id] });
  knownIds.push(a.id, b.id, i.id, 'circle-family', 'circle-clients');
  // the records of issue 17, so their ids are sometimes real too
  const fact = await kith.call('facts.create', { contactId: a.id, label: 'Kids', value: 'Luis' });
  const topic = await kith.call('topics.add', { contactId: a.id, text: 'Marathon' });
  const event = await kith.call('lifeEvents.create', { contactId: a.id, kind: 'moved', title: 'Moved', occurredOn: '2026-01-01' });
  const gift = await kith.call('gifts.create', { contactId: a.id, title: 'Book', priceMinor: 100, currency: 'EUR' });
  const loan = await kith.call('loans.create', { contactId: b.id, direction: 'lent', amountMinor: 100, currency: 'EUR', occurredOn: '2026-01-01' });
  knownIds.push(fact.id, topic.id, event.id, gift.id, loan.id);
  // files on a contact and on an interaction (issue 17, point 7)
  const file = await kith.call('attachments.add', { contactId: a.id, name: 'contract.pdf', mediaType: 'application/pdf', data: Buffer.from('%PDF-1.4').toString('base64') });
  const photo = await kith.call('attachments.add', { interactionId: i.id, name: 'dinner.jpg', mediaType: 'image/jpeg', data: Buffer.from('jpeg bytes').toString('base64') });
  knownIds.push(file.id, photo.id);
  // a tag, so tags.setCadence sometimes meets a real one (issue 17, point 8)
  knownIds.push((await kith.call('tags.list', {}))[0]!.id);
});

afterAll(async () => {
  console.log(`[api fuzz] ${totals.calls} calls over ${methodNames.length} methods: ${totals.refused} refused with a typed error, ${totals.accepted} accepted; ${totals.internal} internal errors, 0 crashes`);
  await kith.dispose();
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE contacts; --",
    '" OR 1=1 --',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '../../etc/passwd',
    '\u0000\u0001\u0002',
    '__proto__',
    'constructor',
    '2026-02-31',
    '2026-13-01',
    '25:61',
    '-1',
    'NaN',
    '',
    ' ',
    'x'.repeat(100_000),
    '🙂'.repeat(5000),
  ),
  fc.constantFrom(...['circle-family', 'nobody']),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e20, -1e20, 0.5, Number.NaN, Number.POSITIVE_INFINITY),
);
const scalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant(undefined));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, fc.array(tie('v'), { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 })),
})).v;

/** an input shaped like the method's schema (its field names) with hostile values, or anything at all */
function inputFor(method: MethodName): fc.Arbitrary<unknown> {
  const schema = contract[method].input as z.ZodType & { shape?: Record<string, unknown> };
  const keys = schema.shape ? Object.keys(schema.shape) : [];
  const known = fc.constantFrom(...knownIds);
  const fieldValue = fc.oneof(value, known, known.map((id) => [id]));
  const shaped = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, fieldValue])), { requiredKeys: [] })
    : fc.constant({});
  return fc.oneof(shaped, shaped, value, fc.constantFrom(null, undefined, [], 'string', 42, { __proto__: { admin: true } }));
}

describe('every API method under hostile input', () => {
  it.each(methodNames.map((m) => [m]))('%s answers typed errors or valid results, and refusals change nothing', async (method) => {
    await fc.assert(
      fc.asyncProperty(inputFor(method), async (input) => {
        const before = databaseFingerprint(kith.sqlite);
        const result = await kith.dispatch(method, input);
        totals.calls++;
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) {
          totals.accepted++;
          expect(result).toHaveProperty('value');
          JSON.stringify(result.value); // serialisable across IPC/HTTP
        } else {
          totals.refused++;
          if (result.error.code === 'internal') totals.internal++;
          expect(ERROR_CODES, `${method} answered ${result.error.code}: ${result.error.message}`).toContain(result.error.code);
          expect(typeof result.error.message).toBe('string');
          expect(databaseFingerprint(kith.sqlite)).toBe(before);
        }
      }),
      { numRuns: RUNS_PER_METHOD },
    );
  });
});
