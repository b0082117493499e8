// Sync at scale, a targeted run (not part of npm test or the bench): a local radicale holding
// 10,000 cards (written into its storage directly), a fresh Kith's first sync of them, then an
// incremental pass with one change on the server and one with one change in Kith.
// Run: npx tsx tests/perf/sync-scale.ts [count]
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDavServer } from '../helpers/davServers';
import { startTestBackend } from '../helpers/backend';
import { normalizeFields, writeCard } from '../../electron/sync/card-fields';
import { phoneOn } from '../helpers/syncPeers';

const count = Number(process.argv[2] ?? 10_000);
const server = await startDavServer('radicale');
const FIRST = ['Ann', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];
const LAST = ['Lee', 'Stone', 'Diaz', 'Kim', 'Novak', 'Okafor', 'Silva', 'Tanaka', 'Weber', 'Young'];
for (let i = 0; i < count; i++) {
  const id = randomUUID();
  const given = FIRST[i % 10]!;
  const family = `${LAST[Math.floor(i / 10) % 10]}-${i}`;
  const fields = normalizeFields({
    displayName: `${given} ${family}`, givenName: given, familyName: family, nickname: null, company: i % 3 ? `Company ${i % 97}` : null, title: i % 5 ? 'Engineer' : null,
    birthday: i % 4 ? { month: (i % 12) + 1, day: (i % 28) + 1, year: i % 8 ? 1970 + (i % 40) : null } : null, notes: i % 6 ? `Met at event ${i % 50}.` : '',
    methods: [{ kind: 'email', label: 'Work', value: `person${i}@example.org`, isPrimary: true }, { kind: 'phone', label: 'Mobile', value: `+44 20 7946 ${String(i).padStart(4, '0')}`, isPrimary: true }],
    tags: i % 2 ? ['friends'] : ['work', 'london'], dates: [], photo: null, circle: null, importance: 'regular', cadenceDays: null, howMet: null,
  });
  writeFileSync(join(server.addressBookDir, `${id}.vcf`), writeCard(id, fields, [], '4.0', 0));
}
const kith = await startTestBackend({ host: 'web' });
const test = await kith.call('sync.accounts.test', { serverUrl: server.addressBookUrl, username: server.username, password: server.password });
if (!test.ok) throw new Error(test.message);
const account = await kith.call('sync.accounts.add', { serverUrl: server.addressBookUrl, username: server.username, password: server.password, addressBookUrl: test.addressBooks[0]!.url });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const [first] = await kith.call('sync.now', { accountId: account.id });
const firstMs = performance.now() - t;
if (!first!.ok) throw new Error(`the first sync failed: ${first!.error}`);
clearInterval(sampler);
console.log(`first sync of ${count} cards: ${(firstMs / 1000).toFixed(1)} s (${first!.pulled} pulled, ok=${first!.ok}); RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peakRss / 1e6).toFixed(0)} MB`);

t = performance.now();
const [nothing] = await kith.call('sync.now', { accountId: account.id });
console.log(`incremental, nothing changed: ${(performance.now() - t).toFixed(0)} ms (pulled ${nothing!.pulled}, pushed ${nothing!.pushed})`);

{
  const { DavClient } = await import('../../electron/sync/dav-client');
  const { listChanges } = await import('../../electron/sync/carddav');
  const { readLocalContacts } = await import('../../electron/sync/local-contacts');
  const token = kith.sqlite.prepare(`SELECT sync_token FROM sync_collections`).pluck().get() as string;
  const client = new DavClient({ credentials: { username: server.username, password: server.password } });
  let t0 = performance.now();
  await listChanges(client, server.addressBookUrl, token);
  console.log(`  of which the server's change list (sync-collection with a token): ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  readLocalContacts(kith.sqlite);
  console.log(`  of which reading every contact's fields in Kith: ${(performance.now() - t0).toFixed(0)} ms`);
}
const phone = phoneOn(server);
const someone = (await kith.call('contacts.list', { limit: 1 })).items[0]!;
const href = new URL(`${someone.id}.vcf`, server.addressBookUrl).href;
const card = await phone.get(href);
await phone.put(href, card.text.replace(/^TITLE:.*$/m, 'TITLE:Director').replace(/^FN:/m, 'TITLE:Director\r\nFN:'), card.etag);
t = performance.now();
const [fromServer] = await kith.call('sync.now', { accountId: account.id });
console.log(`incremental, one change on the server: ${(performance.now() - t).toFixed(0)} ms (pulled ${fromServer!.pulled})`);

await kith.call('contacts.update', { id: someone.id, notes: 'Changed in Kith' });
t = performance.now();
const [fromKith] = await kith.call('sync.now', { accountId: account.id });
console.log(`incremental, one change in Kith: ${(performance.now() - t).toFixed(0)} ms (pushed ${fromKith!.pushed})`);

t = performance.now();
await kith.call('sync.status', {});
console.log(`sync.status (the sidebar's figures) over ${count} contacts: ${(performance.now() - t).toFixed(0)} ms`);
await kith.dispose();
await server.stop();
