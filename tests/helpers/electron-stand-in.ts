// A recording stand-in for the `electron` module, so the built main process (out/main/main.js) can
// run under Node without an Electron binary: every call it makes is recorded, the test emits the
// events Electron would (ready, IPC, resume, clicks), and utilityProcess.fork starts the real back
// end in a Node child (with parent-port-shim.mjs giving it Electron's process.parentPort).
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Recorder {
  calls: { what: string; args: unknown[] }[];
  windows: FakeWindow[];
  trays: FakeTray[];
  notifications: FakeNotification[];
  children: ChildProcess[];
  ipcHandlers: Map<string, (...args: unknown[]) => unknown>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  /** what the next save/open dialog answers */
  dialogAnswer: { canceled: boolean; filePath?: string; filePaths?: string[] };
  /** what shell.openPath answers: '' when the system's app opened it, else its error */
  openPathAnswer: string;
  ready: () => void;
}

export const recorder: Recorder = {
  calls: [],
  windows: [],
  trays: [],
  notifications: [],
  children: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  dialogAnswer: { canceled: true },
  openPathAnswer: '',
  ready: () => {},
};
const record = (what: string, ...args: unknown[]) => void recorder.calls.push({ what, args });
export const called = (what: string) => recorder.calls.filter((c) => c.what === what).map((c) => c.args);

class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  mainFrame = { url: 'app://kith/index.html' };
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  setWindowOpenHandler(handler: unknown) {
    record('setWindowOpenHandler', handler);
    (this as unknown as { openHandler: unknown }).openHandler = handler;
  }
}

export class FakeWindow extends EventEmitter {
  webContents = new FakeWebContents();
  shown = 0;
  focused = 0;
  loaded: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorder.windows.push(this);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  loadFile(file: string) {
    this.loaded.push(`file:${file}`);
    return Promise.resolve();
  }
  show() {
    this.shown++;
  }
  hide() {}
  focus() {
    this.focused++;
  }
  isMinimized() {
    return false;
  }
  restore() {}
}

export class FakeTray extends EventEmitter {
  menus: { label?: string; type?: string; enabled?: boolean; click?: () => void }[][] = [];
  constructor() {
    super();
    recorder.trays.push(this);
  }
  setContextMenu(menu: FakeTray['menus'][number]) {
    this.menus.push(menu);
  }
  setToolTip() {}
  setTitle() {}
  destroy() {
    record('tray.destroy');
  }
}

export class FakeNotification extends EventEmitter {
  static isSupported = () => true;
  constructor(readonly options: { title: string; body: string }) {
    super();
    recorder.notifications.push(this);
  }
  show() {}
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  requestSingleInstanceLock() {
    record('requestSingleInstanceLock');
    return true;
  }
  whenReady() {
    return new Promise<void>((resolve) => (recorder.ready = resolve));
  }
  getPath(name: string) {
    return join(process.env.KITH_TEST_USER_DATA ?? '/nonexistent', name);
  }
  getLocale() {
    return 'en-GB';
  }
  getAppPath() {
    return process.cwd();
  }
  quit() {
    record('app.quit');
    this.emit('before-quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('will-quit', event);
  }
  exit(code: number) {
    record('app.exit', code);
  }
  relaunch() {
    record('app.relaunch');
  }
  setLoginItemSettings(settings: unknown) {
    record('setLoginItemSettings', settings);
  }
}

const shim = pathToFileURL(join(__dirname, 'parent-port-shim.mjs')).href;

export const electronStandIn = {
  app: new FakeApp(),
  BrowserWindow: FakeWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: { buildFromTemplate: (template: unknown) => template },
  nativeImage: { createFromDataURL: () => ({ resize: () => ({}) }) },
  ipcMain: { handle: (channel: string, handler: (...args: unknown[]) => unknown) => void recorder.ipcHandlers.set(channel, handler) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => record('registerSchemesAsPrivileged', schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void recorder.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (fn: unknown) => record('onHeadersReceived', fn) },
      setPermissionRequestHandler: (fn: unknown) => record('setPermissionRequestHandler', fn),
      setPermissionCheckHandler: (fn: unknown) => record('setPermissionCheckHandler', fn),
    },
  },
  shell: {
    openExternal: (url: string) => (record('openExternal', url), Promise.resolve()),
    openPath: (path: string) => (record('openPath', path), Promise.resolve(recorder.openPathAnswer)),
  },
  dialog: {
    showErrorBox: (...args: unknown[]) => record('showErrorBox', ...args),
    showMessageBox: async (...args: unknown[]) => (record('showMessageBox', ...args), { response: 1 }),
    showOpenDialog: async () => recorder.dialogAnswer,
    showSaveDialog: async () => recorder.dialogAnswer,
  },
  powerMonitor: new EventEmitter(),
  utilityProcess: {
    fork(modulePath: string, args: string[], options: unknown) {
      record('utilityProcess.fork', modulePath, args, options);
      const child = fork(modulePath, args, { execArgv: ['--import', shim], serialization: 'advanced', stdio: 'inherit', env: process.env });
      recorder.children.push(child);
      return {
        postMessage: (message: unknown) => child.connected && child.send(message as never),
        on(event: string, listener: (...args: unknown[]) => void) {
          if (event === 'message') child.on('message', listener);
          if (event === 'exit') child.on('exit', (code) => listener(code ?? 0));
          return this;
        },
        kill: () => child.kill(),
      };
    },
  },
};

/** polls `probe` every 20 ms until it gives something, for what the main process does in its own time */
export async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
