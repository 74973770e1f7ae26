/**
 * Secrets through Electron's safeStorage: the macOS Keychain, Windows DPAPI, or libsecret/kwallet
 * on Linux. On a Linux desktop with no secret service, safeStorage falls back to a hard-coded
 * password ('basic_text'): still encrypted on disk but readable by anyone with the app, so the
 * box says 'weak' and the UI tells the user. With no encryption at all, secrets stay in memory.
 * Uses the asynchronous API (the synchronous one is deprecated since Electron 45); it reads what
 * the synchronous one wrote, and says when a secret should be encrypted again (a rotated key).
 * Must be created after `app` is ready (safeStorage answers only then).
 */
import { safeStorage } from 'electron';
import { createMemorySecretBox, type SecretBox } from '../core/settings/secret-box.js';

export async function createSafeStorageSecretBox(): Promise<SecretBox> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return createMemorySecretBox();
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  return {
    kind: weak ? 'weak' : 'keychain',
    encrypt: async (plaintext) => (await safeStorage.encryptStringAsync(plaintext)).toString('base64'),
    decrypt: async (stored) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      return { plaintext: result, reEncrypt: shouldReEncrypt };
    },
  };
}
