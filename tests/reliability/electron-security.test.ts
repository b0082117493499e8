// The Electron checklist, checked on what ships: the built preload exposes only the contract, the
// page's CSP forbids inline and remote script, and the main process's policies hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api/contract';
import { IPC_CHANNEL } from '../../shared/api/bridge';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

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
