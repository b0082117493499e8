// Kith's own share of an incremental sync pass at scale, with the server taken out: a copy of a
// data file (large: 10,000 contacts) whose contacts all have status rows (as after a first sync),
// synced against a loopback "null server" that answers every PUT at once and every sync-collection
// with "nothing changed". What is left of each pass's time is Kith's: the dispatcher, finding what
// changed (change numbers), reading and writing the one card, the status row. The real servers'
// share is in sync-server-floor.ts and sync-scale.ts.
// Run: npx tsx tests/perf/sync-kith-share.ts [--file F] [--runs N] [--out result.json]
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend } from '../../electron/kith';
import { readLocalContacts } from '../../electron/sync/local-contacts';
import { writeCard } from '../../electron/sync/card-fields';
import { dataFilePath } from './datafiles';
import { DEFAULT_SEED } from './generate';

const { values } = parseArgs({ options: { file: { type: 'string' }, runs: { type: 'string', default: '9' }, out: { type: 'string' } } });
const source = values.file ?? dataFilePath('large', DEFAULT_SEED);
if (!existsSync(source)) throw new Error(`no data file at ${source}: pass --file`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

// the null server: a PUT is stored at once, a sync-collection says nothing changed
let etag = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'PUT') {
      res.writeHead(201, { etag: `"e${++etag}"` }).end();
    } else if (req.method === 'REPORT') {
      res.writeHead(207, { 'content-type': 'application/xml; charset=utf-8' }).end(`<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:sync-token>http://null/sync/1</d:sync-token></d:multistatus>`);
    } else res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const bookUrl = `http://127.0.0.1:${port}/book/`;

const dir = mkdtempSync(join(tmpdir(), 'kith-sync-share-'));
const file = join(dir, 'kith.sqlite');
copyFileSync(source, file);
if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${file}-wal`);
const backend = await startBackend({ databasePath: file, host: 'web' });
const sqlite = backend.handle.sqlite;
const call = async (method: string, input: unknown) => {
  const r = await backend.dispatch(method as never, input as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as any;
};
// an account whose every live contact has a status row, as after a first sync with the token of it
const accountId = 'share-account';
sqlite.transaction(() => {
  sqlite.prepare(`INSERT INTO sync_accounts (id, name, server_url, username, last_sync_at, last_error, created_at) VALUES (?, 'null', ?, 'ann', NULL, NULL, 0)`).run(accountId, `http://127.0.0.1:${port}/`);
  sqlite.prepare(`INSERT INTO sync_collections (account_id, kind, url, name, vcard_version, sync_token) VALUES (?, 'contacts', ?, 'Contacts', '4.0', 'http://null/sync/1')`).run(accountId, bookUrl);
  sqlite.prepare(`INSERT INTO sync_items (account_id, kind, item_id, href, etag, local_hash, remote_hash, base, deletion, synced_at, local_seq) SELECT ?, 'contacts', id, ? || id || '.vcf', '"e0"', 'h', 'h', '', NULL, 0, 0 FROM contacts WHERE archived_at IS NULL`).run(accountId, bookUrl);
})();
backend.ctx.credentials!.set(accountId, 'secret');
const synced = sqlite.prepare(`SELECT count(*) FROM sync_items`).pluck().get() as number;

interface Run { wallMs: number; cpuMs: number }
const measure = async (fn: () => Promise<unknown>): Promise<Run> => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
};
const ids = sqlite.prepare(`SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY id LIMIT ? OFFSET 100`).pluck().all(Number(values.runs)) as string[];
// the edited contacts' agreed cards (the base a pass carries unknown properties from)
for (const [id, c] of readLocalContacts(sqlite, ids)) sqlite.prepare(`UPDATE sync_items SET base = ? WHERE item_id = ?`).run(writeCard(id, c.fields, [], '4.0', 0), id);
const rows: Record<string, Run[]> = { 'contacts.update (the edit itself)': [], 'send-only pass, one change': [], 'full pass, one change (the server says nothing else changed)': [], 'full pass, nothing changed': [] };
for (const [i, id] of ids.entries()) {
  rows['contacts.update (the edit itself)']!.push(await measure(() => call('contacts.update', { id, notes: `Edit ${i}` })));
  rows['send-only pass, one change']!.push(await measure(async () => {
    const [r] = await call('sync.now', { accountId, sendOnly: true });
    if (r.pushed !== 1) throw new Error(`sent ${r.pushed}`);
  }));
  await call('contacts.update', { id, notes: `Edit ${i} again` });
  rows['full pass, one change (the server says nothing else changed)']!.push(await measure(async () => {
    const [r] = await call('sync.now', { accountId });
    if (r.pushed !== 1) throw new Error(`sent ${r.pushed}`);
  }));
  rows['full pass, nothing changed']!.push(await measure(() => call('sync.now', { accountId })));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = Object.fromEntries(Object.entries(rows).map(([k, runs]) => [k, { medianWallMs: median(runs.map((r) => r.wallMs)), medianCpuMs: median(runs.map((r) => r.cpuMs)), minWallMs: Math.min(...runs.map((r) => r.wallMs)), maxWallMs: Math.max(...runs.map((r) => r.wallMs)) }]));
console.log(`Kith's share of a sync pass, ${synced.toLocaleString('en')} synced contacts, null server, ${ids.length} runs each (load ${load()}):`);
for (const [k, v] of Object.entries(result)) console.log(`  ${k}: ${v.medianWallMs.toFixed(0)} ms (${v.minWallMs.toFixed(0)}–${v.maxWallMs.toFixed(0)}), CPU ${v.medianCpuMs.toFixed(0)} ms`);
if (values.out) writeFileSync(values.out, JSON.stringify({ synced, load: load(), result }, null, 2));
await backend.close();
server.close();
rmSync(dir, { recursive: true, force: true });
