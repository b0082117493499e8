import { fileURLToPath } from 'node:url';

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

/** links the user's browser (or mail app) may open; anything else (file:, custom schemes) is dropped */
export function isExternalLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** where Kith's own page lives: the dev server in development, else the built index.html */
export interface OwnPage {
  devServerUrl?: string;
  rendererFile: string;
}

export function isOwnPage(url: string, page: OwnPage): boolean {
  try {
    const parsed = new URL(url);
    if (page.devServerUrl) return parsed.origin === new URL(page.devServerUrl).origin;
    return parsed.protocol === 'file:' && fileURLToPath(`file://${parsed.pathname}`) === page.rendererFile;
  } catch {
    return false;
  }
}

/** an IPC call is answered only from the main window's own top frame showing Kith's page */
export function isTrustedSender(sender: { isMainWindow: boolean; frameUrl: string | null; isMainFrame: boolean }, page: OwnPage): boolean {
  return sender.isMainWindow && sender.isMainFrame && sender.frameUrl !== null && isOwnPage(sender.frameUrl, page);
}
