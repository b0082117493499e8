// Sync passwords sealed by the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron's
// safeStorage; none when the OS offers no keychain (then the 0600 file keeps them as they are).
import { safeStorage } from 'electron';
import type { CredentialCipher } from '../sync/credentials';

export function electronCredentialCipher(): CredentialCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) };
}
