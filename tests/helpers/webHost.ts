// A test back end served by the real web host (electron/webhost/server.ts) on 127.0.0.1, with a
// stand-in page, for tests that speak HTTP to it rather than through the dispatcher.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { startTestBackend, type TestBackend } from './backend';

export async function startTestWebHost(): Promise<{ kith: TestBackend; host: WebHost }> {
  const kith = await startTestBackend({ host: 'web' });
  const staticDir = join(kith.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Kith</title>');
  const host = await startWebHost({ dispatch: kith.dispatch, staticDir });
  return { kith, host };
}
