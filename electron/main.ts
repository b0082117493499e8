// The Electron main process: lifecycle, the window, and the IPC end of the one dispatcher.
// Everything else (services, database, scheduler logic) is plain Node code shared with the web host.
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackend, type KithBackend } from './kith';
import { askToRestoreDamagedFile, electronFileDialogs } from './adapters/fileDialogs';
import { startAutomaticBackups } from './transfer/backup-schedule';
import { DatabaseDamagedError, replaceDamagedFile } from './transfer/integrity';
import { resolveDatabasePath } from './paths';
import { CONTENT_SECURITY_POLICY, isAllowedPermission, isExternalLink, isOwnPage, isTrustedSender, type OwnPage } from './security';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type BridgeEvent } from '../shared/api/bridge';
import { attachScheduler, type AttachedScheduler } from './scheduler/attach';
import { attachSyncScheduler } from './sync/sync-scheduler';
import { electronCredentialCipher } from './adapters/credentialCipher';
import { electronNotifier } from './adapters/notifier';
import { createTray, type KithTray } from './adapters/tray';
import { applyLaunchAtLogin, onWake } from './adapters/system';
import { loadSettings } from './services/settings';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by electron-vite in development
const rendererFile = join(here, '..', 'renderer', 'index.html');
const ownPage: OwnPage = { devServerUrl: rendererUrl, rendererFile };

let backend: KithBackend | null = null;
let mainWindow: BrowserWindow | null = null;
let scheduler: AttachedScheduler | null = null;
let tray: KithTray | null = null;
/** set by "Quit": closing the window otherwise leaves Kith in the tray */
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.whenReady().then(start, (err) => fail(err));
}

/** the better-sqlite3 build for Electron's ABI, made by build/electron-native.mjs (see README) */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined; // electron-builder rebuilt node_modules for Electron
  const candidate = join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

async function start() {
  hardenSessions();
  const databasePath = resolveDatabasePath(process.argv.slice(1), process.env, app.getPath('userData'));
  const open = () =>
    startBackend({ databasePath, host: 'electron', nativeBinding: electronNativeBinding(), files: electronFileDialogs(() => mainWindow), integrityCheck: 'background', lock: true, locale: app.getLocale(), credentialCipher: electronCredentialCipher() });
  try {
    backend = await open().catch(async (err) => {
      // a damaged file: offer the newest good backup instead of failing
      if (!(err instanceof DatabaseDamagedError) || !(await askToRestoreDamagedFile(err))) throw err;
      await replaceDamagedFile(databasePath, err.newestGoodBackup!.fileName, new Date());
      return open();
    });
  } catch (err) {
    return fail(err);
  }
  const kith = backend;
  const backups = startAutomaticBackups(kith.ctx, { onError: (err) => kith.status.report('backup', err), onSuccess: () => kith.status.recovered('backup') });
  app.on('will-quit', () => backups.stop());
  backend.events.on('committed', (method) => broadcast({ type: 'committed', method }));
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedIpcSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from Kith’s own window' } };
    }
    return backend!.dispatch(method, input);
  });
  createWindow();
  app.on('activate', () => showWindow());
  startReminders(backend);
  // the integrity check ran beside the start-up: if it finds damage, offer the newest good backup
  // and start again on it (the damaged file is kept beside it, renamed)
  void backend.integrity.then(async (damaged) => {
    if (!damaged) return;
    const restore = await askToRestoreDamagedFile(damaged); // "Restore this backup" or "Quit"
    quitting = true;
    await backend?.close();
    if (restore) {
      await replaceDamagedFile(databasePath, damaged.newestGoodBackup!.fileName, new Date());
      app.relaunch();
    }
    app.exit(0);
  });
}

/** the scheduler, the tray with the overdue count, wake-ups, and the launch-at-login setting */
function startReminders(kith: KithBackend) {
  tray = createTray({ open: (path) => openAt(path), quit: () => quit() });
  // a read-only file cannot record what was announced: no scheduler, or it would ring again and again
  if (kith.status.readOnlyReason) return;
  scheduler = attachScheduler(kith, {
    notifier: electronNotifier((path) => openAt(path)),
    onStatus: (status) => tray?.update(status),
  });
  onWake(() => void scheduler?.rearm('resume'));
  // contact sync: at start, after writes settle, every 15 minutes and on wake
  const sync = attachSyncScheduler(kith);
  onWake(() => sync.wake());
  const syncLoginItem = () => loadSettings(kith.ctx.db).then((s) => applyLaunchAtLogin(s.launchAtLogin), () => {});
  kith.events.on('committed', (method) => {
    if (method === 'settings.update') void syncLoginItem();
  });
  void syncLoginItem();
  void scheduler.start();
}

/** show the window on a route (a notification's contact or reminder) */
function openAt(path?: string) {
  const fresh = !mainWindow;
  showWindow();
  if (!path || !mainWindow) return;
  if (fresh) mainWindow.webContents.once('did-finish-load', () => broadcast({ type: 'navigate', path }));
  else broadcast({ type: 'navigate', path });
}

function quit() {
  quitting = true;
  app.quit();
}

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'Kith',
    show: false,
    backgroundColor: '#101114',
    webPreferences: {
      preload: join(here, '..', 'preload', 'preload.cjs'),
      // written out here, not spread from a constant, so the security lint can read them
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // middle-click would otherwise open links in a new window, around setWindowOpenHandler
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  // closing the window hides it: Kith stays in the tray so reminders still ring
  mainWindow.on('close', (event) => {
    if (quitting || !tray) return;
    event.preventDefault();
    mainWindow?.hide();
  });
  if (rendererUrl) void mainWindow.loadURL(rendererUrl);
  else void mainWindow.loadFile(rendererFile);
}

function showWindow() {
  if (!mainWindow) createWindow();
  else {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }
}

function broadcast(event: BridgeEvent) {
  mainWindow?.webContents.send(IPC_EVENT_CHANNEL, event);
}

/** only our own page, in our own window's top frame, may call the API */
function isTrustedIpcSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    { isMainWindow: !!mainWindow && event.sender === mainWindow.webContents, isMainFrame: !!frame && frame === event.sender.mainFrame, frameUrl: frame?.url ?? null },
    ownPage,
  );
}

function hardenSessions() {
  // CSP on every response (the dev server's too); the built page also carries it in a meta tag
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // desktop notifications are the only permission Kith's page may have
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isAllowedPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isAllowedPermission(permission));
}

app.on('web-contents-created', (_event, contents) => {
  // no navigation away from the app, no new windows; web links open in the user's browser
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, ownPage)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

// Kith lives on in the tray when its window closes; only "Quit" (tray, menu, Cmd+Q) ends it
app.on('window-all-closed', () => {
  if (!tray) app.quit(); // started without a tray (failed early): nothing would keep it reachable
});

app.on('before-quit', () => {
  quitting = true;
});

app.on('will-quit', () => {
  scheduler?.detach();
  tray?.destroy();
  void backend?.close();
});

function fail(err: unknown) {
  dialog.showErrorBox('Kith could not start', (err as Error)?.message ?? String(err));
  app.exit(1);
}
