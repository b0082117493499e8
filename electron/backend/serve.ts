// The back end over a message port: the one dispatcher, the reminder scheduler and the automatic
// backups, in a process of their own (Electron's utilityProcess), so nothing they do can hold up
// the main process's window, tray and notifications. The main process keeps everything that needs
// Electron (dialogs, notifications, the tray) and asks or is told over the port.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { startBackend, type KithBackend } from '../kith';
import type { FileDialogs } from '../services/context';
import { loadSettings } from '../services/settings';
import { attachScheduler, type AttachedScheduler } from '../scheduler/attach';
import { attachSyncScheduler, type SyncScheduler } from '../sync/sync-scheduler';
import { keyCipher } from '../sync/credentials';
import { startAutomaticBackups, type BackupSchedule } from '../transfer/backup-schedule';
import { DatabaseDamagedError, replaceDamagedFile } from '../transfer/integrity';
import { recoveryDispatch } from '../api/recovery-dispatch';
import type { Dispatch } from '../api/dispatcher';
import type { BackendStartOptions, FromBackend, PathRequest, ToBackend } from './messages';

/** the back end's end of the port: Electron's process.parentPort, or a stand-in in tests */
export interface BackendPort {
  postMessage(message: FromBackend): void;
  on(event: 'message', listener: (event: { data: ToBackend }) => void): void;
}

export function serveBackend(port: BackendPort, exit: (code: number) => void = (code) => process.exit(code)): void {
  const send = (message: FromBackend) => port.postMessage(message);
  let backend: KithBackend | null = null;
  let scheduler: AttachedScheduler | null = null;
  let sync: SyncScheduler | null = null;
  let backups: BackupSchedule | null = null;
  let options: BackendStartOptions | null = null;
  let nextPathId = 1;
  const pendingPaths = new Map<number, (path: string | null) => void>();
  const pendingOpens = new Map<number, (problem: string | null) => void>();
  /** calls that came before the back end was ready wait for it */
  let ready: Promise<void> = new Promise(() => {});
  let markReady: () => void = () => {};
  ready = new Promise((resolve) => (markReady = resolve));

  const askPath = (request: PathRequest) =>
    new Promise<string | null>((resolve) => {
      const id = nextPathId++;
      pendingPaths.set(id, resolve);
      send({ type: 'ask-path', id, request });
    });
  // the main process shows the dialogs; the files are read and written here
  const files: FileDialogs = {
    async openFile({ title, extensions }) {
      const path = await askPath({ kind: 'open', title, extensions });
      return path ? { name: basename(path), bytes: await readFile(path) } : null;
    },
    openPath: ({ title, extensions }) => askPath({ kind: 'open', title, extensions }),
    async saveFile({ title, defaultName, content }) {
      const path = await askPath({ kind: 'save', title, defaultName });
      if (path) await writeFile(path, content, 'utf8');
      return path;
    },
    choosePath: ({ title, defaultName }) => askPath({ kind: 'save', title, defaultName }),
    openWithSystem: (path) =>
      new Promise<string | null>((resolve) => {
        const id = nextPathId++;
        pendingOpens.set(id, resolve);
        send({ type: 'open-path', id, path });
      }),
  };
  /** the back end's answers, or the recovery answers while the file cannot be opened */
  let dispatch: Dispatch | null = null;

  async function start(startOptions: BackendStartOptions) {
    options = startOptions;
    const open = () =>
      startBackend({
        databasePath: startOptions.databasePath,
        host: 'electron',
        nativeBinding: startOptions.nativeBinding,
        files,
        integrityCheck: 'background',
        lock: true,
        locale: startOptions.locale,
        credentialCipher: startOptions.credentialKey ? keyCipher(Buffer.from(startOptions.credentialKey, 'base64')) : undefined,
        // a restore into a new data file: close this one and start again on the new file
        switchDataFile: (path) => void stop().then(() => start({ ...startOptions, databasePath: path })),
      });
    let kith: KithBackend;
    try {
      run(await open());
    } catch (err) {
      if (!(err instanceof DatabaseDamagedError)) {
        send({ type: 'failed', message: (err as Error)?.message ?? String(err) });
        return;
      }
      // a file that cannot be opened: the window opens on the recovery screen, which offers the
      // newest good backup (as the web host does); nothing touches the file until the user chooses
      send({ type: 'error', message: err.message });
      dispatch = recoveryDispatch(err, async () => {
        await replaceDamagedFile(startOptions.databasePath, err.newestGoodBackup!.fileName, new Date());
        const kith = await open();
        run(kith);
        return kith.status.snapshot();
      });
    }
    markReady();
    send({ type: 'ready' });
  }

  /** the back end on an opened file, with its scheduler and backups. Damage the background check
   *  finds later stops writes, and the page's banner offers the backup (app.resolveDamage) */
  function run(kith: KithBackend) {
    backend = kith;
    dispatch = kith.dispatch;
    // a failed backup is shown in the app (app.status, the page's banner), and recovers by itself
    backups = startAutomaticBackups(kith.ctx, { onError: (err) => kith.status.report('backup', err), onSuccess: () => kith.status.recovered('backup') });
    kith.events.on('committed', (method) => {
      send({ type: 'committed', method });
      if (method === 'settings.update') void syncLoginItem(kith);
    });
    // a read-only file cannot record what was announced: no scheduler, or it would ring again and again
    if (!kith.status.readOnlyReason) {
      scheduler = attachScheduler(kith, { notifier: { notify: (notification) => send({ type: 'notify', notification }) }, onStatus: ({ overdue, dueToday }) => send({ type: 'status', status: { overdue, dueToday } }) });
      void scheduler.start();
      // contact sync: at start, after writes settle, every 15 minutes and on wake
      sync = attachSyncScheduler(kith);
    }
    void syncLoginItem(kith);
    void kith.integrity.then((damaged) => {
      if (damaged) send({ type: 'error', message: `${damaged.message} The window shows the damage and offers the newest good backup; writes wait until the user chooses.` });
    });
  }

  const syncLoginItem = (kith: KithBackend) =>
    loadSettings(kith.ctx.db).then(
      (s) => send({ type: 'launch-at-login', enabled: s.launchAtLogin }),
      () => {},
    );

  async function stop() {
    scheduler?.detach();
    sync?.detach();
    sync = null;
    backups?.stop();
    const closing = backend?.close();
    backend = null;
    dispatch = null;
    scheduler = null;
    await closing;
  }

  port.on('message', ({ data: message }) => {
    switch (message.type) {
      case 'start':
        if (!options) void start(message.options);
        return;
      case 'call':
        void ready.then(async () => {
          const result = dispatch ? await dispatch(message.method, message.input) : { ok: false as const, error: { code: 'internal' as const, message: 'Kith’s back end has stopped' } };
          send({ type: 'result', id: message.id, result });
        });
        return;
      case 'path':
        pendingPaths.get(message.id)?.(message.path);
        pendingPaths.delete(message.id);
        return;
      case 'opened':
        pendingOpens.get(message.id)?.(message.problem);
        pendingOpens.delete(message.id);
        return;
      case 'wake':
        void scheduler?.rearm('resume');
        sync?.wake();
        return;
      case 'stop':
        void stop().then(() => {
          send({ type: 'stopped' });
          exit(0);
        });
        return;
    }
  });
}
