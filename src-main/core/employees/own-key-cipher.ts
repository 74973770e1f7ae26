/**
 * Employees' own keys at rest. The database never holds an own key in clear: each one is sealed
 * with AES-256-GCM under the database's data key (a random nonce per seal, the tag checked on
 * open), and the data key itself lives outside the database (core/employees/data-key.ts). A copy of
 * the database file alone therefore reveals no key an attacker could forge arrivals with.
 *
 * Sealed layout: version byte (1) | nonce (12 bytes) | tag (16 bytes) | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { SETTINGS_LIMITS } from '../settings/settings-defaults.js';

export interface OwnKeyCipher {
  seal(key: string): Buffer;
  /** @throws Error when the sealed bytes were not made with this data key, or were changed. */
  open(sealed: Uint8Array): string;
}

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

export function createOwnKeyCipher(dataKey: Uint8Array): OwnKeyCipher {
  if (dataKey.length !== DATA_KEY_BYTES)
    throw new Error(`the data key must be ${DATA_KEY_BYTES} bytes; got ${dataKey.length}`);
  const key = Buffer.from(dataKey);
  return {
    seal(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const bytes = Buffer.from(sealed);
      if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw new Error('not a sealed own key');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + NONCE_BYTES));
      decipher.setAuthTag(bytes.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new Error('a sealed own key does not open with this data key (another data key, or the row was changed)');
      }
    },
  };
}

/**
 * Letters and digits someone can type into a phone without misreading: no 0/O, 1/l/I. 56 symbols,
 * so 32 of them carry about 186 bits, and each is one byte of UTF-8 (the phones use the key's bytes).
 */
export const OWN_KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A new own key: 32 characters drawn uniformly from {@link OWN_KEY_ALPHABET} by the OS's CSPRNG. */
export function generateOwnKey(): string {
  let key = '';
  for (let i = 0; i < SETTINGS_LIMITS.keyBytes; i += 1) key += OWN_KEY_ALPHABET[randomInt(OWN_KEY_ALPHABET.length)];
  return key;
}
