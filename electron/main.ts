// The Electron main process: lifecycle, the window, the tray, notifications and native dialogs.
// The back end (database, dispatcher, scheduler, backups) runs in a utilityProcess
// (electron/backend/process.ts) and is reached over its message port, so no export, import or
// query can hold up the window, the tray or a notification.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { askToRestoreDamagedFile, electronPathDialogs, isAttachmentCopy } from './adapters/fileDialogs';
import { resolveDatabasePath } from './paths';
import { APP_PAGE_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, devServerUrl, isAllowedPermission, isExternalLink, isOwnPage, isTrustedSender, type OwnPage } from './security';
import { appProtocolHandler } from './protocol';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type BridgeEvent } from '../shared/api/bridge';
import { electronNotifier } from './adapters/notifier';
import { createTray, type KithTray } from './adapters/tray';
import { applyLaunchAtLogin, onWake } from './adapters/system';
import { credentialKey } from './adapters/credentialCipher';
import { backendClient, type BackendClient } from './backend/client';
import type { FromBackend, PathRequest } from './backend/messages';

const here = fileURLToPath(new URL('.', import.meta.url));
// set by electron-vite in development; a packaged app never loads a page from elsewhere
const rendererUrl = devServerUrl(process.env, app.isPackaged);
const rendererDir = join(here, '..', 'renderer');
const ownPage: OwnPage = { devServerUrl: rendererUrl };

let backend: BackendClient | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: KithTray | null = null;
/** set by "Quit": closing the window otherwise leaves Kith in the tray */
let quitting = false;
/** set once the back end has closed the database, so quitting need not wait again */
let backendStopped = false;

// before ready: app:// is a standard, secure scheme (its own origin, fetch and CSP like https)
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

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

function start() {
  hardenSessions();
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
  const databasePath = resolveDatabasePath(process.argv.slice(1), process.env, app.getPath('userData'));
  const child = utilityProcess.fork(join(here, 'backend.js'), [], { serviceName: 'Kith back end', stdio: 'inherit' });
  backend = backendClient(child, onBackendMessage, (code) => {
    backendStopped = true;
    if (!quitting) fail(new Error(`Kith’s back end stopped unexpectedly (exit code ${code})`));
  });
  backend.send({ type: 'start', options: { databasePath, nativeBinding: electronNativeBinding(), locale: app.getLocale(), credentialKey: credentialKey(databasePath) } });
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedIpcSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from Kith’s own window' } };
    }
    return backend!.dispatch(method, input);
  });
}

const dialogs = electronPathDialogs(() => mainWindow);
const notifier = electronNotifier((path) => openAt(path));

/** what the back end reports or asks for */
function onBackendMessage(message: FromBackend) {
  switch (message.type) {
    case 'ready':
      tray = createTray({ open: (path) => openAt(path), quit: () => quit() });
      onWake(() => backend?.send({ type: 'wake' }));
      createWindow();
      app.on('activate', () => showWindow());
      return;
    case 'failed':
      return fail(new Error(message.message));
    case 'damaged':
      // "Restore this backup" or "Quit"; a restore found while running starts Kith again on the backup
      void askToRestoreDamagedFile(message.report).then((restore) => {
        if (!message.atStart) quitting = true;
        backend?.send({ type: 'damage-decision', restore });
      });
      return;
    case 'relaunch':
      app.relaunch();
      return app.exit(0);
    case 'committed':
      return broadcast({ type: 'committed', method: message.method });
    case 'notify':
      return notifier.notify(message.notification);
    case 'status':
      return tray?.update(message.status);
    case 'launch-at-login':
      return applyLaunchAtLogin(message.enabled);
    case 'ask-path':
      void choosePath(message.request).then((path) => backend?.send({ type: 'path', id: message.id, path }));
      return;
    case 'open-path':
      void openWithSystem(message.path).then((problem) => backend?.send({ type: 'opened', id: message.id, problem }));
      return;
    case 'error':
      return console.error(`[kith] ${message.message}`);
    case 'stopped':
      backendStopped = true;
      if (quitting) app.exit(0);
      return;
  }
}

function choosePath(request: PathRequest): Promise<string | null> {
  return request.kind === 'open' ? dialogs.chooseOpenPath(request) : dialogs.chooseSavePath(request);
}

/** an attachment's temporary copy, opened by the system's app for its type; only copies the back end wrote */
async function openWithSystem(path: string): Promise<string | null> {
  if (!isAttachmentCopy(path)) return 'not a copy Kith made';
  return (await shell.openPath(path)) || null;
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
  void mainWindow.loadURL(rendererUrl ?? APP_PAGE_URL);
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
  // no navigation away from the app, in any frame or by redirect, and no new windows; web, mail
  // and phone links open in the system's own handler
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isOwnPage(url, ownPage)) return;
    event.preventDefault();
    if (isExternalLink(url)) void shell.openExternal(url);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  // any frame (an iframe has no business in Kith): refused, never opened elsewhere
  contents.on('will-frame-navigate', (event) => {
    if (!isOwnPage(event.url, ownPage)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnPage(event.url, ownPage)) event.preventDefault();
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

app.on('will-quit', (event) => {
  tray?.destroy();
  tray = null;
  if (backendStopped || !backend) return;
  // the back end closes the database first ('stopped' ends the app)
  event.preventDefault();
  backend.send({ type: 'stop' });
});

function fail(err: unknown) {
  dialog.showErrorBox('Kith could not start', (err as Error)?.message ?? String(err));
  app.exit(1);
}
