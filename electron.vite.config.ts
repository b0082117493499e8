// One build for the three parts: main (Node), preload (CommonJS, because the sandbox requires it)
// and the renderer (the same bundle the web host serves).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          // the back end's utilityProcess and its worker threads (export, import parsing), each its
          // own entry (electron/transfer/spawn-worker.ts finds them by name)
          backend: resolve(__dirname, 'electron/backend/process.ts'),
          'export-worker': resolve(__dirname, 'electron/transfer/export-worker.ts'),
          'parse-worker': resolve(__dirname, 'electron/transfer/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // a sandboxed preload can require only 'electron': bundle the contract (and zod) into it
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
