// Sync accounts through the API: a connection test says in plain words what is wrong (wrong
// password, no address book, TLS, offline, timeout), bad input is refused before anything runs,
// and the password lands in a 0600 file beside the data, never in the database.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDavServer, type DavServer } from '../../helpers/davServers';
import { startTestBackend, tempDir, type TestBackend } from '../../helpers/backend';
import { randomBytes } from 'node:crypto';
import { credentialPathFor, fileCredentialStore, keyCipher } from '../../../electron/sync/credentials';
import { serverUrlFrom } from '../../../electron/sync/accounts';

describe('sync accounts', () => {
  let server: DavServer;
  let kith: TestBackend;
  beforeAll(async () => {
    server = await startDavServer('radicale');
    kith = await startTestBackend({ host: 'web' });
  }, 30_000);
  afterAll(async () => {
    await kith?.dispose();
    await server?.stop();
  });

  it('a connection test lists the address books with the vCard version each takes', async () => {
    const test = await kith.call('sync.accounts.test', { serverUrl: server.origin, username: server.username, password: server.password });
    expect(test).toEqual({ ok: true, addressBooks: [{ url: server.addressBookUrl, name: 'Contacts', vcardVersion: '4.0' }] });
  });

  it('a wrong password is named as such', async () => {
    const test = await kith.call('sync.accounts.test', { serverUrl: server.origin, username: server.username, password: 'wrong' });
    expect(test).toMatchObject({ ok: false, problem: 'wrong_password' });
    if (!test.ok) expect(test.message).toMatch(/did not accept the user name and password/);
    const add = await kith.call('sync.accounts.add', { serverUrl: server.origin, username: server.username, password: 'wrong', addressBookUrl: server.addressBookUrl }).catch((e: unknown) => e);
    expect(add).toMatchObject({ code: 'invalid_input', field: 'password' });
    expect(kith.sqlite.prepare('SELECT count(*) AS n FROM sync_accounts').get()).toEqual({ n: 0 });
  });

  it('a server with nothing listening is "cannot reach"; one that never answers is a timeout', async () => {
    const closed = await freePort();
    const offline = await kith.call('sync.accounts.test', { serverUrl: `http://127.0.0.1:${closed}/`, username: 'a', password: 'b' });
    expect(offline).toMatchObject({ ok: false, problem: 'offline', message: expect.stringMatching(/Cannot reach the server/) });

    const silent: Server = createTcpServer(() => {}); // accepts, never answers
    const port = await freePort();
    await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
    kith.ctx.syncTimeoutMs = 300;
    try {
      const slow = await kith.call('sync.accounts.test', { serverUrl: `http://127.0.0.1:${port}/`, username: 'a', password: 'b' });
      expect(slow).toMatchObject({ ok: false, problem: 'timeout' });
    } finally {
      kith.ctx.syncTimeoutMs = undefined;
      silent.close();
    }
  });

  it('an untrusted certificate is a TLS problem', async () => {
    const { dir, cleanup } = tempDir();
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      const https = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('hello'));
      const port = await freePort();
      await new Promise<void>((r) => https.listen(port, '127.0.0.1', r));
      try {
        const test = await kith.call('sync.accounts.test', { serverUrl: `https://127.0.0.1:${port}/`, username: 'a', password: 'b' });
        expect(test).toMatchObject({ ok: false, problem: 'tls', message: expect.stringMatching(/certificate/) });
      } finally {
        https.close();
      }
    } finally {
      cleanup();
    }
  }, 20_000);

  it('an account without an address book says so', async () => {
    const other = await startDavServer('radicale');
    try {
      const res = await fetch(other.addressBookUrl, { method: 'DELETE', headers: { authorization: other.authHeader } });
      expect(res.status).toBeLessThan(300);
      const test = await kith.call('sync.accounts.test', { serverUrl: other.origin, username: other.username, password: other.password });
      expect(test).toMatchObject({ ok: false, problem: 'no_address_book', message: expect.stringMatching(/no address book/) });
    } finally {
      await other.stop();
    }
  }, 20_000);

  it('bad input is refused by the contract, naming the field', async () => {
    await expect(kith.call('sync.accounts.test', { serverUrl: '', username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'invalid_input', field: 'serverUrl' });
    await expect(kith.call('sync.accounts.add', { serverUrl: server.origin, username: 'a', password: 'b', addressBookUrl: 'not a url' })).rejects.toMatchObject({ code: 'invalid_input', field: 'addressBookUrl' });
    await expect(kith.call('sync.conflicts.resolve', { id: 'x', choices: { shoeSize: 'local' } as never })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(kith.call('sync.now', { accountId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the password in a 0600 file beside the data, not in the database; removing the account forgets it', async () => {
    const account = await kith.call('sync.accounts.add', { serverUrl: server.origin, username: server.username, password: server.password, addressBookUrl: server.addressBookUrl });
    expect(account).toMatchObject({ addressBook: { url: server.addressBookUrl, vcardVersion: '4.0' }, lastSyncAt: null, pending: 0 });
    const path = credentialPathFor(join(kith.dir, 'kith.sqlite'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain(account.id);
    const dump = kith.sqlite.prepare(`SELECT group_concat(quote(server_url) || username || coalesce(last_error, '')) AS all_text FROM sync_accounts`).get() as { all_text: string };
    expect(dump.all_text).not.toContain(server.password);
    await expect(kith.call('sync.accounts.add', { serverUrl: server.origin, username: server.username, password: server.password, addressBookUrl: server.addressBookUrl })).rejects.toMatchObject({ code: 'conflict' });

    await kith.call('sync.accounts.remove', { id: account.id });
    expect(fileCredentialStore(path).get(account.id)).toBeNull();
    expect(await kith.call('sync.accounts.list', {})).toEqual([]);
  });

  it('with an OS cipher (Electron safeStorage), the file holds only sealed passwords', () => {
    const { dir, cleanup } = tempDir();
    try {
      const cipher = { encrypt: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)), decrypt: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString() };
      const store = fileCredentialStore(join(dir, 'c.json'), cipher);
      store.set('acc', 'hunter2');
      expect(readFileSync(join(dir, 'c.json'), 'utf8')).not.toContain('hunter2');
      expect(store.get('acc')).toBe('hunter2');
      expect(fileCredentialStore(join(dir, 'c.json')).get('acc')).toBeNull(); // without the keychain it cannot be opened
    } finally {
      cleanup();
    }
  });

  it('with the keychain-held key the back end process gets (AES-GCM), the file holds only sealed passwords and another key opens nothing', () => {
    const { dir, cleanup } = tempDir();
    try {
      const key = randomBytes(32);
      const store = fileCredentialStore(join(dir, 'c.json'), keyCipher(key));
      store.set('acc', 'hunter2');
      expect(readFileSync(join(dir, 'c.json'), 'utf8')).not.toContain('hunter2');
      expect(fileCredentialStore(join(dir, 'c.json'), keyCipher(Buffer.from(key))).get('acc')).toBe('hunter2'); // the same key, next start
      expect(() => fileCredentialStore(join(dir, 'c.json'), keyCipher(randomBytes(32))).get('acc')).toThrow();
    } finally {
      cleanup();
    }
  });

  it('an email address means its domain’s well-known CardDAV address (RFC 6764)', () => {
    expect(serverUrlFrom('ann@fastmail.example')).toBe('https://fastmail.example/.well-known/carddav');
    expect(serverUrlFrom('dav.example.com/remote.php/dav')).toBe('https://dav.example.com/remote.php/dav');
    expect(serverUrlFrom('http://127.0.0.1:5232/')).toBe('http://127.0.0.1:5232/');
  });
});
