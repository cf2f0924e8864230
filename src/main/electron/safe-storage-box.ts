import { safeStorage } from 'electron';
import type { SecretBox } from '../core/secrets/secret-box';

/** Seals secrets with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage. */
export class SafeStorageSecretBox implements SecretBox {
  readonly scheme = 'safe-storage' as const;

  seal(plain: string): Buffer {
    return safeStorage.encryptString(plain);
  }

  open(sealed: Buffer): string {
    return safeStorage.decryptString(sealed);
  }
}

/**
 * True when safeStorage is backed by a real keychain. On Linux without a keyring it falls back to a
 * hard-coded password ('basic_text'), which is no better than our key file, so we use the key file there.
 */
export function safeStorageIsStrong(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux') return true;
  return safeStorage.getSelectedStorageBackend() !== 'basic_text';
}
