// Helpers for import tests: read a fixture, preview it through the API, commit it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestBackend } from './backend';
import type { InputOf } from '../../shared/api/contract';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function upload(fileName: string, bytes: Buffer | string) {
  return { kind: 'upload' as const, fileName, base64: Buffer.from(bytes).toString('base64') };
}

export async function previewFile(kith: TestBackend, fileName: string, bytes: Buffer | string = fixture(fileName), extra: Partial<InputOf<'transfer.importPreview'>> = {}) {
  const preview = await kith.call('transfer.importPreview', { source: upload(fileName, bytes), ...extra });
  if (!preview) throw new Error('no preview');
  return preview;
}

export async function importFile(kith: TestBackend, fileName: string, bytes?: Buffer | string, commit: Partial<InputOf<'transfer.importCommit'>> = {}) {
  const preview = await previewFile(kith, fileName, bytes);
  const summary = await kith.call('transfer.importCommit', { sessionId: preview.sessionId, ...commit });
  return { preview, summary };
}

/** every contact, fully loaded, by display name */
export async function contactsByName(kith: TestBackend) {
  const ids = kith.sqlite.prepare(`SELECT id FROM contacts ORDER BY display_name, id`).pluck().all() as string[];
  const out = [];
  for (const id of ids) out.push(await kith.call('contacts.get', { id }));
  return out;
}

export function methodsOf(c: { methods: { kind: string; label: string | null; value: string; isPrimary: boolean }[] }) {
  return c.methods.map((m) => [m.kind, m.label, m.value, m.isPrimary]);
}

/** what Kith remembers about each contact (facts in order, life events, open topics, gift ideas), by display name, as a vCard carries it */
export async function rememberedByName(kith: TestBackend) {
  const out = [];
  for (const c of await contactsByName(kith)) {
    const facts = (await kith.call('facts.listForContact', { contactId: c.id })).map((f) => [f.label, f.type, f.value]);
    const events = (await kith.call('lifeEvents.listForContact', { contactId: c.id })).map((e) => [e.kind, e.title, e.occurredOn]);
    const topics = (await kith.call('topics.listForContact', { contactId: c.id })).map((t) => t.text);
    const ideas = (await kith.call('gifts.listForContact', { contactId: c.id })).filter((g) => g.status === 'idea').map((g) => [g.title, g.url]);
    out.push({ name: c.displayName, facts, events, topics, ideas });
  }
  return out;
}

/**
 * `n` generated vCards, person `from + i` each: "GIVEN FAMILYi" with an email, a mobile number and
 * the given categories, and a note when `note` says what it holds (`i` is the card's number)
 */
export function generatedCards(n: number, person: { given: string; family: string; domain: string; categories: string; from?: number; note?: (i: number) => string }): string {
  const out: string[] = [];
  const from = person.from ?? 0;
  for (let i = from; i < from + n; i++) {
    out.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `N:${person.family}${i};${person.given};;;`,
        `FN:${person.given} ${person.family}${i}`,
        `EMAIL:${person.given.toLowerCase()}.${i}@${person.domain}`,
        `TEL;TYPE=CELL:+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`,
        ...(person.note ? [`NOTE:${person.note(i)}`] : []),
        `CATEGORIES:${person.categories}`,
        'END:VCARD',
      ].join('\r\n'),
    );
  }
  return out.join('\r\n') + '\r\n';
}
