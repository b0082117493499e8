// Times the pending migrations on a copy of a generated data file (npx tsx tests/perf/migration-time.ts FILE):
// wall and CPU time of the backup and of the migrations' transaction, and the rows before and after.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection';
import { appliedVersions, migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';

const source = process.argv[2];
if (!source || !existsSync(source)) throw new Error('usage: tsx tests/perf/migration-time.ts FILE.sqlite');
const dir = mkdtempSync(join(tmpdir(), 'kith-migration-time-'));
const file = join(dir, 'kith.sqlite');
copyFileSync(source, file);
if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${file}-wal`);
const handle = openDatabase(file);
const count = (t: string) => handle.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
const tables = ['interactions', 'interaction_participants', 'attachments', 'next_topics'];
const before = Object.fromEntries(tables.map((t) => [t, count(t)]));
const applied = new Set(await appliedVersions(handle));
const backupStart = performance.now();
const cpu0 = process.cpuUsage();
await handle.sqlite.backup(join(dir, 'backup.sqlite'));
const backupMs = performance.now() - backupStart;
const cpu1 = process.cpuUsage(cpu0);
const start = performance.now();
const report = await migrateToLatest(handle, { backupDir: dir });
const ms = performance.now() - start - 0;
const cpu2 = process.cpuUsage(cpu0);
const after = Object.fromEntries(tables.map((t) => [t, count(t)]));
console.log(JSON.stringify({ applied: report.applied, alreadyApplied: applied.size, before, after, same: JSON.stringify(before) === JSON.stringify(after), backupWallMs: Math.round(backupMs), backupCpuMs: Math.round((cpu1.user + cpu1.system) / 1000), migrateWallMsIncludingItsBackup: Math.round(ms), migrateCpuMs: Math.round((cpu2.user + cpu2.system - cpu1.user - cpu1.system) / 1000), foreignKeyCheck: (handle.sqlite.pragma('foreign_key_check') as unknown[]).length }));
handle.sqlite.close();
rmSync(dir, { recursive: true, force: true });
