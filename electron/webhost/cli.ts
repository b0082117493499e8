// `npm run web`: Kith in your browser, on this machine only.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { startBackend } from '../kith';
import { defaultDataDir, resolveDatabasePath } from '../paths';
import { startWebHost } from './server';
import { attachScheduler } from '../scheduler/attach';
import type { KithNotification } from '../scheduler/messages';
import { EventEmitter } from 'node:events';

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, '..', '..', 'out', 'renderer');

async function main() {
  const argv = process.argv.slice(2);
  const databasePath = resolveDatabasePath(argv, process.env, defaultDataDir());
  const portArg = argv.find((a) => a.startsWith('--port='));
  const port = portArg ? Number(portArg.slice('--port='.length)) : Number(process.env.KITH_PORT ?? 0);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir}). Run: npm run build`);
    process.exit(1);
  }
  const backend = await startBackend({ databasePath, host: 'web' });
  // the same scheduler as the desktop app; its notifications go to the page as server-sent events,
  // which shows them with the browser's Notification API
  const notifications = new EventEmitter<{ notification: [KithNotification] }>();
  const host = await startWebHost({ dispatch: backend.dispatch, staticDir, port, events: backend.events, notifications });
  const scheduler = attachScheduler(backend, { notifier: { notify: (n) => notifications.emit('notification', n) } });
  await scheduler.start();
  console.log(`Kith is serving ${databasePath}`);
  console.log(`Open: ${host.url}`);
  const stop = async () => {
    scheduler.detach();
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`Kith could not start: ${(err as Error).message}`);
  process.exit(1);
});
