// A small WebDAV client over Node's fetch: the handful of requests CardDAV and CalDAV sync needs
// (PROPFIND, REPORT, GET, PUT, DELETE, MKCOL), with every failure turned into a DavError whose kind
// says what went wrong in words a user can act on. Written here rather than taken from tsdav: the
// engine needs the status of every write (412 against If-Match / If-None-Match), the sync-token
// error of RFC 6578 and a timeout on every request, which tsdav's helpers hide or throw untyped.
import { XMLParser } from 'fast-xml-parser';

export type DavErrorKind =
  | 'auth' // 401/403: wrong user name or password
  | 'not_found' // 404/410
  | 'precondition' // 412: If-Match / If-None-Match failed (someone else wrote first)
  | 'token_expired' // RFC 6578 valid-sync-token: the server forgot the sync token
  | 'offline' // the server cannot be reached (refused, no route, DNS)
  | 'tls' // the certificate or TLS handshake failed
  | 'timeout'
  | 'server' // 5xx
  | 'protocol'; // an answer that is not what WebDAV says it should be

export class DavError extends Error {
  constructor(
    readonly kind: DavErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DavError';
  }
}

export interface DavCredentials {
  username: string;
  password: string;
}

export interface DavResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** one <response> of a multistatus, its properties by local name (namespace prefixes dropped) */
export interface MultistatusEntry {
  href: string;
  /** the status of the response itself (sync-collection reports deletions as 404 here) */
  status: number | null;
  /** properties found (200 propstat) */
  props: Record<string, unknown>;
}

export interface DavClientOptions {
  credentials: DavCredentials | null;
  /** per request; a server that does not answer in time is a 'timeout' */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'response' || name === 'propstat' || name === 'href' || name === 'supported-report' || name === 'content-type' || name === 'comp',
});

export class DavClient {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: DavClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** `slow`: a listing of a whole collection, which a server builds for a while on first use (10× the timeout) */
  async request(method: string, url: string, init: { headers?: Record<string, string>; body?: string; expect?: number[]; slow?: boolean } = {}): Promise<DavResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.options.credentials) headers.authorization = `Basic ${Buffer.from(`${this.options.credentials.username}:${this.options.credentials.password}`).toString('base64')}`;
    if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/xml; charset=utf-8';
    let res: Response;
    let body: string;
    try {
      res = await this.fetchImpl(url, { method, headers, body: init.body, redirect: 'follow', signal: AbortSignal.timeout(init.slow ? this.timeoutMs * 10 : this.timeoutMs) });
      body = await res.text();
    } catch (err) {
      throw networkError(err, url);
    }
    const ok = init.expect ? init.expect.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!ok) throw statusError(res.status, method, url, body);
    return { status: res.status, headers: res.headers, body };
  }

  async propfind(url: string, props: string, depth: '0' | '1'): Promise<MultistatusEntry[]> {
    const res = await this.request('PROPFIND', url, { slow: depth === '1', headers: { depth }, body: `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"><d:prop>${props}</d:prop></d:propfind>`, expect: [207] });
    return parseMultistatus(res.body, url);
  }

  async report(url: string, body: string, depth: '0' | '1' = '1'): Promise<MultistatusEntry[]> {
    const res = await this.request('REPORT', url, { slow: true, headers: { depth }, body, expect: [207] });
    return parseMultistatus(res.body, url);
  }

  /**
   * A REPORT whose answer may be every card of a large collection: its <response>s are parsed as
   * the body arrives and handed over a chunk at a time, so the whole answer is never in memory.
   */
  async *reportStream(url: string, body: string, depth: '0' | '1' = '1'): AsyncGenerator<MultistatusEntry[]> {
    const headers: Record<string, string> = { depth, 'content-type': 'application/xml; charset=utf-8' };
    if (this.options.credentials) headers.authorization = `Basic ${Buffer.from(`${this.options.credentials.username}:${this.options.credentials.password}`).toString('base64')}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method: 'REPORT', headers, body, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs * 10) });
    } catch (err) {
      throw networkError(err, url);
    }
    if (res.status !== 207 || !res.body) throw statusError(res.status, 'REPORT', url, await res.text().catch(() => ''));
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
        const end = done ? pending.length : lastResponseEnd(pending);
        if (end > 0) {
          const entries = parseResponses(pending.slice(0, end), url);
          pending = pending.slice(end);
          if (entries.length) yield entries;
        }
        if (done) return;
      }
    } catch (err) {
      if (err instanceof DavError) throw err;
      throw networkError(err, url);
    } finally {
      reader.releaseLock();
    }
  }
}

const RESPONSE_START = /<(?:[\w.-]+:)?response[\s>]/;
const RESPONSE_END = /<\/(?:[\w.-]+:)?response\s*>/g;

/** where the last complete </response> in `text` ends (0: none yet); XML text cannot hold a raw '<', so the tag is markup */
function lastResponseEnd(text: string): number {
  let end = 0;
  for (const m of text.matchAll(RESPONSE_END)) end = m.index + m[0].length;
  return end;
}

/** the complete <response> elements in a piece of a multistatus (the document's start and end are cut off) */
function parseResponses(piece: string, baseUrl: string): MultistatusEntry[] {
  const start = piece.search(RESPONSE_START);
  const end = lastResponseEnd(piece);
  if (start < 0 || end <= start) return [];
  return parseMultistatus(`<multistatus>${piece.slice(start, end)}</multistatus>`, baseUrl);
}

export function parseMultistatus(body: string, baseUrl: string): MultistatusEntry[] {
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(body) as Record<string, unknown>;
  } catch (err) {
    throw new DavError('protocol', `The server sent XML that cannot be read (${(err as Error).message})`);
  }
  const multistatus = doc.multistatus as Record<string, unknown> | undefined;
  if (!multistatus) throw new DavError('protocol', 'The server did not answer with a WebDAV multistatus');
  const entries: MultistatusEntry[] = [];
  for (const response of (multistatus.response as Record<string, unknown>[] | undefined) ?? []) {
    const hrefs = response.href as string[] | undefined;
    if (!hrefs?.length) continue;
    const props: Record<string, unknown> = {};
    for (const propstat of (response.propstat as Record<string, unknown>[] | undefined) ?? []) {
      if (statusCode(propstat.status) !== 200) continue;
      Object.assign(props, (propstat.prop as Record<string, unknown> | undefined) ?? {});
    }
    entries.push({ href: new URL(hrefs[0]!, baseUrl).href, status: statusCode(response.status), props });
  }
  return entries;
}

/** the sync-token at the end of a sync-collection answer */
export function multistatusSyncToken(body: string): string | null {
  const doc = xml.parse(body) as { multistatus?: { 'sync-token'?: unknown } };
  const token = doc.multistatus?.['sync-token'];
  return typeof token === 'string' && token ? token : null;
}

function statusCode(status: unknown): number | null {
  const m = typeof status === 'string' ? /HTTP\/[\d.]+\s+(\d{3})/.exec(status) : null;
  return m ? Number(m[1]) : null;
}

/** text of a property that holds text (ETags arrive with their quotes) */
export function propText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String((value as { '#text': unknown })['#text']);
  return null;
}

/** the hrefs inside a property such as current-user-principal */
export function propHrefs(value: unknown, baseUrl: string): string[] {
  if (!value || typeof value !== 'object') return [];
  const hrefs = (value as { href?: unknown }).href;
  return Array.isArray(hrefs) ? hrefs.filter((h): h is string => typeof h === 'string').map((h) => new URL(h, baseUrl).href) : [];
}

function statusError(status: number, method: string, url: string, body: string): DavError {
  const where = new URL(url).pathname;
  if (status === 401) return new DavError('auth', 'The server did not accept the user name and password', status);
  if (status === 403 && /valid-sync-token/.test(body)) return new DavError('token_expired', 'The server no longer knows the last sync token', status);
  if (status === 403) return new DavError('auth', `The server refused access to ${where}`, status);
  if (status === 404 || status === 410) return new DavError('not_found', `Nothing at ${where} on the server`, status);
  if (status === 409 && /valid-sync-token/.test(body)) return new DavError('token_expired', 'The server no longer knows the last sync token', status);
  if (status === 412) return new DavError('precondition', `${where} changed on the server since Kith last read it`, status);
  if (status >= 500) return new DavError('server', `The server failed (${status}) on ${method} ${where}`, status);
  return new DavError('protocol', `The server answered ${status} to ${method} ${where}`, status);
}

function networkError(err: unknown, url: string): DavError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new DavError('timeout', `The server at ${new URL(url).host} did not answer in time`);
  const code = e.cause?.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code) || /certificate|ssl|tls/i.test(e.cause?.message ?? '')) {
    return new DavError('tls', `The secure connection to ${new URL(url).host} failed: ${e.cause?.message ?? code}`);
  }
  return new DavError('offline', `Cannot reach ${new URL(url).host}${code ? ` (${code})` : ''}`);
}
