// The local web host: the built renderer and the same dispatcher over HTTP, for a real browser.
// Bound to 127.0.0.1 only; every request needs the per-run token, and a Host and Origin that are
// this loopback address (DNS rebinding and cross-site requests are refused).
import { contentTypeOf } from '../static-mime';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { downloadableExport } from '../transfer/export-jobs';
import { join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../api/dispatcher';
import type { EventEmitter } from 'node:events';
import type { MethodName, OutputOf } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../security';
import { MAX_REQUEST_BYTES, uploadTooLargeMessage } from '../../shared/api/limits';

/** a request the host answers with a status and a message instead of a 500 or a reset */
class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'invalid_input' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/** decodeURIComponent that answers 400, not a 500, for a malformed %-sequence */
function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RequestError(400, 'invalid_input', `The address has a malformed %-encoding: ${text.slice(0, 200)}`);
  }
}

export const TOKEN_HEADER = 'x-kith-token';
const TOKEN_COOKIE = 'kith_token';
// whole-file imports travel as one call: the largest file the contract accepts, as base64, fits
const MAX_BODY_BYTES = MAX_REQUEST_BYTES;
// the reminders themselves stay on the Reminders page; this only bounds the toasts shown on connect
const MAX_UNDELIVERED_NOTIFICATIONS = 20;

export interface WebHostOptions {
  dispatch: Dispatch;
  /** the built renderer (out/renderer) */
  staticDir: string;
  port?: number;
  token?: string;
  events?: EventEmitter<{ committed: [MethodName] }>;
  /** the reminder scheduler's notifications, pushed to open pages */
  notifications?: EventEmitter<{ notification: [{ title: string; body: string; path: string }] }>;
}

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const eventStreams = new Set<ServerResponse>();
  // A reminder that fires while no page is connected (the tab is loading, reconnecting, or closed)
  // is held and given to the next page that connects, not lost; the newest few are enough.
  const undeliveredNotifications: string[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (err instanceof RequestError && !res.headersSent) {
        const body = { ok: false, error: { code: err.code, message: err.message } };
        if (String(req.url ?? '').startsWith('/api/')) return sendJson(res, err.status, body);
        return send(res, err.status, 'text/plain; charset=utf-8', err.message);
      }
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Internal error: ${(err as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      throw new RequestError(400, 'invalid_input', 'The address is not a valid URL');
    }
    // 1. the Host must be our own loopback address: a rebinding name pointed at 127.0.0.1 is refused
    if (!allowedHosts().has(String(req.headers.host ?? '').toLowerCase())) {
      return send(res, 421, 'text/plain; charset=utf-8', 'Refused: unknown Host');
    }
    // 2. a browser's Origin, when it sends one, must be our own page
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '').toLowerCase())) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Refused: foreign Origin');
    }
    // 3. the token, from the link (first visit), the cookie (assets) or the header (API)
    const fromQuery = url.searchParams.get('token');
    const fromHeader = headerValue(req.headers[TOKEN_HEADER]);
    const fromCookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
    const isApi = url.pathname.startsWith('/api/');
    // a write needs the header itself: a cookie alone is what a cross-site request could carry
    const presented = req.method === 'POST' ? fromHeader : (fromQuery ?? fromHeader ?? fromCookie);
    if (!presented || !sameSecret(presented, token)) {
      return send(res, 401, 'text/plain; charset=utf-8', 'Refused: missing or wrong token. Open the link `npm run web` printed.');
    }

    if (isApi) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (fromQuery) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (url.pathname === '/api/events' && req.method === 'GET') {
      // server-sent events: the page refreshes its stores after writes made elsewhere
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      for (const event of undeliveredNotifications.splice(0)) res.write(event);
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }
    const exportMatch = /^\/api\/exports\/([A-Za-z0-9-]{1,100})$/.exec(url.pathname);
    if (exportMatch && req.method === 'GET') return serveExport(res, exportMatch[1]!);
    const attachmentMatch = /^\/api\/attachments\/([A-Za-z0-9-]{1,100})$/.exec(url.pathname);
    if (attachmentMatch && req.method === 'GET') return serveAttachment(res, attachmentMatch[1]!);
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain; charset=utf-8', 'Expected application/json');
    }
    const method = decodePath(url.pathname.slice('/api/'.length));
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length ? JSON.parse(body) : {};
    } catch (err) {
      if (err instanceof RequestError) {
        // answered before the rest is read; the connection closes after the answer, not before it
        res.setHeader('Connection', 'close');
        return sendJson(res, err.status, { ok: false, error: { code: err.code, message: err.message } });
      }
      const message = (err as Error).message;
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `Request body is not valid JSON: ${message}` } });
    }
    const result = await options.dispatch(method, input);
    sendJson(res, 200, result);
  }

  /** a finished export (transfer.exportStart with 'download'), streamed from its file as a download */
  async function serveExport(res: ServerResponse, jobId: string) {
    const file = downloadableExport(jobId);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'No finished export with that id');
    const info = await stat(file.path);
    res.writeHead(200, {
      'Content-Type': `${file.mime}; charset=utf-8`,
      'Content-Length': String(info.size),
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(file.path), res);
  }

  /**
   * An attachment as a download, never a page of this origin: an attached .html or .svg would
   * otherwise run with the app's token. Content-Disposition: attachment, nosniff, and a sandboxing
   * CSP in case a browser shows it anyway.
   */
  async function serveAttachment(res: ServerResponse, id: string) {
    const result = await options.dispatch('attachments.read', { id });
    if (!result.ok) return send(res, result.error.code === 'not_found' ? 404 : 400, 'text/plain; charset=utf-8', result.error.message);
    const { attachment, data } = result.value as OutputOf<'attachments.read'>;
    const body = Buffer.from(data, 'base64');
    const ascii = attachment.name.replace(/[^\w.() -]/g, '_');
    res.writeHead(200, {
      'Content-Type': attachment.mediaType,
      'Content-Length': String(body.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  async function serveStatic(res: ServerResponse, pathname: string) {
    const root = normalize(options.staticDir + sep);
    let file = normalize(join(root, decodePath(pathname)));
    if (!file.startsWith(root)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) file = join(root, 'index.html'); // the app routes itself
    const body = await readFile(file).catch(() => null);
    if (!body) return send(res, 404, 'text/plain; charset=utf-8', 'Not found: build the renderer first (npm run build)');
    const type = contentTypeOf(file);
    const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable';
    send(res, 200, type, body, { 'Cache-Control': cache });
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ...extra,
    });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, value: unknown) {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), { 'Cache-Control': 'no-store' });
  }

  const onCommitted = (method: MethodName) => {
    for (const stream of eventStreams) stream.write(`event: committed\ndata: ${JSON.stringify({ method })}\n\n`);
  };
  options.events?.on('committed', onCommitted);
  const onNotification = (n: { title: string; body: string; path: string }) => {
    const event = `event: notification\ndata: ${JSON.stringify({ title: n.title, body: n.body, path: n.path })}\n\n`;
    if (eventStreams.size === 0) {
      undeliveredNotifications.push(event);
      if (undeliveredNotifications.length > MAX_UNDELIVERED_NOTIFICATIONS) undeliveredNotifications.shift();
    }
    for (const stream of eventStreams) stream.write(event);
  };
  options.notifications?.on('notification', onNotification);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const originUrl = `http://127.0.0.1:${port}`;
  return {
    url: `${originUrl}/?token=${token}`,
    origin: originUrl,
    token,
    port,
    async close() {
      options.events?.off('committed', onCommitted);
      options.notifications?.off('notification', onNotification);
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        if (!refused) {
          refused = true;
          chunks.length = 0; // the rest is not kept
          reject(new RequestError(413, 'too_large', `The request is larger than ${Math.floor(MAX_BODY_BYTES / 1024 / 1024)} MB. ${uploadTooLargeMessage(null, null)}`));
        }
        return; // the rest is read and dropped, so the answer reaches the client instead of a reset
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size <= MAX_BODY_BYTES) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
