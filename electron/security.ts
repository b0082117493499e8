// The Content-Security-Policy of every page Kith shows, in Electron and in the web host.
// No inline or remote script; images may be data: URLs (contact photos).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** desktop notifications are the only permission Kith's page may have */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'notifications';
}

/** links the system may open (browser, mail app, phone or calling app); anything else (file:, custom schemes) is dropped */
export function isExternalLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** the built page is served from this scheme and host (electron/protocol.ts), never from file:// */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kith';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** where Kith's own page lives: the dev server in development (never in a packaged app), else app://kith */
export interface OwnPage {
  devServerUrl?: string;
}

/** the dev server's address, only for an unpackaged app: a packaged one ignores ELECTRON_RENDERER_URL */
export function devServerUrl(env: Record<string, string | undefined>, isPackaged: boolean): string | undefined {
  return isPackaged ? undefined : env.ELECTRON_RENDERER_URL || undefined;
}

export function isOwnPage(url: string, page: OwnPage): boolean {
  try {
    const parsed = new URL(url);
    if (page.devServerUrl) return parsed.origin === new URL(page.devServerUrl).origin;
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.port;
  } catch {
    return false;
  }
}

/** an IPC call is answered only from the main window's own top frame showing Kith's page */
export function isTrustedSender(sender: { isMainWindow: boolean; frameUrl: string | null; isMainFrame: boolean }, page: OwnPage): boolean {
  return sender.isMainWindow && sender.isMainFrame && sender.frameUrl !== null && isOwnPage(sender.frameUrl, page);
}
