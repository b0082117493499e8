// Sync at scale, a targeted run (not part of npm test; the bench can run it as a script and read its
// --out JSON), against a local radicale or xandikos on 127.0.0.1:
//   to:   a copy of a data file (large: 10,000 contacts, 500,000 interactions) sent to an empty
//         address book by its first sync (a PUT per contact), then incremental passes;
//   same: a copy of the data file and an address book already holding the same cards (written into
//         the server's storage directly, as after a restore): the first sync pairs them by UID
//         without writing, and the incremental passes run on "large" synced;
//   from: an address book of `count` cards (written into the server's storage directly) received
//         by a fresh Kith's first sync, then the same incremental passes.
// Every pass runs through the dispatcher and is split into the time spent waiting on the server
// (each HTTP request from its start to the last byte of its answer) and Kith's own share (the
// rest), with Kith's CPU time beside it (the servers are other processes, so this process's CPU
// is Kith's alone). During the first sync the process's memory is sampled: RSS and its own
// (anonymous) memory as tests/perf/memory.ts counts it, and the JS heap. The server's change list
// alone (one sync-collection with the pass's token) is timed beside each full pass, as the floor.
// The local-change path is timed end to end: contacts.update, then the send-only pass the
// scheduler runs after a write (its 5 s debounce, a deliberate wait, left out), then read back
// from the server.
// Run: npx tsx tests/perf/sync-scale.ts to|same|from|settle [--server radicale|xandikos] [--file F] [--count N]
//      [--edits N] [--out result.json] [--give-up-after S]
// --count: the cards written to the server (from), or the contacts of the file that take part (to, same; the rest archived)
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fillAddressBook, startDavServer, type DavServerKind } from '../helpers/davServers';
import { startTestBackend } from '../helpers/backend';
import { phoneOn } from '../helpers/syncPeers';
import { normalizeFields, writeCard } from '../../electron/sync/card-fields';
import { DavClient } from '../../electron/sync/dav-client';
import { listChanges } from '../../electron/sync/carddav';
import { runningProgress } from '../../electron/sync/accounts';
import { startBackend } from '../../electron/kith';
import { ApiError } from '../../shared/api/errors';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import { residentMemory } from './memory';
import { dataFilePath } from './datafiles';
import { DEFAULT_SEED } from './generate';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { server: { type: 'string', default: 'radicale' }, file: { type: 'string' }, count: { type: 'string', default: '10000' }, edits: { type: 'string', default: '5' }, out: { type: 'string' }, 'give-up-after': { type: 'string' } },
});
const mode = positionals[0] === 'from' ? 'from' : positionals[0] === 'same' ? 'same' : 'to';
const serverKind = values.server as DavServerKind;
if (serverKind !== 'radicale' && serverKind !== 'xandikos') throw new Error(`--server is radicale or xandikos, not ${serverKind}`);
const giveUpMs = values['give-up-after'] ? Number(values['give-up-after']) * 1000 : Infinity;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const log = (line: string) => console.log(`[${serverKind} ${mode}] ${line}   [load ${load()}]`);

// the time spent waiting on the server: while at least one request is under way, from its start to the
// last byte of its answer (a streamed answer is passed through, not buffered, so the memory figures stay
// Kith's; its time then overlaps Kith's reading of it). Requests sent several at a time count once:
// Kith's work done while they are out is hidden behind the server and not Kith's share of the wait
const realFetch = globalThis.fetch;
const wire = { ms: 0, requests: 0, inFlight: 0, since: 0 };
const begin = () => {
  if (wire.inFlight++ === 0) wire.since = performance.now();
};
const end = () => {
  if (--wire.inFlight === 0) wire.ms += performance.now() - wire.since;
};
/** the wait so far, the stretch under way included */
const waited = () => wire.ms + (wire.inFlight > 0 ? performance.now() - wire.since : 0);
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  wire.requests++;
  begin();
  const res = await realFetch(input, init).catch((err: unknown) => {
    end();
    throw err;
  });
  if (!res.body) {
    end();
    return res;
  }
  const body = res.body.pipeThrough(new TransformStream({ flush: end }));
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}) as typeof fetch;

/** what --out writes (the bench's "Sync at scale" section reads it) */
export interface SyncScaleResult {
  mode: 'to' | 'same' | 'from';
  server: DavServerKind;
  startedAt: string;
  loadBefore: string;
  loadAfter?: string;
  /** the back end's own catch-up after opening the file, waited for before the first sync (not timed) */
  settleMs?: number;
  /** the server's first listing after cards were written into its storage (its item cache; not timed) */
  serverWarmUpMs?: number;
  firstSync?: Timing & { contactsBefore: number; contactsAfter: number; pushed: number; pulled: number; memoryBefore: { rssMB: number; ownMB: number } | null; peak: { rssMB: number; ownMB: number; heapMB: number } };
  passes: (Timing & { floorMs?: number })[];
  editToServer?: { runs: Timing[]; medianWallMs: number; medianServerMs: number; medianKithMs: number; medianKithCpuMs: number };
  status?: Timing;
  gaveUpAfterS?: number;
}

export interface Timing {
  label: string;
  wallMs: number;
  /** waiting on the server */
  serverMs: number;
  /** the rest: Kith's own share */
  kithMs: number;
  kithCpuMs: number;
  requests: number;
  floorMs?: number;
}
/** `fn` timed end to end, split into the server's share and Kith's */
async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; timing: Timing }> {
  const w0 = { waited: waited(), requests: wire.requests };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const serverMs = waited() - w0.waited;
  return { value, timing: { label, wallMs, serverMs, kithMs: wallMs - serverMs, kithCpuMs: (cpu.user + cpu.system) / 1000, requests: wire.requests - w0.requests } };
}
const show = (t: Timing) =>
  `${t.label}: ${t.wallMs.toFixed(0)} ms end to end = ${t.serverMs.toFixed(0)} ms waiting on the server + ${t.kithMs.toFixed(0)} ms Kith (CPU ${t.kithCpuMs.toFixed(0)} ms), ${t.requests} requests${t.floorMs === undefined ? '' : `; the server's change list alone ${t.floorMs.toFixed(0)} ms`}`;

// `settle --file F`: F opened in place until the back end's own catch-up is done (the search index of
// every contact), then closed; the bench runs same and to on copies of it rather than waiting twice
if (positionals[0] === 'settle') {
  if (!values.file) throw new Error('settle needs --file');
  const backend = await startBackend({ databasePath: values.file, host: 'web' });
  const t0 = performance.now();
  while ((backend.handle.sqlite.prepare(`SELECT count(*) FROM search_dirty`).pluck().get() as number) > 0 && performance.now() - t0 < 1_800_000) await new Promise((r) => setTimeout(r, 500));
  backend.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await backend.close();
  console.log(`settled ${values.file} in ${((performance.now() - t0) / 1000).toFixed(1)} s   [load ${load()}]`);
  process.exit(0);
}
const server = await startDavServer(serverKind);
const result: Record<string, unknown> = { mode, server: serverKind, startedAt: new Date().toISOString(), loadBefore: load(), passes: [] as Timing[] };
const finish = async () => {
  result.loadAfter = load();
  if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2));
  await server.stop();
};

// the Kith side: a fresh back end, or one over a copy of the data file
const dir = mkdtempSync(join(tmpdir(), 'kith-sync-scale-'));
let kith: { call<M extends MethodName>(m: M, i: InputOf<M>): Promise<OutputOf<M>>; sqlite: import('better-sqlite3').Database; dispose(): Promise<void> };
if (mode !== 'from') {
  const source = values.file ?? dataFilePath('large', DEFAULT_SEED);
  if (!existsSync(source)) throw new Error(`no data file at ${source}: pass --file (a copy of bench-data/large-seed42-*.sqlite)`);
  copyFileSync(source, join(dir, 'kith.sqlite'));
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, join(dir, 'kith.sqlite-wal'));
  const backend = await startBackend({ databasePath: join(dir, 'kith.sqlite'), host: 'web' });
  kith = {
    async call(method, input) {
      const r = await backend.dispatch(method, input);
      if (!r.ok) throw new ApiError(r.error);
      return r.value as never;
    },
    sqlite: backend.handle.sqlite,
    dispose: () => backend.close(),
  };
  backend.ctx.syncTimeoutMs = 600_000;
  // --count below the file's contacts: the others are archived first (an archived contact never synced stays in Kith only)
  if (values.count !== '10000' || mode === 'to') {
    const keep = Number(values.count);
    kith.sqlite.prepare(`UPDATE contacts SET archived_at = 1 WHERE archived_at IS NULL AND id NOT IN (SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY id LIMIT ?)`).run(keep);
  }
  if (mode === 'same') {
    const { readLocalContacts } = await import('../../electron/sync/local-contacts');
    const cards = [...readLocalContacts(kith.sqlite).values()].filter((c) => c.archivedAt === null).map((c) => ({ id: c.id, text: writeCard(c.id, c.fields, [], serverKind === 'xandikos' ? '3.0' : '4.0', 0) }));
    fillAddressBook(server, cards);
  }
} else {
  const count = Number(values.count);
  const FIRST = ['Ann', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];
  const LAST = ['Lee', 'Stone', 'Diaz', 'Kim', 'Novak', 'Okafor', 'Silva', 'Tanaka', 'Weber', 'Young'];
  fillAddressBook(
    server,
    (function* () {
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
        yield { id, text: writeCard(id, fields, [], serverKind === 'xandikos' ? '3.0' : '4.0', 0) };
      }
    })(),
  );
  const test = await startTestBackend({ host: 'web' });
  test.ctx.syncTimeoutMs = 600_000;
  kith = test;
}
// radicale builds its item cache on the first listing after cards were written into its storage
// (minutes at 10,000 on a busy machine); a server in use has it, so it is built before the timing
const client = new DavClient({ credentials: { username: server.username, password: server.password }, timeoutMs: 900_000 });
if (mode !== 'to') {
  const t0 = performance.now();
  // at 10,000 cards on a loaded machine the first answer can take longer than fetch waits for headers
  // (5 min): asked again, radicale goes on from the cache entries it has written meanwhile
  for (let attempt = 0; ; attempt++) {
    const listed = await listChanges(client, server.addressBookUrl, null).then(() => true, (err: unknown) => {
      if (attempt >= 6) throw err;
      log(`the server's first listing did not answer (${(err as Error).message}); asking again`);
      return false;
    });
    if (listed) break;
  }
  result.serverWarmUpMs = performance.now() - t0;
  log(`the server's first listing (radicale builds its item cache): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
// the back end's own catch-up after opening a generated file (the search index of every contact, in
// slices) is not sync's work: an app in use has it done, so the first sync starts once it is
{
  const t0 = performance.now();
  const dirty = () => kith.sqlite.prepare(`SELECT count(*) FROM search_dirty`).pluck().get() as number;
  while (dirty() > 0 && performance.now() - t0 < 900_000) await new Promise((r) => setTimeout(r, 500));
  result.settleMs = performance.now() - t0;
  log(`the back end's search index caught up in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed)`);
}
const liveContacts = () => kith.sqlite.prepare(`SELECT count(*) FROM contacts WHERE archived_at IS NULL`).pluck().get() as number;
const before = liveContacts();
const test = await kith.call('sync.accounts.test', { serverUrl: server.addressBookUrl, username: server.username, password: server.password });
if (!test.ok) throw new Error(test.message);
const account = await kith.call('sync.accounts.add', { serverUrl: server.addressBookUrl, username: server.username, password: server.password, addressBookUrl: test.addressBooks[0]!.url });

// the first sync, with the memory sampled and the progress logged (radicale's PUT of a new card reads every card it has)
const memoryBefore = residentMemory();
const peak = { rssMB: memoryBefore?.rssMB ?? 0, ownMB: memoryBefore?.ownMB ?? 0, heapMB: process.memoryUsage().heapUsed / 1e6 };
// RSS and the heap are cheap to read; the own/file split (smaps_rollup) costs the kernel a page-table walk, so less often
const sampler = setInterval(() => {
  peak.rssMB = Math.max(peak.rssMB, Math.round(process.memoryUsage.rss() / 1048576));
  peak.heapMB = Math.max(peak.heapMB, process.memoryUsage().heapUsed / 1e6);
}, 100);
const ownSampler = setInterval(() => {
  const m = residentMemory();
  if (m) peak.ownMB = Math.max(peak.ownMB, m.ownMB);
}, 2000);
const firstStart = performance.now();
const progress: { s: number; phase: string; done: number; total: number; serverMs: number; cpuMs: number }[] = [];
const cpuAtStart = process.cpuUsage();
const wireAtStart = { ms: waited() };
const reporter = setInterval(() => {
  const p = runningProgress(kith.sqlite);
  const cpu = process.cpuUsage(cpuAtStart);
  const s = (performance.now() - firstStart) / 1000;
  if (p) progress.push({ s, phase: p.phase, done: p.done, total: p.total, serverMs: waited() - wireAtStart.ms, cpuMs: (cpu.user + cpu.system) / 1000 });
  if (p) log(`first sync at ${s.toFixed(0)} s: ${p.phase} ${p.done}/${p.total}; waiting on the server ${((waited() - wireAtStart.ms) / 1000).toFixed(0)} s, Kith CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; own memory peak ${peak.ownMB} MB`);
  result.firstSyncProgress = progress;
  if (performance.now() - firstStart > giveUpMs) {
    result.gaveUpAfterS = s;
    log(`gave up after ${s.toFixed(0)} s (--give-up-after)`);
    clearInterval(reporter);
    void finish().then(() => process.exit(0));
  }
}, 15_000);
const first = await timed(`first sync (${mode})`, () => kith.call('sync.now', { accountId: account.id }));
clearInterval(sampler);
clearInterval(ownSampler);
clearInterval(reporter);
const memoryAfter = residentMemory();
if (memoryAfter) peak.ownMB = Math.max(peak.ownMB, memoryAfter.ownMB);
const [firstReport] = first.value;
if (!firstReport!.ok) throw new Error(`the first sync failed: ${firstReport!.error}`);
result.firstSync = { ...first.timing, contactsBefore: before, contactsAfter: liveContacts(), pushed: firstReport!.pushed, pulled: firstReport!.pulled, memoryBefore, peak };
log(`${show(first.timing)}; ${before} contacts in Kith before, ${liveContacts()} after (${firstReport!.pushed} sent, ${firstReport!.pulled} received); RSS ${memoryBefore?.rssMB} MB before, peak ${peak.rssMB} MB; own memory ${memoryBefore?.ownMB} → peak ${peak.ownMB} MB; JS heap peak ${peak.heapMB.toFixed(0)} MB`);

const passes = result.passes as Timing[];
/** the server's change list alone, with the token Kith holds */
const serverFloor = async () => {
  const token = kith.sqlite.prepare(`SELECT sync_token FROM sync_collections WHERE kind = 'contacts'`).pluck().get() as string | null;
  const t0 = performance.now();
  await listChanges(client, server.addressBookUrl, token);
  return performance.now() - t0;
};
const pass = async (label: string, input: InputOf<'sync.now'>, check: (r: OutputOf<'sync.now'>[number]) => boolean) => {
  const floorMs = input.sendOnly ? undefined : await serverFloor();
  const { value, timing } = await timed(label, () => kith.call('sync.now', input));
  const [report] = value;
  if (!report!.ok || !check(report!)) throw new Error(`${label}: unexpected ${JSON.stringify(report)}`);
  passes.push({ ...timing, floorMs });
  log(show(passes.at(-1)!));
};

await pass('pass, nothing changed (first after the first sync)', { accountId: account.id }, () => true);
await pass('pass, nothing changed', { accountId: account.id }, (r) => r.pulled === 0 && r.pushed === 0);

// the local-change path, end to end: an edit in Kith, the send-only pass, the card on the server
const phone = phoneOn(server);
const ids = kith.sqlite.prepare(`SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY id LIMIT ? OFFSET 17`).pluck().all(Number(values.edits)) as string[];
const editToServer: Timing[] = [];
for (const [i, id] of ids.entries()) {
  const note = `Changed in Kith (${i})`;
  const { value, timing } = await timed('one contact edited in Kith → on the server (contacts.update + the send-only pass)', async () => {
    await kith.call('contacts.update', { id, notes: note });
    return kith.call('sync.now', { accountId: account.id, sendOnly: true });
  });
  if (value[0]!.pushed !== 1) throw new Error(`the send-only pass sent ${value[0]!.pushed}`);
  const href = kith.sqlite.prepare(`SELECT href FROM sync_items WHERE item_id = ?`).pluck().get(id) as string;
  if (!(await phone.get(href)).text.includes(note)) throw new Error('the edit is not on the server');
  editToServer.push(timing);
  log(show(timing));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
result.editToServer = { runs: editToServer, medianWallMs: median(editToServer.map((t) => t.wallMs)), medianServerMs: median(editToServer.map((t) => t.serverMs)), medianKithMs: median(editToServer.map((t) => t.kithMs)), medianKithCpuMs: median(editToServer.map((t) => t.kithCpuMs)) };
log(`edit → on the server, median of ${editToServer.length}: ${median(editToServer.map((t) => t.wallMs)).toFixed(0)} ms (server ${median(editToServer.map((t) => t.serverMs)).toFixed(0)} ms, Kith ${median(editToServer.map((t) => t.kithMs)).toFixed(0)} ms, Kith CPU ${median(editToServer.map((t) => t.kithCpuMs)).toFixed(0)} ms)`);

const someone = ids[0]!;
await kith.call('contacts.update', { id: someone, notes: 'Changed in Kith again' });
await pass('one change in Kith, full pass', { accountId: account.id }, (r) => r.pushed === 1);

const href = kith.sqlite.prepare(`SELECT href FROM sync_items WHERE item_id = ?`).pluck().get(someone) as string;
const card = await phone.get(href);
await phone.put(href, card.text.replace(/^FN:/m, 'TITLE:Director\r\nFN:').replace(/^TITLE:(?!Director).*\r\n/m, ''), card.etag);
await pass('one change on the server, full pass', { accountId: account.id }, (r) => r.pulled === 1);

const status = await timed('sync.status (the sidebar)', () => kith.call('sync.status', {}));
log(show(status.timing));
result.status = status.timing;
await kith.dispose();
await finish();
rmSync(dir, { recursive: true, force: true });
