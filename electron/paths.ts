// Where the data file lives. A --db flag wins, then KITH_DB, then the app's user-data folder.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATABASE_FILE_NAME = 'kith.sqlite';

/** the same folder Electron's app.getPath('userData') gives for an app named Kith */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Kith');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Kith');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Kith');
}

export function databasePathFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--db=')) return resolve(arg.slice('--db='.length));
    if (arg === '--db' && argv[i + 1]) return resolve(argv[i + 1]!);
  }
  return env.KITH_DB ? resolve(env.KITH_DB) : null;
}

export function resolveDatabasePath(argv: readonly string[], env: NodeJS.ProcessEnv, userDataDir: string): string {
  return databasePathFromArgs(argv, env) ?? join(userDataDir, DATABASE_FILE_NAME);
}
