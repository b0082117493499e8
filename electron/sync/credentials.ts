// Where sync passwords live: never in the database. One file beside the data, readable by its owner
// only (0600). When the OS offers a keychain-backed cipher (Electron's safeStorage, passed in by the
// shell as `cipher`), every password in it is encrypted with it; the web host has none and keeps
// the file's permissions as the protection, as the issue asks.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface CredentialCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** AES-256-GCM with a 32-byte key from the OS keychain (electron/adapters/credentialCipher.ts): iv | tag | ciphertext */
export function keyCipher(key: Buffer): CredentialCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export interface CredentialStore {
  get(accountId: string): string | null;
  set(accountId: string, password: string): void;
  remove(accountId: string): void;
}

interface StoredSecret {
  /** 'safeStorage': base64 of the OS cipher's output; 'plain': the password itself (the file is 0600) */
  form: 'safeStorage' | 'plain';
  value: string;
}

/** the credential file for a database file: kith.sqlite → kith.sqlite.sync-credentials.json */
export function credentialPathFor(databasePath: string): string {
  return `${databasePath}.sync-credentials.json`;
}

export function fileCredentialStore(path: string, cipher?: CredentialCipher): CredentialStore {
  const read = (): Record<string, StoredSecret> => {
    if (!existsSync(path)) return {};
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, StoredSecret>;
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, StoredSecret>) => {
    const temp = `${path}.tmp`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(temp, 0o600); // an existing file keeps its mode on write: set it again
    renameSync(temp, path);
  };
  return {
    get(accountId) {
      const secret = read()[accountId];
      if (!secret) return null;
      if (secret.form === 'plain') return secret.value;
      if (!cipher) return null; // sealed by the OS keychain of the Electron app: the web host cannot open it
      return cipher.decrypt(Buffer.from(secret.value, 'base64'));
    },
    set(accountId, password) {
      const all = read();
      all[accountId] = cipher ? { form: 'safeStorage', value: cipher.encrypt(password).toString('base64') } : { form: 'plain', value: password };
      write(all);
    },
    remove(accountId) {
      const all = read();
      if (!(accountId in all)) return;
      delete all[accountId];
      write(all);
    },
  };
}

/** for ':memory:' databases (tests): kept in memory only */
export function memoryCredentialStore(): CredentialStore {
  const map = new Map<string, string>();
  return { get: (id) => map.get(id) ?? null, set: (id, p) => void map.set(id, p), remove: (id) => void map.delete(id) };
}
