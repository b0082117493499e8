import { readFileSync } from 'node:fs';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { refreshSearchIndexInSlices } from '../electron/services/searchIndex';
const cpu = () => Number(readFileSync(`/proc/thread-self/schedstat`, 'utf8').split(' ')[0]) / 1e6;
async function main() {
  const h = openDatabase(process.argv[2]!);
  let t = performance.now(); console.log(await migrateToLatest(h), performance.now() - t);
  if (process.env.NOMERGE) for (const t of ['contacts_fts', 'contact_names_fts']) h.sqlite.exec(`INSERT INTO ${t}(${t}, rank) VALUES('automerge', 0)`), h.sqlite.exec(`INSERT INTO ${t}(${t}, rank) VALUES('crisismerge', ${process.env.NOMERGE})`);
  const rows: [number, number][] = [];
  let n = 0;
  const t0 = performance.now();
  await refreshSearchIndexInSlices(h.sqlite, {
    guard: (slice) => { const w = performance.now(), c = cpu(); slice(); rows.push([performance.now() - w, cpu() - c]); },
    stopped: () => ++n > 400,
  });
  rows.sort((a, b) => b[0] - a[0]);
  console.log('slices', rows.length, 'total', (performance.now() - t0).toFixed(0), 'worst (wall, cpu):', rows.slice(0, 10).map(([w, c]) => `${w.toFixed(1)}/${c.toFixed(1)}`).join(' '));
  const sorted = rows.map((r) => r[0]).sort((a, b) => a - b);
  console.log('p50', sorted[Math.floor(sorted.length / 2)]!.toFixed(1), 'p95', sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1));
  await h.close();
}
main();
setTimeout(() => {}, 0);
process.on('beforeExit', () => { const m = (globalThis as any).stepTimes as Map<string, number[]>; if (!m) return; for (const [k, v] of m) { v.sort((a, b) => b - a); console.log(v.slice(0, 5).map((x) => x.toFixed(1)).join(' '), ' total', v.reduce((a, b) => a + b, 0).toFixed(0), k.replace(/\s+/g, ' ')); } (globalThis as any).stepTimes = null; });
process.on('beforeExit', () => { const T = (globalThis as any).T; if (!T) return; for (const k of ['weigh', 'flush', 'commit']) { const v = [...T[k]].sort((a: number, b: number) => b - a); console.log(k, v.slice(0, 6).map((x: number) => x.toFixed(1)).join(' '), 'total', v.reduce((a: number, b: number) => a + b, 0).toFixed(0)); } (globalThis as any).T = null; });
