// Real CardDAV/CalDAV servers for the sync tests: Debian's radicale and xandikos, each started on
// 127.0.0.1 on a free port with its own temporary storage, and stopped (with the storage) after.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type DavServerKind = 'radicale' | 'xandikos';

export interface DavServer {
  kind: DavServerKind;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** the account every test uses */
  username: string;
  password: string;
  /** an address book that exists from the start */
  addressBookUrl: string;
  /** Basic auth header for raw requests (a phone's client) */
  authHeader: string;
  /** the folder of the address book's files (radicale: one .vcf per card), for tests that fill it directly */
  addressBookDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startDavServer(kind: DavServerKind): Promise<DavServer> {
  const dir = mkdtempSync(join(tmpdir(), `kith-${kind}-`));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let username: string;
  let password: string;
  let addressBookPath: string;
  if (kind === 'radicale') {
    username = 'ann';
    password = 'secret';
    writeFileSync(join(dir, 'users'), `${username}:${password}\n`);
    child = spawn(
      'radicale',
      [
        '--config', '', // never read /etc/radicale or ~/.config
        '--server-hosts', `127.0.0.1:${port}`,
        '--auth-type', 'htpasswd',
        '--auth-htpasswd-filename', join(dir, 'users'),
        '--auth-htpasswd-encryption', 'plain',
        '--storage-filesystem-folder', join(dir, 'collections'),
        '--logging-level', 'warning',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    addressBookPath = `/${username}/contacts/`;
  } else {
    // xandikos has no authentication: any user name and password are accepted
    username = 'user';
    password = 'unused';
    child = spawn('xandikos', ['-d', join(dir, 'data'), '--defaults', '-l', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    addressBookPath = '/user/contacts/addressbook/';
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const authHeader = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(origin, authHeader, () => (child.exitCode !== null ? `${kind} exited: ${stderr}` : null));
    if (kind === 'radicale') {
      const made = await fetch(origin + addressBookPath, {
        method: 'MKCOL',
        headers: { authorization: authHeader, 'content-type': 'application/xml' },
        body: `<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop><resourcetype><collection/><C:addressbook/></resourcetype><displayname>Contacts</displayname></prop></set></mkcol>`,
      });
      if (made.status !== 201) throw new Error(`radicale refused the address book: ${made.status}`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const addressBookDir = kind === 'radicale' ? join(dir, 'collections', 'collection-root', ...addressBookPath.split('/').filter(Boolean)) : join(dir, 'data', ...addressBookPath.split('/').filter(Boolean));
  return { kind, origin, port, username, password, addressBookUrl: origin + addressBookPath, authHeader, addressBookDir, stop };
}

async function waitUntilAnswering(origin: string, authHeader: string, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(problem);
    try {
      const res = await fetch(origin + '/', { method: 'PROPFIND', headers: { authorization: authHeader, depth: '0' } });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${origin} did not start: ${failed() ?? 'no answer'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Cards written into the server's storage directly, as after a restore (much faster than a PUT
 * each at 10,000): radicale serves its folder's files; xandikos serves what is committed in its
 * git repository, so the cards go in as one commit.
 */
export function fillAddressBook(server: DavServer, cards: Iterable<{ id: string; text: string }>): number {
  let n = 0;
  for (const c of cards) {
    writeFileSync(join(server.addressBookDir, `${c.id}.vcf`), c.text);
    n++;
  }
  if (server.kind === 'xandikos') {
    const git = (...args: string[]) => execFileSync('git', ['-C', server.addressBookDir, '-c', 'user.name=Kith bench', '-c', 'user.email=bench@kith.invalid', ...args], { stdio: 'ignore' });
    git('add', '-A');
    git('commit', '-q', '-m', `${n} cards`);
  }
  return n;
}
