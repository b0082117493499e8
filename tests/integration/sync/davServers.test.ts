// The test servers themselves: each starts on 127.0.0.1 with an empty address book, refuses a wrong
// password where it has authentication, and leaves nothing running after stop().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDavServer, type DavServer, type DavServerKind } from '../../helpers/davServers';

describe.each<DavServerKind>(['radicale', 'xandikos'])('%s test server', (kind) => {
  let server: DavServer;
  beforeAll(async () => void (server = await startDavServer(kind)), 20_000);
  afterAll(() => server?.stop());

  it('serves an empty address book on 127.0.0.1', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(server.addressBookUrl, { method: 'PROPFIND', headers: { authorization: server.authHeader, depth: '1' } });
    const body = await res.text();
    expect(res.status).toBe(207);
    expect(body).toMatch(/addressbook/);
    expect(body).not.toMatch(/\.vcf/);
  });

  it.runIf(kind === 'radicale')('refuses a wrong password', async () => {
    const res = await fetch(server.addressBookUrl, { method: 'PROPFIND', headers: { authorization: `Basic ${Buffer.from('ann:wrong').toString('base64')}`, depth: '0' } });
    await res.arrayBuffer();
    expect(res.status).toBe(401);
  });
});

describe('stopping', () => {
  it('frees the port', async () => {
    const server = await startDavServer('radicale');
    await server.stop();
    await expect(fetch(server.origin + '/', { method: 'PROPFIND' })).rejects.toThrow();
  }, 20_000);
});
