// The folders are named by the runtime their code needs, and may only import what that runtime has
// (the rule VS Code enforces with its layer lint):
//   shared/    pure TypeScript that runs anywhere: the renderer, Node and workers — no Node built-ins,
//              no native modules, nothing from another folder
//   renderer/  the browser page: shared/ and browser libraries, never Node, the database or Electron
//   db/        the SQLite layer under Node: shared/ and Node, never the services or the shell
//   electron/  the back end and the shell: everything above
// `node build/layers.mjs` lists each import that breaks the rule with its file and line, and fails.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['shared', 'renderer', 'db', 'electron'];
/** the folders each one may import from */
const MAY_IMPORT = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  db: ['db', 'shared'],
  electron: ['electron', 'db', 'shared'],
};
/** packages that need Node or a native module: out of bounds for shared/ and renderer/ */
const NODE_ONLY = new Set(['better-sqlite3', 'electron', 'sharp', 'kysely', 'tsdav', 'worker_threads']);
const isNodeBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'out') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    // a build tool's config (renderer/vite.config.ts) runs under Node, not in its folder's runtime
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !/\.d\.ts$|\.config\.ts$/.test(entry.name)) yield path;
  }
}

// static imports and re-exports (`import … from`, `export … from`, `import '…'`) and dynamic import()
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

const problems = [];
for (const folder of FOLDERS) {
  for (const file of sources(join(ROOT, folder))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
      const where = `${relative(ROOT, file)}:${line}`;
      if (spec.startsWith('.')) {
        const target = relative(ROOT, resolve(dirname(file), spec)).split(sep)[0];
        if (FOLDERS.includes(target) && !MAY_IMPORT[folder].includes(target)) problems.push(`${where}: ${folder}/ imports ${target}/ ('${spec}')`);
      } else if ((folder === 'shared' || folder === 'renderer') && (isNodeBuiltin(spec) || NODE_ONLY.has(spec.split('/')[0]))) {
        problems.push(`${where}: ${folder}/ imports '${spec}', which needs Node`);
      }
    }
  }
}

if (problems.length) {
  console.error(`Imports across the runtime folders (see build/layers.mjs):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layers: every import stays within its runtime folder');
