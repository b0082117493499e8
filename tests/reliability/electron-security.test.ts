// The Electron checklist, checked on what ships: the built preload exposes only the contract, the
// page's CSP forbids inline and remote script, and the main process's policies hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api/contract';
import { IPC_CHANNEL } from '../../shared/api/bridge';
import { CONTENT_SECURITY_POLICY, devServerUrl, isAllowedPermission, isExternalLink, isOwnPage, isTrustedSender } from '../../electron/security';

const root = join(__dirname, '..', '..');

/** runs the built preload with a recording stand-in for the 'electron' module */
function loadPreload() {
  const exposed: Record<string, Record<string, unknown>> = {};
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => void (exposed[key] = value) },
    ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve()), on: () => {}, off: () => {} },
  };
  const requireStub = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`the sandboxed preload may only require 'electron', it asked for '${id}'`);
  };
  const code = readFileSync(join(root, 'out', 'preload', 'preload.cjs'), 'utf8');
  const module = { exports: {} };
  runInNewContext(code, { require: requireStub, module, exports: module.exports, console });
  return { exposed, invoked };
}

describe('the preload (built, sandboxed)', () => {
  it('requires nothing but electron and exposes exactly the contract and an event subscription', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed).sort()).toEqual(['kith', 'kithEvents']);
    expect(Object.keys(exposed.kith!).sort()).toEqual([...methodNames].sort());
    expect(Object.keys(exposed.kithEvents!)).toEqual(['subscribe']);
    for (const fn of Object.values(exposed.kith!)) expect(typeof fn).toBe('function');
  });

  it('sends every call over the one IPC channel with the method name, nothing else', async () => {
    const { exposed, invoked } = loadPreload();
    await (exposed.kith!['contacts.list'] as (i: unknown) => Promise<unknown>)({ limit: 5 });
    expect(invoked).toEqual([[IPC_CHANNEL, 'contacts.list', { limit: 5 }]]);
  });
});

describe('the Content-Security-Policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it("allows script only from the app itself: no inline, no eval, no remote", () => {
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('is the one written into the built page', () => {
    const html = readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script in the page
  });
});

describe('the main process policies', () => {
  const page = {};
  const dev = { devServerUrl: 'http://localhost:5173' };

  it('creates the window isolated, sandboxed, without Node, webviews or insecure content (as built)', () => {
    // the static lint (npm run lint:security) checks the same options; this reads what ships
    const main = readFileSync(join(root, 'out', 'main', 'main.js'), 'utf8');
    const prefs = /webPreferences:\s*\{([^}]*)\}/.exec(main)?.[1] ?? '';
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'nodeIntegrationInWorker: false', 'webSecurity: true', 'allowRunningInsecureContent: false', 'webviewTag: false']) {
      expect(prefs).toContain(setting);
    }
  });

  it('allows navigation only to its own page, served from app://kith (never file://)', () => {
    expect(isOwnPage('app://kith/index.html#/contacts/1', page)).toBe(true);
    expect(isOwnPage('file:///opt/Kith/resources/app/out/renderer/index.html', page)).toBe(false);
    expect(isOwnPage('file:///etc/passwd', page)).toBe(false);
    expect(isOwnPage('app://kith.evil.example/index.html', page)).toBe(false);
    expect(isOwnPage('app://user@kith/index.html', page)).toBe(false);
    expect(isOwnPage('app://kith:8080/index.html', page)).toBe(false);
    expect(isOwnPage('https://example.org/', page)).toBe(false);
    expect(isOwnPage('http://localhost:5173/#/settings', dev)).toBe(true);
    expect(isOwnPage('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnPage('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isOwnPage('not a url', page)).toBe(false);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173');
    expect(devServerUrl({}, false)).toBeUndefined();
  });

  it('sends only web, mail and phone links to the system’s handler; denies the rest', () => {
    for (const url of ['https://example.org', 'http://example.org/x', 'mailto:ada@example.org', 'tel:+442079460100']) expect(isExternalLink(url)).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'vbscript:x', '']) expect(isExternalLink(url)).toBe(false);
  });

  it('grants notifications and refuses every other permission', () => {
    expect(isAllowedPermission('notifications')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) expect(isAllowedPermission(p)).toBe(false);
  });

  it('answers IPC only from the main window’s top frame showing its own page', () => {
    const own = 'app://kith/index.html';
    expect(isTrustedSender({ isMainWindow: true, isMainFrame: true, frameUrl: own }, page)).toBe(true);
    expect(isTrustedSender({ isMainWindow: false, isMainFrame: true, frameUrl: own }, page)).toBe(false);
    expect(isTrustedSender({ isMainWindow: true, isMainFrame: false, frameUrl: own }, page)).toBe(false);
    expect(isTrustedSender({ isMainWindow: true, isMainFrame: true, frameUrl: 'https://evil.example/' }, page)).toBe(false);
    expect(isTrustedSender({ isMainWindow: true, isMainFrame: true, frameUrl: null }, page)).toBe(false);
  });
});
