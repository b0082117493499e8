// Where the bench keeps its generated databases (bench-data/, gitignored), and how it runs its
// helpers in child processes: each size's benchmarks, cold starts and the browser check get a
// process of their own, so memory figures and "cold" mean what they say.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../db/migrations';
import { GENERATOR_VERSION, type SizeName } from './generate';

export const PERF_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(PERF_DIR, '..', '..');
export const DATA_DIR = join(ROOT, 'bench-data');

/** the schema the app would migrate to: the newest migration and a hash of all their names */
export function schemaKey(): string {
  const names = Object.keys(migrations).sort();
  const hash = createHash('sha1').update(names.join('\n')).digest('hex').slice(0, 6);
  return `${names.at(-1) ?? 'none'}-${hash}`;
}

export function dataFilePath(size: SizeName, seed: number): string {
  return join(DATA_DIR, `${size}-seed${seed}-${schemaKey()}-g${GENERATOR_VERSION}.sqlite`);
}

/** runs a TypeScript file of tests/perf in a fresh Node process (through tsx); resolves with its exit code */
export function runScript(script: string, args: string[], options: { quiet?: boolean } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PERF_DIR, script), ...args], {
      cwd: ROOT,
      stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** the generated file for this size and seed: reused when it exists for the current schema, else generated */
export async function ensureDataFile(size: SizeName, seed: number, log: (line: string) => void): Promise<{ path: string; generatedSeconds: number | null }> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = dataFilePath(size, seed);
  const meta = `${path}.json`;
  if (existsSync(path)) {
    log(`Reusing ${path}`);
    // how long it took when it was made, for the record
    const made = existsSync(meta) ? (JSON.parse(readFileSync(meta, 'utf8')) as { generatedSeconds?: number }) : {};
    return { path, generatedSeconds: made.generatedSeconds ?? null };
  }
  // older files of this size and seed were for another schema or generator: they only take space
  for (const f of readdirSync(DATA_DIR)) if (f.startsWith(`${size}-seed${seed}-`)) rmSync(join(DATA_DIR, f), { force: true });
  const t0 = performance.now();
  const code = await runScript('seed.ts', ['--size', size, '--out', path, '--seed', String(seed)]);
  if (code !== 0) throw new Error(`Generating ${size} failed (exit ${code})`);
  const generatedSeconds = (performance.now() - t0) / 1000;
  writeFileSync(meta, JSON.stringify({ generatedSeconds, generatedAt: new Date().toISOString() }));
  return { path, generatedSeconds };
}

/** a scratch copy the benchmarks may write to, so the cached file stays as generated (flushed,
 *  as every copy: copyDatabase) */
export function workingCopy(path: string, size: SizeName): string {
  const work = join(DATA_DIR, `work-${size}.sqlite`);
  rmSync(join(DATA_DIR, 'backups'), { recursive: true, force: true });
  copyDatabase(path, work);
  return work;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * copies a closed SQLite file (and a WAL left beside it, if any) over `to`, removing what was there.
 * The copy is flushed to disk before it is used: otherwise the kernel writes hundreds of MB of dirty
 * pages back during the timed run that follows, on the same two cores, and the connection's first
 * commit waits for that writeback (a large copy: 133 ms instead of 10).
 */
export function copyDatabase(from: string, to: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(`${to}${suffix}`, { force: true });
  for (const suffix of ['', '-wal']) {
    if (suffix && !existsSync(`${from}${suffix}`)) continue;
    copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
    const fd = openSync(`${to}${suffix}`, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

export function removeDatabase(path: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(`${path}${suffix}`, { force: true });
}

