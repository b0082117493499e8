// The web host hands an attachment out as a download of its exact bytes, never as a page of the
// app's origin: an attached .html or .svg must not run with the app's token.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../electron/webhost/server';
import { startTestWebHost } from '../helpers/webHost';
import type { TestBackend } from '../helpers/backend';

let kith: TestBackend;
let host: WebHost;
let ada: string;

beforeAll(async () => {
  ({ kith, host } = await startTestWebHost());
  ada = (await kith.call('contacts.create', { displayName: 'Ada' })).id;
});
afterAll(async () => {
  await host.close();
  await kith.dispose();
});

const download = (id: string, headers: Record<string, string> = { Cookie: `kith_token=${host.token}` }) => fetch(`${host.origin}/api/attachments/${id}`, { headers });

describe('attachments over the web host', () => {
  it('answers a download of the exact bytes with the stored type, nosniff and Content-Disposition: attachment', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 0xff, 0xfe, 0x80]);
    const a = await kith.call('attachments.add', { contactId: ada, name: 'Miete März 2026.pdf', mediaType: 'application/pdf', data: bytes.toString('base64') });
    const res = await download(a.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Miete M_rz 2026.pdf"; filename*=UTF-8''Miete%20M%C3%A4rz%202026.pdf`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('never serves an attached page or SVG inline: download only, sandboxed, no scripts', async () => {
    for (const [name, type] of [['evil.html', 'text/html'], ['evil.svg', 'image/svg+xml']] as const) {
      const a = await kith.call('attachments.add', { contactId: ada, name, mediaType: type, data: Buffer.from('<script>fetch("/api/contacts.list")</script>').toString('base64') });
      const res = await download(a.id);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('needs the token, and answers 404 for a deleted or unknown file', async () => {
    const a = await kith.call('attachments.add', { contactId: ada, name: 'a.txt', data: Buffer.from('a').toString('base64') });
    expect((await download(a.id, {})).status).toBe(401);
    await kith.call('attachments.delete', { id: a.id });
    expect((await download(a.id)).status).toBe(404);
    expect((await download('nobody')).status).toBe(404);
  });

  it('takes a 25 MB file in one request, and refuses a larger one with too_large naming it', async () => {
    const body = (name: string, size: number) => JSON.stringify({ contactId: ada, name, data: Buffer.alloc(size, 3).toString('base64') });
    // a connection of its own (no keep-alive pool): making 35 MB of JSON on a loaded machine can
    // outlast the server's keep-alive timeout, and a pooled socket would be reset under the request
    const call = (payload: string) =>
      new Promise<unknown>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/api/attachments.add', method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'X-Kith-Token': host.token, 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve(JSON.parse(text)));
        });
        req.on('error', reject);
        req.end(payload);
      });
    const atLimit = body('ok.bin', 25 * 1024 * 1024);
    expect(await call(atLimit)).toMatchObject({ ok: true, value: { size: 25 * 1024 * 1024 } });
    const over = body('video.mov', 25 * 1024 * 1024 + 1);
    expect(await call(over)).toMatchObject({ ok: false, error: { code: 'too_large', message: '“video.mov” is 25.0 MB; a file can be at most 25 MB' } });
  }, 60_000);
});
