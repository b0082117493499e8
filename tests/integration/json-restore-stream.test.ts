// A Kith JSON export larger than an upload may be (attachments as base64) restores in the Electron
// app, which reads the chosen file from disk as a stream: every table comes back the same, in one
// transaction, without the file ever being whole in memory. A file damaged half way is refused with
// the row it is damaged at, and nothing is written (in the preview, and at commit if the file was
// damaged after it). KITH_BIG_RESTORE_MB sets the attachments' size (default 100; 300 for the figure).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, openSync, readSync, statSync, writeSync, closeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startBackend, type KithBackend } from '../../electron/kith';
import { downloadableExport } from '../../electron/transfer/export-jobs';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/api/limits';
import { ApiError } from '../../shared/api/errors';
import { fixedClock, startTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { dumpTables, seedEverything } from '../helpers/seed';
import { makeCall } from '../perf/harness';

const ATTACHMENT_MB = 2.5;
const TOTAL_MB = Number(process.env.KITH_BIG_RESTORE_MB ?? 100);
const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/London');
const tmp = tempDir();
let source: TestBackend;
let exportPath = '';
let expected: Record<string, unknown[]>;

beforeAll(async () => {
  source = await startTestBackend({ clock });
  const { ada } = await seedEverything(source);
  for (let i = 0; i < Math.ceil(TOTAL_MB / ATTACHMENT_MB); i++) {
    const data = randomBytes(ATTACHMENT_MB * 1024 * 1024).toString('base64');
    await source.call('attachments.add', { contactId: ada, name: `scan-${i}.bin`, mediaType: 'application/octet-stream', data });
  }
  // the export worker writes the file, as the app does
  let job = await source.call('transfer.exportStart', { format: 'json' });
  while (job!.state === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    job = await source.call('transfer.exportProgress', { jobId: job!.jobId });
  }
  exportPath = join(tmp.dir, 'kith-export.json');
  copyFileSync(downloadableExport(job!.jobId)!.path, exportPath);
  expected = hashedDump(source.sqlite);
}, 600_000);
afterAll(async () => {
  await source?.dispose();
  tmp.cleanup();
});

/** every table, every row (dumpTables), with each blob as its sha256: comparing 100 MB byte by byte in JS takes minutes */
function hashedDump(sqlite: TestBackend['sqlite']): Record<string, unknown[]> {
  const dump = dumpTables({ sqlite } as TestBackend);
  const hashed = (v: unknown) => (Buffer.isBuffer(v) ? `sha256:${createHash('sha256').update(v).digest('hex')}` : v);
  return Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.map((r) => Object.fromEntries(Object.entries(r as Record<string, unknown>).map(([k, v]) => [k, hashed(v)])))]));
}

/** an Electron back end on a new file whose open dialog chooses `path` */
async function electronKith(name: string, path: string): Promise<KithBackend & { call: ReturnType<typeof makeCall> }> {
  const kith = await startBackend({
    databasePath: join(tmp.dir, `${name}.sqlite`),
    host: 'electron',
    clock,
    files: {
      openFile: async () => {
        throw new Error('the whole file was asked for');
      },
      openPath: async () => path,
      saveFile: async () => null,
    },
  });
  return Object.assign(kith, { call: makeCall(kith) });
}

/** the peak resident memory added while `work` ran, sampled every 10 ms */
async function peakAddedMB<T>(work: () => Promise<T>): Promise<{ value: T; addedMB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await work();
    return { value, addedMB: (Math.max(peak, process.memoryUsage().rss) - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** a byte inside an attachment's base64 near the middle of the file, and which row of attachment_blobs holds it (1-based) */
function middleOfABlob(path: string): { at: number; row: number } {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const text = Buffer.alloc(size);
  readSync(fd, text, 0, size, 0);
  closeSync(fd);
  const tableAt = text.indexOf('"attachment_blobs": [');
  let at = Math.floor(size / 2);
  const base64 = (b: number) => /[A-Za-z0-9+/]/.test(String.fromCharCode(b));
  while (!base64(text[at]!) || !base64(text[at + 1]!)) at++;
  // each row of attachment_blobs begins with its sha256 (the table's first column)
  let row = 0;
  for (let i = text.indexOf('"sha256":', tableAt); i !== -1 && i < at; i = text.indexOf('"sha256":', i + 1)) row++;
  return { at, row };
}

function damage(path: string, at: number) {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from('"@'), 0, 2, at);
  closeSync(fd);
}

describe('restoring a JSON export larger than an upload, from disk', () => {
  it('restores every table in one go, the file never whole in memory', async () => {
    const size = statSync(exportPath).size;
    expect(size).toBeGreaterThan(MAX_IMPORT_FILE_BYTES * 1.5);
    const target = await electronKith('restored', exportPath);
    try {
      const { value: summary, addedMB } = await peakAddedMB(async () => {
        const preview = await target.call('transfer.importPreview', { source: { kind: 'dialog' } });
        expect(preview!.json).toMatchObject({ contacts: 2, hasData: false });
        return target.call('transfer.importCommit', { sessionId: preview!.sessionId });
      });
      expect(summary.restored).toMatchObject({ contacts: 2, attachment_blobs: Math.ceil(TOTAL_MB / ATTACHMENT_MB) });
      expect(hashedDump(target.handle.sqlite)).toEqual(expected);
      // read whole, the file was held as bytes, as text and as parsed values: several times its size
      console.log(`restored ${(size / 1024 / 1024).toFixed(0)} MB; ${addedMB.toFixed(0)} MB added at the peak`);
      expect(addedMB).toBeLessThan(size / 1024 / 1024);
    } finally {
      await target.close();
    }
  }, 600_000);

  it('refuses a file damaged half way in the preview, naming the row; nothing is written', async () => {
    const damaged = join(tmp.dir, 'damaged.json');
    copyFileSync(exportPath, damaged);
    const { at, row } = middleOfABlob(damaged);
    damage(damaged, at);
    const target = await electronKith('refused', damaged);
    try {
      const err = await target.call('transfer.importPreview', { source: { kind: 'dialog' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`row ${row} of attachment_blobs`) });
      expect(target.handle.sqlite.prepare(`SELECT count(*) FROM contacts`).pluck().get()).toBe(0);
    } finally {
      await target.close();
    }
  }, 600_000);

  it('a file damaged after its preview fails the commit with the row, and nothing is written', async () => {
    const changing = join(tmp.dir, 'changing.json');
    copyFileSync(exportPath, changing);
    const target = await electronKith('rolled-back', changing);
    try {
      const preview = await target.call('transfer.importPreview', { source: { kind: 'dialog' } });
      const { at, row } = middleOfABlob(changing);
      damage(changing, at);
      const err = await target.call('transfer.importCommit', { sessionId: preview!.sessionId }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`row ${row} of attachment_blobs`) });
      for (const table of ['contacts', 'interactions', 'attachments', 'attachment_blobs']) expect(target.handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    } finally {
      await target.close();
    }
  }, 600_000);
});
