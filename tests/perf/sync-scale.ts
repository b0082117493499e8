// Sync at scale, a targeted run (not part of npm test or the bench; figures in docs/benchmarks.md
// "Sync"), against a local radicale on 127.0.0.1:
//   to:   a copy of the large data set (10,000 contacts, 500,000 interactions) sent to an empty
//         address book by its first sync (10,000 PUTs), then incremental passes with one change;
//   same: a copy of the large data set and an address book already holding the same cards (written
//         into radicale's storage directly, as after a restore): the first sync pairs them by UID
//         without writing, and the incremental passes run on "large" synced;
//   from: an address book of `count` cards (written into radicale's storage directly) received by a
//         fresh Kith's first sync, then the same incremental passes.
// Each pass is timed end to end through the dispatcher; the server's own change list (one
// sync-collection with the pass's token) is timed alone beside it, as the floor no client goes under.
// Run: npx tsx tests/perf/sync-scale.ts to|same [data file]   |   npx tsx tests/perf/sync-scale.ts from [count]
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDavServer } from '../helpers/davServers';
import { startTestBackend } from '../helpers/backend';
import { phoneOn } from '../helpers/syncPeers';
import { normalizeFields, writeCard } from '../../electron/sync/card-fields';
import { DavClient } from '../../electron/sync/dav-client';
import { listChanges } from '../../electron/sync/carddav';
import { startBackend } from '../../electron/kith';
import { ApiError } from '../../shared/api/errors';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';

const mode = process.argv[2] === 'from' ? 'from' : process.argv[2] === 'same' ? 'same' : 'to';
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (line: string) => console.log(`${line}   [load ${load()}]`);
const server = await startDavServer('radicale');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

// the Kith side: a fresh back end, or one over a copy of the data file
const dir = mkdtempSync(join(tmpdir(), 'kith-sync-scale-'));
let kith: { call<M extends MethodName>(m: M, i: InputOf<M>): Promise<OutputOf<M>>; sqlite: import('better-sqlite3').Database; dispose(): Promise<void> };
if (mode !== 'from') {
  const source = process.argv[3] ?? '/work/data/large.sqlite';
  copyFileSync(source, join(dir, 'kith.sqlite'));
  const backend = await startBackend({ databasePath: join(dir, 'kith.sqlite'), host: 'web' });
  kith = {
    async call(method, input) {
      const result = await backend.dispatch(method, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as never;
    },
    sqlite: backend.handle.sqlite,
    dispose: () => backend.close(),
  };
  backend.ctx.syncTimeoutMs = 120_000;
  if (mode === 'same') {
    const { readLocalContacts } = await import('../../electron/sync/local-contacts');
    for (const c of readLocalContacts(kith.sqlite).values()) {
      if (c.archivedAt === null) writeFileSync(join(server.addressBookDir, `${c.id}.vcf`), writeCard(c.id, c.fields, [], '4.0', 0));
    }
  }
} else {
  const count = Number(process.argv[3] ?? 10_000);
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
  const test = await startTestBackend({ host: 'web' });
  test.ctx.syncTimeoutMs = 120_000;
  kith = test;
}
// radicale builds its item cache on the first listing after cards were written into its storage
// (minutes at 10,000 on a busy machine); a server in use has it, so it is built before the timing
const client = new DavClient({ credentials: { username: server.username, password: server.password }, timeoutMs: 600_000 });
if (mode !== 'to') {
  const t0 = performance.now();
  await listChanges(client, server.addressBookUrl, null);
  log(`${mode}: radicale's first listing (it builds its cache): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const contacts = kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE archived_at IS NULL`).pluck().get() as number;
const test = await kith.call('sync.accounts.test', { serverUrl: server.addressBookUrl, username: server.username, password: server.password });
if (!test.ok) throw new Error(test.message);
const account = await kith.call('sync.accounts.add', { serverUrl: server.addressBookUrl, username: server.username, password: server.password, addressBookUrl: test.addressBooks[0]!.url });

const rssBefore = process.memoryUsage().rss;
peakRss = rssBefore;
let t = performance.now();
const [first] = await kith.call('sync.now', { accountId: account.id });
const firstMs = performance.now() - t;
if (!first!.ok) throw new Error(`the first sync failed: ${first!.error}`);
const after = kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE archived_at IS NULL`).pluck().get() as number;
log(`${mode}: first sync, ${contacts} contacts in Kith before, ${after} after: ${(firstMs / 1000).toFixed(1)} s (${first!.pushed} sent, ${first!.pulled} received); RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peakRss / 1e6).toFixed(0)} MB`);
clearInterval(sampler);

/** the server's change list alone, with the token Kith holds */
const serverFloor = async () => {
  const token = kith.sqlite.prepare(`SELECT sync_token FROM sync_collections`).pluck().get() as string;
  const t0 = performance.now();
  await listChanges(client, server.addressBookUrl, token);
  return performance.now() - t0;
};
const pass = async (label: string, input: InputOf<'sync.now'>, check: (r: OutputOf<'sync.now'>[number]) => boolean) => {
  const floor = input.sendOnly ? null : await serverFloor();
  const t0 = performance.now();
  const [report] = await kith.call('sync.now', input);
  const ms = performance.now() - t0;
  if (!report!.ok || !check(report!)) throw new Error(`${label}: unexpected ${JSON.stringify(report)}`);
  log(`${mode}: ${label}: ${ms.toFixed(0)} ms${floor === null ? ' (no change list asked)' : `; the server's change list alone: ${floor.toFixed(0)} ms`}`);
};

// radicale builds its item cache on the first listing after the files were written; warm it once
await pass('pass, nothing changed (first after the first sync)', { accountId: account.id }, () => true);
await pass('pass, nothing changed', { accountId: account.id }, (r) => r.pulled === 0 && r.pushed === 0);

const someone = kith.sqlite.prepare(`SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY id LIMIT 1 OFFSET 17`).pluck().get() as string;
await kith.call('contacts.update', { id: someone, notes: 'Changed in Kith' });
await pass('one change in Kith, send-only pass (what the scheduler runs after a write)', { accountId: account.id, sendOnly: true }, (r) => r.pushed === 1);
await kith.call('contacts.update', { id: someone, notes: 'Changed in Kith again' });
await pass('one change in Kith, full pass', { accountId: account.id }, (r) => r.pushed === 1);

const phone = phoneOn(server);
const href = kith.sqlite.prepare(`SELECT href FROM sync_items WHERE item_id = ?`).pluck().get(someone) as string;
const card = await phone.get(href);
await phone.put(href, card.text.replace(/^FN:/m, 'TITLE:Director\r\nFN:').replace(/^TITLE:(?!Director).*\r\n/m, ''), card.etag);
await pass('one change on the server, full pass', { accountId: account.id }, (r) => r.pulled === 1);

t = performance.now();
await kith.call('sync.status', {});
log(`${mode}: sync.status (the sidebar's figures) over ${contacts} contacts: ${(performance.now() - t).toFixed(0)} ms`);
await kith.dispose();
await server.stop();
rmSync(dir, { recursive: true, force: true });
