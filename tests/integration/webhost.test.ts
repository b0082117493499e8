// The web host answers only its own page: loopback, the per-run token, its own Host and Origin.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../electron/webhost/server';
import { startTestWebHost } from '../helpers/webHost';
import type { TestBackend } from '../helpers/backend';
import { sendRaw } from '../helpers/httpRequest';

let kith: TestBackend;
let host: WebHost;

beforeAll(async () => {
  ({ kith, host } = await startTestWebHost());
});
afterAll(async () => {
  await host.close();
  await kith.dispose();
});

const send = (path: string, init: Parameters<typeof sendRaw>[2] = {}) => sendRaw(host.port, path, init);

const apiCall = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kith-Token': host.token, ...headers }, body: JSON.stringify(input) });

describe('the local web host', () => {
  it('listens on 127.0.0.1 only and prints a link with its token', async () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{20,}$`));
    // the machine's other addresses do not answer
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });

  it('serves the page with the token in the link, sets a strict cookie and a CSP', async () => {
    const res = await send(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Kith</title>');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('answers API calls that carry the token', async () => {
    const res = await apiCall('contacts.create', { displayName: 'Web Person' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { displayName: 'Web Person' } });
  });

  it('refuses a missing token', async () => {
    expect((await send('/')).status).toBe(401);
    expect((await apiCall('contacts.list', {}, { 'X-Kith-Token': '' })).status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect((await send('/?token=not-the-token')).status).toBe(401);
    expect((await apiCall('contacts.list', {}, { 'X-Kith-Token': 'x'.repeat(host.token.length) })).status).toBe(401);
  });

  it('refuses a write carried by the cookie alone (what a cross-site form could send)', async () => {
    const res = await send('/api/contacts.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `kith_token=${host.token}` },
      body: JSON.stringify({ displayName: 'CSRF' }),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await apiCall('contacts.list', {}, { Host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
  });

  it('refuses a foreign Origin (cross-site request)', async () => {
    const res = await apiCall('contacts.create', { displayName: 'CSRF' }, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const list = JSON.parse((await apiCall('contacts.list', {})).body);
    expect(list.value.items.map((c: { displayName: string }) => c.displayName)).not.toContain('CSRF');
  });

  it('accepts its own Origin', async () => {
    const res = await apiCall('contacts.list', {}, { Origin: host.origin });
    expect(res.status).toBe(200);
  });

  it('answers malformed JSON with a typed error', async () => {
    const res = await send('/api/contacts.create', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kith-Token': host.token }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('invalid_input');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await send(`/..%2f..%2fkith.sqlite?token=${host.token}`);
    expect(res.body).not.toContain('SQLite format');
  });
});
