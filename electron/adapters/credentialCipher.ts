// The key that seals sync passwords, kept by the OS keychain (Keychain, DPAPI, libsecret/kwallet)
// through Electron's safeStorage. safeStorage exists only in the main process, while the back end
// (and sync) runs in a utilityProcess: so the main process unseals one random key, stored sealed
// beside the data file, and hands it to the back end over its private port at start
// (electron/sync/credentials.ts keyCipher). No keychain: no key, and the 0600 file is the protection.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';

export function credentialKey(databasePath: string): string | undefined {
  try {
    if (!safeStorage?.isEncryptionAvailable()) return undefined;
    const path = `${databasePath}.sync-key`;
    if (existsSync(path)) return safeStorage.decryptString(readFileSync(path));
    const key = randomBytes(32).toString('base64');
    writeFileSync(path, safeStorage.encryptString(key), { mode: 0o600 });
    return key;
  } catch (err) {
    // a keychain that refuses (locked, reset): sync still works, passwords are kept as the 0600 file keeps them
    console.error(`[kith] the OS keychain could not give the sync key: ${(err as Error).message}`);
    return undefined;
  }
}
