// The renderer's Vite config, used by electron-vite and by `vite build` for the web host alike.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../electron/security';

const root = resolve(__dirname);

/** writes the one CSP into index.html's meta tag (frame-ancestors is not allowed in a meta tag) */
const cspMeta: Plugin = {
  name: 'kith-csp-meta',
  transformIndexHtml: (html) =>
    html.replace('%KITH_CSP%', CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ')),
};

export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react(), cspMeta],
  build: {
    // electron-vite leaves the renderer unminified: 2.5 MB the web host sends and the page parses
    // before its first call; minified it is about a third of that. KITH_NO_MINIFY=1 keeps the names
    // readable for a profile (tests/perf/js-profile.ts)
    minify: !process.env.KITH_NO_MINIFY,
    outDir: resolve(root, '..', 'out', 'renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(root, 'index.html') },
  },
};

export default rendererConfig;
