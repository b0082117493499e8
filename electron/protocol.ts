// app://kith/… — how Electron's window loads the built renderer instead of from file:// (where
// every local file would share the page's origin). Only files inside the renderer folder are
// served; every answer carries the Content-Security-Policy.
import { contentTypeOf } from './static-mime';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { APP_HOST, CONTENT_SECURITY_POLICY } from './security';

/** the handler for protocol.handle('app', …) over the built renderer folder */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = normalize(rendererDir + sep);
  const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' });
  const refuse = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad address');
    }
    if (url.host !== APP_HOST || request.method !== 'GET') return refuse(404, 'Not found');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400, 'Bad address');
    }
    const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root)) return refuse(404, 'Not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(404, 'Not found');
    return new Response(await readFile(file), { status: 200, headers: headers(contentTypeOf(file)) });
  };
}
