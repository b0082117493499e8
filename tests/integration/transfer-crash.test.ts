// A crash in the middle of an import: the importing process is killed with SIGKILL part way through
// a large file. The file must be intact and hold none of that import's records.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend } from '../../electron/kith';
import { tempDir } from '../helpers/backend';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let cleanup = () => {};
afterEach(() => cleanup());

describe('an import killed half way', () => {
  it('leaves the database intact and without any of its records', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'kith.sqlite');
    // node itself with tsx's loader (not the tsx wrapper, whose own child would survive the kill)
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'helpers', 'import-child.ts'), path, '20000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const killedAt = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const progress = [...buffer.matchAll(/progress (\d+)/g)].map((m) => Number(m[1]));
        const last = progress.at(-1) ?? 0;
        if (last >= 3000) {
          child.kill('SIGKILL');
          resolve(last);
        }
        if (buffer.includes('finished')) reject(new Error('the import finished before it could be killed'));
      });
      child.on('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`child exited (${code}): ${stderr}`)));
    });
    await new Promise((r) => child.on('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(3000);
    expect(killedAt).toBeLessThan(20000);

    const file = new Database(path);
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(file.prepare(`SELECT display_name FROM contacts ORDER BY display_name`).pluck().all()).toEqual(['Kept One', 'Kept Three', 'Kept Two']);
    expect(file.prepare(`SELECT count(*) FROM contact_methods WHERE value LIKE 'crash%'`).pluck().get()).toBe(0);
    file.close();
    // and Kith opens it normally (its own start-up check passes)
    const backend = await startBackend({ databasePath: path, host: 'web' });
    expect(backend.handle.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(3);
    await backend.close();
  });
});
