/**
 * Plays an employee's phone app: encrypts `Arrival ...` / `Exit ...` exactly as the phones in the
 * field do (docs/protocol.md) and encodes the envelope in the data_coding a gateway might use.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/** The key built into the phone app in the field (docs/protocol.md); public, so only tests name it. */
export const FIELD_KEY = 'a7b2c3d4e5f6g789abcdef0123456789';
export const OTHER_KEY = 'ZZZZc3d4e5f6g789abcdef012345XXXX';

export function encryptForPhone(plaintext: string | Buffer, key = FIELD_KEY): string {
  const cipher = createCipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.alloc(16));
  return Buffer.concat([
    cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
    cipher.final(),
  ]).toString('base64');
}

/** The text the phone app expects back, computed independently of the product's code. */
export function expectedAckText(plaintext: string, key = FIELD_KEY): string {
  const digest = createHash('sha256').update(plaintext, 'utf8').digest('hex');
  return `$$${encryptForPhone(`${digest} | AFTSTC`, key)}$$`;
}

export function decryptAck(ackText: string, key = FIELD_KEY): string {
  const body = ackText.replace(/^\$\$|\$\$$/g, '');
  const decipher = createDecipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.alloc(16));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** GSM 03.38 for the characters an envelope uses: `$` is 0x02; letters, digits, + / = as ASCII. */
export function gsmEnvelopeOctets(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      if (c === '$') return 0x02;
      if (c === '@') return 0x00;
      if (c === '_') return 0x11;
      if (!/^[A-Za-z0-9+/= :-]$/.test(c)) throw new Error(`gsmEnvelopeOctets: '${c}' not handled by this test helper`);
      return c.charCodeAt(0);
    }),
  );
}

export function gsmOctetsToText(octets: Buffer): string {
  return [...octets]
    .map((b) => (b === 0x02 ? '$' : b === 0x00 ? '@' : b === 0x11 ? '_' : String.fromCharCode(b)))
    .join('');
}

export type Coding = 0 | 1 | 3 | 8;

/** The short_message octets of an envelope text in one data_coding. */
export function encodeEnvelope(text: string, dataCoding: Coding): Buffer {
  switch (dataCoding) {
    case 0:
      return gsmEnvelopeOctets(text);
    case 1:
      return Buffer.from(text, 'ascii');
    case 3:
      return Buffer.from(text, 'latin1');
    case 8:
      return Buffer.from(text, 'utf16le').swap16();
  }
}

export function phoneMessage(
  plaintext: string,
  opts: { key?: string; dataCoding?: Coding } = {},
): { shortMessage: Buffer; dataCoding: number; ciphertext: string } {
  const dataCoding = opts.dataCoding ?? 0;
  const ciphertext = encryptForPhone(plaintext, opts.key);
  return { shortMessage: encodeEnvelope(`$$${ciphertext}$$`, dataCoding), dataCoding, ciphertext };
}
