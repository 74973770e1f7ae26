/**
 * The acknowledgement the phones check: `$$` + base64(AES(sha256_hex(plaintext) + " | AFTSTC")) + `$$`,
 * sent with data_coding 0, so `$` goes out as GSM 03.38 octet 0x02. 112 characters: one SMS.
 */
import { createHash } from 'node:crypto';
import { encryptText } from './cipher.js';
import { sealEnvelope } from './envelope.js';
import { encodeGsm0338 } from './gsm0338.js';

const ACK_SUFFIX = ' | AFTSTC';

/** `plaintext` must be exactly the decrypted text (its UTF-8 bytes are hashed). */
export function buildAckText(plaintext: string, key: string): string {
  const digest = createHash('sha256').update(plaintext, 'utf8').digest('hex');
  return sealEnvelope(encryptText(digest + ACK_SUFFIX, key));
}

/** The ack's `short_message` octets for data_coding 0. */
export function ackShortMessage(plaintext: string, key: string): Buffer {
  return encodeGsm0338(buildAckText(plaintext, key));
}
