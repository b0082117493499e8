// A loopback HTTP proxy in front of a test server that injects the failures of real networks and
// busy servers: connections dropped before the request reaches the server or after the server has
// done it (the client never learns it succeeded), 500/503 answers, requests that never answer,
// and 412 races (another client changes the card just before Kith's conditional write arrives).
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './davServers';

export type Fault = 'none' | 'drop-before' | 'drop-after' | '500' | '503' | 'hang' | 'race';

export interface FaultProxy {
  origin: string;
  /** the URL on the proxy for a URL on the target */
  via(url: string): string;
  /** decides each request's fault (called with the method and path) */
  setFaults(choose: (method: string, path: string) => Fault): void;
  /** called for a 'race' before the write is passed on: it should change the card at `path` on the server */
  onRace(race: (path: string) => Promise<void>): void;
  /** called as each request arrives (its 1-based number since this listener was set), before any fault */
  onRequest(listener: ((n: number, method: string, path: string) => void) | null): void;
  counts: Record<Fault, number>;
  stop(): Promise<void>;
}

export async function startFaultProxy(targetOrigin: string): Promise<FaultProxy> {
  const target = new URL(targetOrigin);
  const port = await freePort();
  let choose: (method: string, path: string) => Fault = () => 'none';
  let race: (path: string) => Promise<void> = async () => {};
  let listener: ((n: number, method: string, path: string) => void) | null = null;
  let n = 0;
  const counts: Record<Fault, number> = { none: 0, 'drop-before': 0, 'drop-after': 0, '500': 0, '503': 0, hang: 0, race: 0 };
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    listener?.(++n, method, path);
    let fault = choose(method, path);
    if (fault === 'race' && !(method === 'PUT' && req.headers['if-match'])) fault = 'none'; // a race needs a conditional write
    counts[fault]++;
    if (fault === 'drop-before') return void req.socket.destroy();
    if (fault === '500' || fault === '503') {
      res.writeHead(Number(fault), { 'content-type': 'text/plain' });
      return void res.end(fault === '503' ? 'Service Unavailable' : 'Internal Server Error');
    }
    if (fault === 'hang') return; // the client's timeout ends it
    if (fault === 'race') await race(path);
    let answer: Awaited<ReturnType<typeof forward>>;
    try {
      answer = await forward(req, body);
    } catch {
      return void req.socket.destroy();
    }
    if (fault === 'drop-after') return void req.socket.destroy(); // done on the server; the client never hears
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    via: (url) => {
      const u = new URL(url);
      return `${origin}${u.pathname}${u.search}`;
    },
    setFaults: (c) => void (choose = c),
    onRace: (r) => void (race = r),
    onRequest: (l) => {
      listener = l;
      n = 0;
    },
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
