/**
 * The phones' cipher, fixed by the devices in the field: AES-256-CBC, an all-zero IV, PKCS#7
 * padding, standard base64, UTF-8 plaintext, and a 32-character key used byte for byte.
 * (Fixed IV, no MAC: see "Known weaknesses" in docs/protocol.md; we cannot change it, only be strict.)
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { DecryptReason } from '../model.js';

export type DecryptResult = { ok: true; plaintext: string } | { ok: false; reason: DecryptReason };

const ALGORITHM = 'aes-256-cbc';
const KEY_BYTES = 32;
const BLOCK_BYTES = 16;
const ZERO_IV = Buffer.alloc(BLOCK_BYTES);

/** Standard alphabet, `=` padding, no whitespace or line breaks anywhere. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** @throws Error unless the key is exactly 32 bytes once encoded as UTF-8 (the AES-256 key size). */
export function assertValidKey(key: string): void {
  const length = Buffer.byteLength(key, 'utf8');
  if (length !== KEY_BYTES) {
    throw new Error(
      `encryption key must be exactly ${KEY_BYTES} bytes of UTF-8 (32 ASCII characters); got ${length} bytes`,
    );
  }
}

/** True when `key` is the public key built into the field phone app (so the UI can warn). */
export { isPublicFieldKey } from './public-field-key.js';

/** Encrypts UTF-8 text the way the phones do and returns standard base64. */
export function encryptText(plaintext: string, key: string): string {
  const cipher = createCipheriv(ALGORITHM, keyBytes(key), ZERO_IV);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/**
 * Decrypts the base64 body of an envelope. Never throws for any `body`; throws only for an
 * invalid key (a configuration error, see {@link assertValidKey}). With a wrong key the padding
 * check fails about 255 times in 256; otherwise the garbage is usually caught as invalid UTF-8.
 */
export function decryptEnvelopeBody(body: string, key: string): DecryptResult {
  const secret = keyBytes(key);
  if (!STRICT_BASE64.test(body)) return { ok: false, reason: { code: 'not-base64' } };
  const ciphertext = Buffer.from(body, 'base64');
  // Node ignores non-zero unused bits ("QR==" decodes like "QQ=="): insist on the canonical form.
  if (ciphertext.toString('base64') !== body) return { ok: false, reason: { code: 'not-base64' } };
  if (ciphertext.length === 0 || ciphertext.length % BLOCK_BYTES !== 0)
    return { ok: false, reason: { code: 'wrong-length' } };

  let plainBytes: Buffer;
  try {
    const decipher = createDecipheriv(ALGORITHM, secret, ZERO_IV);
    plainBytes = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return { ok: false, reason: { code: 'wrong-key' } };
  }
  if (plainBytes.length === 0) return { ok: false, reason: { code: 'empty-text' } };
  try {
    return { ok: true, plaintext: utf8.decode(plainBytes) };
  } catch {
    return { ok: false, reason: { code: 'invalid-utf8' } };
  }
}

function keyBytes(key: string): Buffer {
  assertValidKey(key);
  return Buffer.from(key, 'utf8');
}
