// One raw HTTP request to a host on 127.0.0.1, for tests that check what the web host answers
// byte by byte (status, headers, refusals) rather than through the renderer's client. A body can be
// a string or a chunk written `times` times, for bodies too big to hold as one string.
import { request } from 'node:http';

export type RawBody = string | { chunk: Buffer; times: number };
export interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, unknown>;
  type: string;
}

export function sendRaw(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: RawBody } = {}) {
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...init.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    const body = init.body;
    if (body === undefined || typeof body === 'string') return void req.end(body);
    let sent = 0;
    const pump = () => {
      while (sent < body.times) {
        sent++;
        if (!req.write(body.chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
