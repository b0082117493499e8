// A real small file system for fault tests: a tmpfs of a given size (CI runs as root), filled up or
// remounted read-only by the test. `reason` says why when this machine cannot mount one.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  /** writes a filler file until the disk is full; returns its path (delete it to free the space) */
  fill(): string;
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

export function mountTmpfs(sizeKb: number): { tmpfs: Tmpfs | null; reason: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'kith-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { tmpfs: null, reason: `cannot mount a tmpfs here (${String((err as { stderr?: Buffer }).stderr ?? err).trim()}); needs root` };
  }
  return {
    reason: null,
    tmpfs: {
      dir,
      fill() {
        const filler = join(dir, 'filler.bin');
        const fd = openSync(filler, 'w');
        const chunk = Buffer.alloc(16 * 1024, 7);
        try {
          for (;;) writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        }
        // the last partial blocks too
        const small = Buffer.alloc(512, 7);
        try {
          for (;;) writeSync(fd, small);
        } catch {
          /* full */
        }
        closeSync(fd);
        return filler;
      },
      remount(mode) {
        execFileSync('mount', ['-o', `remount,${mode}`, dir]);
      },
      unmount() {
        execFileSync('umount', ['-l', dir]);
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}
