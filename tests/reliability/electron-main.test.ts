// The built main process (out/main/main.js), run under Node against a recording stand-in for the
// `electron` module (tests/helpers/electron-stand-in.ts): there is no Electron binary here, so this
// is where its wiring is checked. The back end really runs: utilityProcess.fork starts
// out/main/backend.js in a Node child, and IPC calls go through it to a real SQLite file.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { EventEmitter } from 'node:events';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/errors';
import { tempDir } from '../helpers/backend';
import { trayMenuLabel } from '../../electron/scheduler/messages';
import { called, until, electronStandIn, recorder, type FakeWindow } from '../helpers/electron-stand-in';

vi.mock('electron', async () => (await import('../helpers/electron-stand-in')).electronStandIn);

const root = join(__dirname, '..', '..');
const tmp = tempDir('kith-electron-main-');
const databasePath = join(tmp.dir, 'kith.sqlite');
let win: FakeWindow;


/** an IPC call as the page in the main window would make it */
async function invoke(method: string, input: unknown, from: { sender?: unknown; url?: string } = {}): Promise<ApiResult<unknown>> {
  const handler = recorder.ipcHandlers.get(IPC_CHANNEL)!;
  const sender = (from.sender ?? win.webContents) as { mainFrame: unknown };
  const frame = from.url ? { url: from.url } : sender.mainFrame;
  return (await handler({ sender, senderFrame: frame }, method, input)) as ApiResult<unknown>;
}

async function ok<T>(method: string, input: unknown): Promise<T> {
  const result = await invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** marks every reminder as not yet rung, straight in the file (no write through the app) */
function unannounce() {
  const file = new Database(databasePath);
  file.prepare('UPDATE reminders SET last_notified_at = NULL').run();
  file.close();
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  process.env.KITH_DB = databasePath;
  process.env.KITH_TEST_USER_DATA = tmp.dir;
  // a packaged app ignores the dev server's address, even when the variable is set
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
  const main = join(root, 'out', 'main', 'main.js');
  await import(/* @vite-ignore */ main);
  recorder.ready();
  win = await until('the window (after the back end is ready)', () => recorder.windows[0]);
}, 90_000);

afterAll(async () => {
  for (const child of recorder.children) if (child.exitCode === null) child.kill();
  delete process.env.ELECTRON_RENDERER_URL;
  tmp.cleanup();
});

describe('the main process, wired (built, under a recording stand-in for electron)', () => {
  it('takes the single-instance lock, and a second launch focuses the window', () => {
    expect(called('requestSingleInstanceLock')).toHaveLength(1);
    const focused = win.focused;
    electronStandIn.app.emit('second-instance');
    expect(win.focused).toBe(focused + 1);
    expect(recorder.windows).toHaveLength(1);
  });

  it('runs the back end in a utilityProcess, and the main process never loads the database', () => {
    const [fork] = called('utilityProcess.fork');
    expect(fork![0]).toBe(join(root, 'out', 'main', 'backend.js'));
    expect(recorder.children[0]!.exitCode).toBeNull();
    const main = readFileSync(join(root, 'out', 'main', 'main.js'), 'utf8');
    expect(main).not.toMatch(/from "(better-sqlite3|kysely)"|require\("(better-sqlite3|kysely)"\)/);
  });

  it('creates the window isolated and sandboxed, and loads app://kith, never the dev server when packaged', () => {
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toBe(join(root, 'out', 'preload', 'preload.cjs'));
    expect(win.loaded).toEqual(['app://kith/index.html']);
  });

  it('serves the page from the app:// protocol, with the CSP, and nothing outside the renderer folder', async () => {
    expect(called('registerSchemesAsPrivileged')[0]![0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const handle = recorder.protocolHandlers.get('app')!;
    const page = await handle(new Request('app://kith/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toBe(readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8'));
    for (const url of ['app://kith/../main/main.js', 'app://kith/%2e%2e/main/main.js', 'app://kith/..%2f..%2fpackage.json', 'app://other/index.html', 'app://kith/missing.js']) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
  });

  it('answers IPC through the back end for its own page only, and tells the page about writes', async () => {
    const created = await ok<{ id: string }>('contacts.create', { displayName: 'Stand-in Person' });
    const list = await ok<{ items: { id: string }[] }>('contacts.list', {});
    expect(list.items.map((c) => c.id)).toEqual([created.id]);
    await until('the committed event', () => win.webContents.sent.some(([channel, event]) => channel === IPC_EVENT_CHANNEL && (event as { method?: string }).method === 'contacts.create'));
    // another window, a sub-frame, a foreign page: refused before anything runs
    const stranger = { mainFrame: { url: 'app://kith/index.html' } };
    for (const from of [{ sender: stranger }, { url: 'https://evil.example/' }, { url: 'file:///etc/passwd' }]) {
      expect(await invoke('contacts.list', {}, from)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const file = new Database(databasePath, { readonly: true });
    expect(file.prepare('SELECT display_name FROM contacts').pluck().all()).toEqual(['Stand-in Person']);
    file.close();
  });

  it('puts Open Kith and Quit in the tray menu, and the overdue count once something is due', async () => {
    const tray = recorder.trays[0]!;
    expect(tray.menus.at(-1)!.map((i) => i.label ?? i.type)).toEqual([trayMenuLabel({ overdue: 0, dueToday: 0 }), 'separator', 'Open Kith', 'Quit']);
    expect(tray.menus.at(-1)![0]!.enabled).toBe(false);
    await ok('settings.update', { quietHours: { enabled: false, start: '22:00', end: '08:00' } });
    // a reminder entered already overdue is not rung at once; as if it had come due unannounced:
    const reminder = await ok<{ id: string }>('reminders.create', { title: 'Call the plumber', dueDate: daysAgo(2), recurrence: { unit: 'none', interval: 1 } });
    unannounce();
    await ok('settings.update', { digestTime: '18:00' }); // any write re-arms the scheduler
    const notification = await until('the notification', () => recorder.notifications.find((n) => n.options.title === 'Call the plumber'));
    await until('the tray to count it', () => tray.menus.at(-1)![0]!.enabled);
    expect(tray.menus.at(-1)![0]!.label).toMatch(/1 overdue/);
    // a click on the notification opens the window on the reminder
    notification.emit('click');
    expect(win.webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, { type: 'navigate', path: `/reminders/${reminder.id}` }]);
    // and "Open Kith" shows the window
    const shown = win.shown;
    tray.menus.at(-1)!.find((i) => i.label === 'Open Kith')!.click!();
    expect(win.shown).toBe(shown + 1);
  }, 60_000);

  it('re-arms the scheduler when the machine wakes', async () => {
    // runs queued by the last test's writes settle first (a shared, loaded machine is slow)
    await new Promise((r) => setTimeout(r, 1500));
    const rung = recorder.notifications.length;
    // written behind the app's back, as time passing while asleep would: only a wake makes it look again
    unannounce();
    await new Promise((r) => setTimeout(r, 300));
    expect(recorder.notifications).toHaveLength(rung);
    electronStandIn.powerMonitor.emit('resume');
    await until('a notification after the wake', () => recorder.notifications.length > rung);
    expect(recorder.notifications.at(-1)!.options.title).toBe('Call the plumber');
  }, 60_000);

  it('guards navigation in every frame and redirect; web, mail and phone links go to the system', () => {
    const contents = Object.assign(new EventEmitter(), {
      open: undefined as ((d: { url: string }) => { action: string }) | undefined,
      setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
        contents.open = handler;
      },
    });
    electronStandIn.app.emit('web-contents-created', {}, contents);
    const attempt = (event: string, url: string, ...rest: unknown[]) => {
      let prevented = false;
      const e = { url, preventDefault: () => void (prevented = true) };
      contents.emit(event, e, ...(event === 'will-navigate' ? [url] : rest));
      return prevented;
    };
    const opened = () => called('openExternal').map((a) => a[0]);
    expect(attempt('will-navigate', 'app://kith/index.html#/contacts')).toBe(false);
    expect(attempt('will-navigate', 'tel:+442079460100')).toBe(true);
    expect(opened()).toContain('tel:+442079460100');
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(opened()).not.toContain('file:///etc/passwd');
    expect(attempt('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(opened()).not.toContain('https://evil.example/');
    expect(attempt('will-frame-navigate', 'app://kith/index.html')).toBe(false);
    expect(attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(attempt('will-redirect', 'http://localhost:5173/')).toBe(true); // no dev server in a packaged app
    expect(contents.open!({ url: 'tel:+15550100' })).toEqual({ action: 'deny' });
    expect(contents.open!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened()).toContain('tel:+15550100');
    expect(opened()).not.toContain('javascript:alert(1)');
  });

  it('attaches a file chosen in the native dialog, and opens a copy of it with the system’s app', async () => {
    const person = await ok<{ id: string }>('contacts.create', { displayName: 'Has Files' });
    const picked = join(tmp.dir, 'Lease contract.pdf');
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 255, 1]);
    writeFileSync(picked, bytes);
    recorder.dialogAnswer = { canceled: false, filePaths: [picked] };
    const added = await ok<{ id: string; name: string; mediaType: string; size: number }>('attachments.choose', { contactId: person.id });
    expect(added).toMatchObject({ name: 'Lease contract.pdf', mediaType: 'application/pdf', size: bytes.length });
    recorder.dialogAnswer = { canceled: true };
    expect(await ok('attachments.choose', { contactId: person.id })).toBeNull();

    expect(await ok('attachments.open', { id: added.id })).toEqual({ opened: true });
    const [opened] = called('openPath').at(-1) as [string];
    // a private copy under the temp folder with the file's own name, never the stored original
    expect(opened.startsWith(join(tmpdir(), 'kith-attachments'))).toBe(true);
    expect(basename(opened)).toBe('Lease contract.pdf');
    expect(readFileSync(opened).equals(bytes)).toBe(true);
    recorder.openPathAnswer = 'No application knows how to open this file';
    expect(await invoke('attachments.open', { id: added.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '“Lease contract.pdf” could not be opened: No application knows how to open this file' } });
    recorder.openPathAnswer = '';
    // the later checks count the file's contacts
    await ok('contacts.archive', { id: person.id });
    await ok('contacts.deletePermanently', { id: person.id });
  });

  it('closes the database in the back end before quitting', async () => {
    const tray = recorder.trays[0]!;
    tray.menus.at(-1)!.find((i) => i.label === 'Quit')!.click!();
    await until('the app to exit', () => called('app.exit').length > 0);
    expect(called('app.exit')).toEqual([[0]]);
    await until('the back end to end', () => recorder.children[0]!.exitCode !== null);
    expect(recorder.children[0]!.exitCode).toBe(0);
    // closed cleanly: no WAL left beside the file
    const file = new Database(databasePath, { readonly: true });
    expect(file.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);
    file.close();
  }, 30_000);
});

describe('the packaged binary’s fuses (electron-builder.yml)', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on asar integrity, asar-only loading and cookie encryption', () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?: {2}.+\n?)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries(block.trim().split('\n').map((l) => l.trim().split(/:\s*/) as [string, string]));
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
