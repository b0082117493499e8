// Starts one of the back end's worker threads by name: the TypeScript source under tsx when Kith
// runs from source (tests, the web host), the built `<name>.js` beside the bundle in Electron
// (electron.vite.config.ts gives each worker its own entry).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerName = 'export-worker' | 'parse-worker';

export function spawnWorker(name: WorkerName, workerData: unknown): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, [name, 'ts'].join('.'));
  if (existsSync(source)) {
    const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    const code = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(pathToFileURL(source).href)}, ${JSON.stringify(tsx)}))`;
    return new Worker(code, { eval: true, workerData });
  }
  const built = [join(here, `${name}.js`), join(here, '..', `${name}.js`)].find((p) => existsSync(p));
  if (!built) throw new Error(`The ${name} is missing from this build of Kith`);
  return new Worker(built, { workerData });
}
