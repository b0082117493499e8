// The content type of a file of the built renderer, for both hosts that serve it: the app://
// protocol (electron/protocol.ts) and the local web host (electron/webhost/server.ts).
import { extname } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function contentTypeOf(file: string): string {
  return MIME[extname(file)] ?? 'application/octet-stream';
}
