// Exports run in a worker thread on a read-only connection of their own and stream to their file:
// the page sees progress, a cancel leaves no file behind, the file is exactly what the in-memory
// export gave, and every other call is answered while an export runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type KithBackend } from '../../electron/kith';
import { exportDownloadFolder } from '../../electron/transfer/export-jobs';
import { buildJsonExport } from '../../electron/transfer/json-export';
import type { FileDialogs } from '../../electron/services/context';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { ExportJob } from '../../shared/api/methods/transfer';
import { dataTables } from '../../db/derived';
import { generateDatabase } from '../perf/generate';
import { fixedClock, tempDir } from '../helpers/backend';

const tmp = tempDir('kith-export-worker-');
const clock = fixedClock('2026-11-01T12:00:00Z', 'Europe/Berlin');
/** where the fake save dialog says to write; null = the user cancels */
let chosenPath: string | null = null;
const dialogs: FileDialogs = {
  openFile: async () => null,
  saveFile: async () => null,
  choosePath: async () => chosenPath,
};
let kith: KithBackend;

async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const result = await kith.dispatch(method, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as OutputOf<M>;
}

/** polls like the page does, keeping every answer */
async function follow(job: ExportJob, onPoll?: (seen: ExportJob) => Promise<void> | void): Promise<ExportJob[]> {
  const seen = [job];
  while (seen.at(-1)!.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    const now = await call('transfer.exportProgress', { jobId: job.jobId });
    seen.push(now);
    await onPoll?.(now);
  }
  return seen;
}

beforeAll(async () => {
  // small in contacts, but enough rows that an export takes a while even on a fast machine
  const report = await generateDatabase({ out: join(tmp.dir, 'kith.sqlite'), size: { contacts: 300, interactions: 40_000, reminders: 600 }, seed: 11, now: new Date('2026-11-01T12:00:00Z') });
  kith = await startBackend({ databasePath: report.path, host: 'electron', clock, files: dialogs });
}, 120_000);
afterAll(async () => {
  await kith?.close();
  tmp.cleanup();
});

describe('exports in a worker', () => {
  it('streams the JSON export with progress, byte for byte what the in-memory export wrote', async () => {
    const started = (await call('transfer.exportStart', { format: 'json' }))!;
    expect(started).toMatchObject({ state: 'running', fileName: 'kith-export-2026-11-01.json', mime: 'application/json', savedTo: null });
    const seen = await follow(started);
    const done = seen.at(-1)!;
    const rows = dataTables(kith.handle.sqlite).reduce((n, t) => n + Number(kith.handle.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()), 0);
    expect(done).toMatchObject({ state: 'done', processed: rows, total: rows, count: 300, error: null });
    // progress moved forward through the file, and was seen part way
    const processed = seen.map((s) => s.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(seen.some((s) => s.state === 'running' && s.processed > 0 && s.processed < rows)).toBe(true);

    const file = join(exportDownloadFolder(), `${done.jobId}-${done.fileName}`);
    const written = readFileSync(file, 'utf8');
    expect(done.bytes).toBe(Buffer.byteLength(written));
    expect(written).toBe(JSON.stringify(buildJsonExport(kith.handle.sqlite, clock.now()), null, 1));
  }, 120_000);

  it('answers every other call while an export runs', async () => {
    const started = (await call('transfer.exportStart', { format: 'json' }))!;
    let answeredDuringExport = 0;
    let slowest = 0;
    await follow(started, async (now) => {
      if (now.state !== 'running') return;
      const t = performance.now();
      const page = await call('contacts.list', { limit: 20 });
      slowest = Math.max(slowest, performance.now() - t);
      expect(page.items.length).toBe(20);
      // still running after the answer came back: the export did not hold the connection
      if ((await call('transfer.exportProgress', { jobId: started.jobId })).state === 'running') answeredDuringExport++;
    });
    expect(answeredDuringExport).toBeGreaterThan(3);
    // the worker has the file; this thread only did the list (generous: the test machine is shared)
    expect(slowest).toBeLessThan(1000);
  }, 120_000);

  it('a cancelled export leaves no file, neither the download nor a partial one', async () => {
    const started = (await call('transfer.exportStart', { format: 'json' }))!;
    let asked = false;
    const seen = await follow(started, async (now) => {
      if (!asked && now.processed > 0) {
        asked = true;
        expect(await call('transfer.exportCancel', { jobId: started.jobId })).toEqual({ cancelled: true });
      }
    });
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(readdirSync(exportDownloadFolder()).filter((f) => f.includes(started.jobId))).toEqual([]);
    // a finished export cannot be cancelled any more
    expect(await call('transfer.exportCancel', { jobId: started.jobId })).toEqual({ cancelled: false });
  }, 120_000);

  it('writes where the save dialog says; a cancel there leaves nothing beside it either', async () => {
    chosenPath = join(tmp.dir, 'mine.vcf');
    const saved = (await follow((await call('transfer.exportStart', { format: 'vcard', destination: 'dialog' }))!)).at(-1)!;
    const active = Number(kith.handle.sqlite.prepare('SELECT count(*) FROM contacts WHERE archived_at IS NULL').pluck().get());
    expect(saved).toMatchObject({ state: 'done', savedTo: chosenPath, count: active });
    expect(readFileSync(chosenPath, 'utf8')).toBe((await call('transfer.export', { format: 'vcard' })).content);

    chosenPath = join(tmp.dir, 'stopped.json');
    const started = (await call('transfer.exportStart', { format: 'json', destination: 'dialog' }))!;
    await call('transfer.exportCancel', { jobId: started.jobId });
    expect((await follow(started)).at(-1)!.state).toBe('cancelled');
    expect(existsSync(chosenPath)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('stopped.json'))).toEqual([]);

    chosenPath = null; // the user closed the dialog
    expect(await call('transfer.exportStart', { format: 'csv', destination: 'dialog' })).toBeNull();
  }, 120_000);

  it('refuses chosen contacts that do not exist before starting', async () => {
    const err = await call('transfer.exportStart', { format: 'vcard', contactIds: ['nobody'] }).catch((e) => e);
    expect(err).toMatchObject({ code: 'not_found', field: 'contactIds' });
  });
});
