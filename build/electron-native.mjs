#!/usr/bin/env node
// Builds better-sqlite3 a second time, for Electron's ABI, into .native/electron-<version>/ —
// leaving node_modules (built for plain Node: tests, web host) untouched. The main process loads
// this copy through better-sqlite3's `nativeBinding` option. Runs before `npm start` / `npm run dev`;
// does nothing when the build for this Electron version already exists.
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const target = join(root, '.native', `electron-${electronVersion}`);
const output = join(target, 'better_sqlite3.node');

if (existsSync(output)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
const work = join(root, '.native', 'work', 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(dirname(work), { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) });

// a user's npmrc may point node-gyp at Node's own headers; Electron needs its own
const env = { ...process.env };
for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl)$/i.test(key)) delete env[key];

const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, env, stdio: 'inherit' });
try {
  // a prebuilt binary for this Electron version, when the project publishes one
  run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
} catch {
  console.log('No prebuilt binary; compiling against Electron headers…');
  const nodeGyp = env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js', { paths: [dirname(process.execPath), '/usr/lib/node_modules/npm', root] });
  run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`]);
}
mkdirSync(target, { recursive: true });
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), output);
rmSync(join(root, '.native', 'work'), { recursive: true, force: true });
console.log(`Done: ${output}`);
