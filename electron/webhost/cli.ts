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
import { startAutomaticBackups } from '../transfer/backup-schedule';
import { DatabaseDamagedError, replaceDamagedFile } from '../transfer/integrity';

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
  const backend = await startBackend({ databasePath, host: 'web', integrityCheck: 'background', lock: true }).catch(async (err) => {
    if (!(err instanceof DatabaseDamagedError)) throw err;
    const backup = err.newestGoodBackup;
    // a damaged file: say so and offer the newest good backup instead of failing silently
    if (!backup || !argv.includes('--restore-newest-backup')) {
      console.error(err.message);
      if (backup) console.error(`To restore ${backup.fileName} (the damaged file is kept beside it), run again with --restore-newest-backup`);
      process.exit(2);
    }
    const kept = await replaceDamagedFile(databasePath, backup.fileName, new Date());
    console.log(`Restored ${backup.fileName}; the damaged file is kept as ${kept}`);
    return startBackend({ databasePath, host: 'web', lock: true });
  });
  const backups = startAutomaticBackups(backend.ctx, { onError: (err) => backend.status.report('backup', err), onSuccess: () => backend.status.recovered('backup') });
  // the same scheduler as the desktop app; its notifications go to the page as server-sent events,
  // which shows them with the browser's Notification API
  const notifications = new EventEmitter<{ notification: [KithNotification] }>();
  const host = await startWebHost({ dispatch: backend.dispatch, staticDir, port, events: backend.events, notifications });
  const scheduler = attachScheduler(backend, { notifier: { notify: (n) => notifications.emit('notification', n) } });
  await scheduler.start();
  void backend.integrity.then((damaged) => {
    if (!damaged) return;
    console.error(`\n${damaged.message}`);
    if (damaged.newestGoodBackup) console.error(`Stop Kith and run it again with --restore-newest-backup to restore ${damaged.newestGoodBackup.fileName} (the damaged file is kept beside it).`);
  });
  console.log(`Kith is serving ${databasePath}`);
  console.log(`Open: ${host.url}`);
  const stop = async () => {
    backups.stop();
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
