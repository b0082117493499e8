// Two kinds of tests: everything under Node (services against real SQLite files, the web host,
// Chromium end to end), and the renderer's components under jsdom.
// On CI's two cores vitest would run one file at a time (its default is cores − 1): the Node and
// renderer files run two at a time first, then the end-to-end files, each driving Chromium and a
// web host of its own (ephemeral ports), after them, so a browser never competes with a test
// that measures CPU between event-loop turns. KITH_TEST_WORKERS overrides both.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const workers = Number(process.env.KITH_TEST_WORKERS) || Math.max(2, availableParallelism());
const e2eWorkers = Number(process.env.KITH_TEST_WORKERS) || Math.max(1, Math.min(2, availableParallelism() - 1));

export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        test: {
          name: 'node',
          globals: true,
          environment: 'node',
          include: ['tests/{unit,integration,reliability}/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          globals: true,
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.tsx'],
          setupFiles: ['tests/renderer/setup.ts'],
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          globals: true,
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: e2eWorkers,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
