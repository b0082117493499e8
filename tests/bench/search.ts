// Benchmark (not a timed test): search as you type and list paging on a large data set.
// Run: npx tsx tests/bench/search.ts [contacts=10000]
import { randomUUID } from 'node:crypto';
import { startTestBackend } from '../helpers/backend';
import { searchContacts } from '../../electron/services/search';

const N = Number(process.argv[2] ?? 10_000);
const FIRST = ['Ann', 'Ben', 'Chloé', 'David', 'Emma', 'François', 'Grace', 'Hannah', 'Iván', 'Jonas', 'Karin', 'Liam', 'Mia', 'Noah', 'Olivia', 'Paul', 'Zoë'];
const LAST = ['Hamilton', 'Müller', 'Smith', 'García', 'Nguyen', 'Okafor', 'Rossi', 'Novak', 'Kowalski', 'Dubois', 'Andersson', 'Tanaka'];
const WORDS = 'met at the conference loves climbing coffee kids school football gardening travel Lisbon violin startup marathon chess'.split(' ');
let seed = 42;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);

const kith = await startTestBackend();
const db = kith.sqlite;
const t0 = performance.now();
const insertContact = db.prepare(`INSERT INTO contacts (id, display_name, given_name, family_name, company, notes, circle_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'circle-friends', 0, 0)`);
const insertMethod = db.prepare(`INSERT INTO contact_methods (id, contact_id, kind, value, value_normalized, is_primary) VALUES (?, ?, 'email', ?, ?, 1)`);
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    const id = randomUUID();
    const given = FIRST[rnd(FIRST.length)]!;
    const family = LAST[rnd(LAST.length)]!;
    const notes = Array.from({ length: 12 }, () => WORDS[rnd(WORDS.length)]).join(' ');
    insertContact.run(id, `${given} ${family}`, given, family, `Company ${rnd(500)}`, notes);
    const email = `${given}.${family}${i}@example.org`.toLowerCase();
    insertMethod.run(randomUUID(), id, email, email);
  }
})();
console.log(`seeded ${N} contacts (FTS via triggers) in ${(performance.now() - t0).toFixed(0)} ms`);

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!.toFixed(2), p95: s[Math.floor(s.length * 0.95)]!.toFixed(2), max: s.at(-1)!.toFixed(2) };
}
// what a person types, one keystroke at a time
const typed = ['h', 'ha', 'ham', 'hami', 'hamil', 'hamilton', 'm', 'mu', 'mül', 'mull', 'climb', 'lisbo', 'zoe', 'zoë ham', 'company 12', 'example.org', 'francois', 'xyz'];
for (let warm = 0; warm < 3; warm++) for (const q of typed) searchContacts(db, q, 20, false);
const samples: number[] = [];
for (let round = 0; round < 20; round++)
  for (const q of typed) {
    const t = performance.now();
    searchContacts(db, q, 20, false);
    samples.push(performance.now() - t);
  }
console.log('search as you type (ms):', percentiles(samples));
if (process.env.DETAIL)
  for (const q of typed) {
    const t = performance.now();
    for (let i = 0; i < 10; i++) searchContacts(db, q, 20, false);
    console.log(`  ${q.padEnd(12)} ${((performance.now() - t) / 10).toFixed(2)} ms`);
  }
const viaApi: number[] = [];
for (let round = 0; round < 5; round++)
  for (const q of typed) {
    const t = performance.now();
    await kith.call('contacts.search', { query: q });
    viaApi.push(performance.now() - t);
  }
console.log('search through the dispatcher (ms):', percentiles(viaApi));
const pages: number[] = [];
for (const offset of [0, Math.floor(N / 2), N - 200]) {
  const t = performance.now();
  await kith.call('contacts.list', { limit: 200, offset });
  pages.push(performance.now() - t);
}
console.log('contacts.list page of 200 at start/middle/end (ms):', pages.map((p) => p.toFixed(1)).join(' / '));
await kith.dispose();
