// In Electron the main process opens and saves files itself, through the FileDialogs adapter in
// the service context; here a fake adapter stands in for Electron's dialogs.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type KithBackend } from '../../electron/kith';
import type { FileDialogs } from '../../electron/services/context';
import { fixedClock, tempDir } from '../helpers/backend';
import { fixture } from '../helpers/transfer';

let backend: KithBackend | null = null;
let cleanup = () => {};
afterEach(async () => {
  await backend?.close();
  backend = null;
  cleanup();
});

async function start(files?: FileDialogs) {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  backend = await startBackend({ databasePath: join(tmp.dir, 'kith.sqlite'), host: files ? 'electron' : 'web', clock: fixedClock('2026-03-01T10:00:00Z'), files });
  return { dir: tmp.dir, call: async (method: string, input: unknown) => backend!.dispatch(method, input) };
}

describe('native dialogs', () => {
  it('imports the file the open dialog returns, and saves an export where the save dialog says', async () => {
    const saved: { defaultName: string; content: string }[] = [];
    const { dir, call } = await start({
      openFile: async ({ extensions }) => (expect(extensions).toEqual(['vcf', 'vcard', 'csv', 'json']), { name: 'vcard4.vcf', bytes: fixture('vcard4.vcf') }),
      saveFile: async ({ defaultName, content }) => {
        saved.push({ defaultName, content });
        return join(dir, defaultName);
      },
    });
    const preview = await call('transfer.importPreview', { source: { kind: 'dialog' } });
    expect(preview).toMatchObject({ ok: true, value: { fileName: 'vcard4.vcf', total: 2 } });
    const summary = await call('transfer.importCommit', { sessionId: (preview as { value: { sessionId: string } }).value.sessionId });
    expect(summary).toMatchObject({ ok: true, value: { added: 2 } });

    const result = await call('transfer.export', { format: 'vcard', destination: 'dialog' });
    expect(result).toEqual({ ok: true, value: { fileName: 'kith-contacts-2026-03-01.vcf', mime: 'text/vcard', content: null, savedTo: join(dir, 'kith-contacts-2026-03-01.vcf'), cancelled: false, count: 2 } });
    expect(saved.map((s) => s.defaultName)).toEqual(['kith-contacts-2026-03-01.vcf']);
    expect(saved[0]!.content).toContain('FN:Grace Hopper');
  });

  it('a cancelled dialog changes nothing and is not an error', async () => {
    const { call } = await start({ openFile: async () => null, saveFile: async () => null });
    expect(await call('transfer.importPreview', { source: { kind: 'dialog' } })).toEqual({ ok: true, value: null });
    expect(await call('transfer.export', { format: 'json', destination: 'dialog' })).toMatchObject({ ok: true, value: { cancelled: true, savedTo: null, content: null } });
  });

  it('the web host has no dialogs: it says to upload or download instead', async () => {
    const { call } = await start();
    expect(await call('transfer.importPreview', { source: { kind: 'dialog' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'source' } });
    expect(await call('transfer.export', { format: 'csv', destination: 'dialog' })).toMatchObject({ ok: false, error: { field: 'destination' } });
  });
});
