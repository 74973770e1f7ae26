/**
 * Secrets through Electron's safeStorage: the macOS Keychain, Windows DPAPI, or libsecret/kwallet
 * on Linux. On a Linux desktop with no secret service, safeStorage falls back to a hard-coded
 * password ('basic_text'): still encrypted on disk but readable by anyone with the app, so the
 * box says 'weak' and the UI tells the user. With no encryption at all, secrets stay in memory.
 * Must be created after `app` is ready (safeStorage answers only then).
 */
import { safeStorage } from 'electron';
import { createMemorySecretBox, type SecretBox } from '../core/settings/secret-box.js';

export function createSafeStorageSecretBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return createMemorySecretBox();
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  return {
    kind: weak ? 'weak' : 'keychain',
    encrypt: (plaintext) => safeStorage.encryptString(plaintext).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}
