/**
 * Where the SMPP password and the encryption key are kept. Electron plugs in `safeStorage` (the OS
 * keychain, or a fixed-password fallback on Linux desktops without one: 'weak'); the browser preview
 * and tests use {@link createMemorySecretBox}, which never lets a secret reach the disk. The box is
 * asynchronous because Electron's keychain API is (its synchronous one is deprecated).
 */
export interface OpenedSecret {
  plaintext: string;
  /** The box would encrypt it differently now (its key was rotated or got stronger): store it again. */
  reEncrypt: boolean;
}

export interface SecretBox {
  /**
   * - `keychain`: encrypted with a key the OS keeps (Keychain, DPAPI, libsecret/kwallet).
   * - `weak`: encrypted with a key anyone with the app could derive (obfuscation only).
   * - `memory`: nothing is written; secrets live until the process ends.
   */
  readonly kind: 'keychain' | 'weak' | 'memory';
  /** Plaintext in, opaque text (base64) out. Not called when `kind` is `memory`. */
  encrypt(plaintext: string): Promise<string>;
  /** Rejects when the stored text cannot be opened (another user, a changed keychain). */
  decrypt(stored: string): Promise<OpenedSecret>;
}

/** A box for secrets that must not be persisted: the settings file then holds none. */
export function createMemorySecretBox(): SecretBox {
  return {
    kind: 'memory',
    encrypt() {
      return Promise.reject(
        new Error('the memory secret box persists nothing: the settings repository must not ask it to encrypt'),
      );
    },
    decrypt() {
      return Promise.reject(new Error('the memory secret box persists nothing: there is nothing to decrypt'));
    },
  };
}
