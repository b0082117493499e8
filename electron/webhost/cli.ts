// `npm run web`: Kith in your browser, on this machine only.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { startBackend, type KithBackend } from '../kith';
import { defaultDataDir, resolveDatabasePath } from '../paths';
import { startWebHost } from './server';
import { attachScheduler, type AttachedScheduler } from '../scheduler/attach';
import { attachSyncScheduler, type SyncScheduler } from '../sync/sync-scheduler';
import type { KithNotification } from '../scheduler/messages';
import { EventEmitter } from 'node:events';
import { startAutomaticBackups, type BackupSchedule } from '../transfer/backup-schedule';
import { DatabaseDamagedError, replaceDamagedFile } from '../transfer/integrity';
import type { Dispatch } from '../api/dispatcher';
import type { MethodName } from '../../shared/api/contract';
import { recoveryDispatch } from '../api/recovery-dispatch';

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, '..', '..', 'out', 'renderer');

async function main() {
  const argv = process.argv.slice(2);
  let databasePath = resolveDatabasePath(argv, process.env, defaultDataDir());
  const portArg = argv.find((a) => a.startsWith('--port='));
  const port = portArg ? Number(portArg.slice('--port='.length)) : Number(process.env.KITH_PORT ?? 0);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir}). Run: npm run build`);
    process.exit(1);
  }
  // the system locale, for the default phone region (LANG as the shell sets it, else Node's ICU default)
  const locale = process.env.LC_ALL || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  const open = (): Promise<KithBackend> => startBackend({ databasePath, host: 'web', integrityCheck: 'background', lock: true, locale, switchDataFile: (path) => void switchTo(path) });
  /** a restore into a new data file: the new file is opened first, so a failure leaves this one serving */
  const switchTo = async (path: string) => {
    const previous = { path: databasePath, backend, backups, scheduler, sync };
    databasePath = path;
    try {
      const next = await open();
      previous.backups?.stop();
      previous.scheduler?.detach();
      previous.sync?.detach();
      await run(next);
      await previous.backend?.close();
      console.log(`Kith is serving ${path} (was ${previous.path})`);
    } catch (err) {
      databasePath = previous.path;
      console.error(`Kith could not open ${path}: ${(err as Error).message}`);
    }
  };
  // the page talks to whichever dispatcher is current: the back end, or the recovery answers
  const events = new EventEmitter<{ committed: [MethodName] }>();
  const notifications = new EventEmitter<{ notification: [KithNotification] }>();
  let dispatch: Dispatch;
  let backend: KithBackend | null = null;
  let backups: BackupSchedule | null = null;
  let scheduler: AttachedScheduler | null = null;
  let sync: SyncScheduler | null = null;

  const run = async (kith: KithBackend) => {
    backend = kith;
    dispatch = kith.dispatch;
    kith.events.on('committed', (method) => events.emit('committed', method));
    backups = startAutomaticBackups(kith.ctx, { onError: (err) => kith.status.report('backup', err), onSuccess: () => kith.status.recovered('backup') });
    // the same scheduler as the desktop app; its notifications go to the page as server-sent
    // events, which shows them with the browser's Notification API (not on a read-only file)
    if (!kith.status.readOnlyReason) {
      scheduler = attachScheduler(kith, { notifier: { notify: (n) => notifications.emit('notification', n) } });
      // not awaited, as in the desktop app (backend/serve.ts): its first run waits for the day's
      // health catch-up (seconds on 100,000 people), and the page is served meanwhile
      void scheduler.start();
      // contact sync: at start, after writes settle, every 15 minutes
      sync = attachSyncScheduler(kith);
    }
    void kith.integrity.then((damaged) => {
      if (!damaged) return;
      console.error(`\n${damaged.message}`);
      console.error('The page shows the damage and offers the newest good backup; writes wait until you choose.');
    });
  };

  try {
    await run(await open());
  } catch (err) {
    if (!(err instanceof DatabaseDamagedError)) throw err;
    const backup = err.newestGoodBackup;
    if (backup && argv.includes('--restore-newest-backup')) {
      const kept = await replaceDamagedFile(databasePath, backup.fileName, new Date());
      console.log(`Restored ${backup.fileName}; the damaged file is kept as ${kept}`);
      await run(await open());
    } else {
      // serve the page anyway: its banner shows the damage and offers the backup
      console.error(err.message);
      if (backup) console.error(`Open the page to restore ${backup.fileName} (or run again with --restore-newest-backup); the damaged file is kept beside it.`);
      dispatch = recoveryDispatch(err, async () => {
        const kept = await replaceDamagedFile(databasePath, backup!.fileName, new Date());
        console.log(`Restored ${backup!.fileName}; the damaged file is kept as ${kept}`);
        const kith = await open();
        await run(kith);
        return kith.status.snapshot();
      });
    }
  }
  const host = await startWebHost({ dispatch: (method, input) => dispatch(method, input), staticDir, port, events, notifications });
  console.log(`Kith is serving ${databasePath}`);
  console.log(`Open: ${host.url}`);
  const stop = async () => {
    backups?.stop();
    scheduler?.detach();
    sync?.detach();
    await host.close();
    await backend?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`Kith could not start: ${(err as Error).message}`);
  process.exit(1);
});
