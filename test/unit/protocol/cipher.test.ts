import { execFileSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertValidKey,
  decryptEnvelopeBody,
  encryptText,
  isPublicFieldKey,
} from '../../../src-main/core/protocol/cipher.js';
import { FIELD_KEY, VECTORS } from './protocol-vectors.js';

const OTHER_KEY = 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp';
const ZERO_IV = Buffer.alloc(16);

/** Encrypts raw bytes exactly as the phones would, optionally without PKCS#7 padding. */
function rawEncrypt(bytes: Buffer, opts: { pad: boolean } = { pad: true }): string {
  const cipher = createCipheriv('aes-256-cbc', Buffer.from(FIELD_KEY, 'utf8'), ZERO_IV);
  cipher.setAutoPadding(opts.pad);
  return Buffer.concat([cipher.update(bytes), cipher.final()]).toString('base64');
}

function opensslAvailable(): string | null {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `openssl CLI not runnable here (${(error as Error).message})`;
  }
}

describe('cipher', () => {
  it.each(VECTORS)('encrypts and decrypts the docs/protocol.md vector $plaintext', ({ plaintext, ciphertext }) => {
    expect(encryptText(plaintext, FIELD_KEY)).toBe(ciphertext);
    expect(decryptEnvelopeBody(ciphertext, FIELD_KEY)).toEqual({ ok: true, plaintext });
  });

  it('round-trips any non-empty Unicode text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), (text) => {
        expect(decryptEnvelopeBody(encryptText(text, FIELD_KEY), FIELD_KEY)).toEqual({ ok: true, plaintext: text });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never throws on arbitrary strings, only reports (property)', () => {
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.uint8Array({ maxLength: 96 }).map((bytes) => Buffer.from(bytes).toString('base64')),
    );
    fc.assert(
      fc.property(body, (b) => {
        const result = decryptEnvelopeBody(b, FIELD_KEY);
        if (!result.ok) {
          expect(['not-base64', 'wrong-length', 'wrong-key', 'invalid-utf8', 'empty-text']).toContain(
            result.reason.code,
          );
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  describe('failure reasons', () => {
    it('not base64: wrong alphabet, whitespace, missing padding, non-canonical bits', () => {
      for (const body of [
        'pW8cQ7i77SNRH4aXuBBAIA=', // bad padding length
        'pW8cQ7i77SNRH4aXuBBAIA', // unpadded
        'pW8cQ7i77SNRH4aX uBBAIA==', // space inside
        'pW8cQ7i77SNRH4aX\nuBBAIA==', // line break inside
        'pW8cQ7i77SNRH4aXuBBAIA==\n', // trailing line break
        'pW8cQ7i77SNRH4aXuBBAIA==AAAA', // data after padding
        'pW8cQ7i77SNRH4aXuBB-IA==', // URL-safe alphabet
        'pW8cQ7i77SNRH4aXuBBAIB==', // non-zero unused bits
        'سلام',
      ]) {
        expect(decryptEnvelopeBody(body, FIELD_KEY), body).toEqual({ ok: false, reason: { code: 'not-base64' } });
      }
    });

    it('wrong length: not a whole number of 16-byte blocks', () => {
      expect(decryptEnvelopeBody('', FIELD_KEY)).toEqual({ ok: false, reason: { code: 'wrong-length' } });
      expect(decryptEnvelopeBody(Buffer.alloc(15).toString('base64'), FIELD_KEY)).toEqual({
        ok: false,
        reason: { code: 'wrong-length' },
      });
      expect(decryptEnvelopeBody(Buffer.alloc(17).toString('base64'), FIELD_KEY)).toEqual({
        ok: false,
        reason: { code: 'wrong-length' },
      });
    });

    it('wrong key', () => {
      expect(decryptEnvelopeBody(VECTORS[0].ciphertext, OTHER_KEY)).toEqual({
        ok: false,
        reason: { code: 'wrong-key' },
      });
      expect(decryptEnvelopeBody(VECTORS[2].ciphertext, OTHER_KEY)).toEqual({
        ok: false,
        reason: { code: 'wrong-key' },
      });
      // About 1 wrong key in 256 yields valid-looking padding; the garbage is then (almost always) not UTF-8.
      expect(decryptEnvelopeBody(VECTORS[1].ciphertext, OTHER_KEY)).toEqual({
        ok: false,
        reason: { code: 'invalid-utf8' },
      });
    });

    it('wrong key never yields a plaintext (property)', () => {
      const key = fc.string({ unit: 'grapheme-ascii', minLength: 32, maxLength: 32 }).filter((k) => k !== FIELD_KEY);
      fc.assert(
        fc.property(key, fc.constantFrom(...VECTORS), (k, vector) => {
          expect(decryptEnvelopeBody(vector.ciphertext, k).ok).toBe(false);
        }),
        { seed: 42, numRuns: 200 },
      );
    });

    it('bad padding', () => {
      const unpadded = rawEncrypt(Buffer.from('Arrival 08:31\x00\x00\x00', 'latin1'), { pad: false });
      expect(decryptEnvelopeBody(unpadded, FIELD_KEY)).toEqual({ ok: false, reason: { code: 'wrong-key' } });
      const inconsistent = rawEncrypt(Buffer.from('Arrival 08:31\x01\x02\x03', 'latin1'), { pad: false });
      expect(decryptEnvelopeBody(inconsistent, FIELD_KEY)).toEqual({ ok: false, reason: { code: 'wrong-key' } });
    });

    it('invalid UTF-8 plaintext', () => {
      expect(decryptEnvelopeBody(rawEncrypt(Buffer.from([0x41, 0x72, 0xff, 0xfe])), FIELD_KEY)).toEqual({
        ok: false,
        reason: { code: 'invalid-utf8' },
      });
      // An overlong encoding of "/" and a lone surrogate encoded as UTF-8 are invalid too.
      expect(decryptEnvelopeBody(rawEncrypt(Buffer.from([0xc0, 0xaf])), FIELD_KEY)).toEqual({
        ok: false,
        reason: { code: 'invalid-utf8' },
      });
      expect(decryptEnvelopeBody(rawEncrypt(Buffer.from([0xed, 0xa0, 0x80])), FIELD_KEY)).toEqual({
        ok: false,
        reason: { code: 'invalid-utf8' },
      });
    });

    it('empty text', () => {
      expect(decryptEnvelopeBody(encryptText('', FIELD_KEY), FIELD_KEY)).toEqual({
        ok: false,
        reason: { code: 'empty-text' },
      });
    });
  });

  it('keeps a leading byte-order mark so the ack hash covers the exact bytes', () => {
    const withBom = '\ufeffArrival 08:31';
    expect(decryptEnvelopeBody(encryptText(withBom, FIELD_KEY), FIELD_KEY)).toEqual({ ok: true, plaintext: withBom });
  });

  it('refuses keys that are not 32 UTF-8 bytes', () => {
    expect(() => assertValidKey(FIELD_KEY)).not.toThrow();
    expect(() => assertValidKey(FIELD_KEY.slice(1))).toThrow(/exactly 32 bytes.*got 31 bytes/);
    expect(() => assertValidKey(`${FIELD_KEY}x`)).toThrow(/got 33 bytes/);
    expect(() => assertValidKey(`é${FIELD_KEY.slice(1)}`)).toThrow(/got 33 bytes/);
    expect(() => encryptText('Arrival', 'short')).toThrow(/got 5 bytes/);
    expect(() => decryptEnvelopeBody('pW8cQ7i77SNRH4aXuBBAIA==', 'short')).toThrow(/got 5 bytes/);
  });

  it('recognises the public field key without the source containing it', () => {
    expect(isPublicFieldKey(FIELD_KEY)).toBe(true);
    expect(isPublicFieldKey(OTHER_KEY)).toBe(false);
    expect(isPublicFieldKey(FIELD_KEY.toUpperCase())).toBe(false);
    const dir = fileURLToPath(new URL('../../../src-main/core/protocol/', import.meta.url));
    for (const file of readdirSync(dir)) {
      expect(readFileSync(dir + file, 'utf8'), file).not.toContain(FIELD_KEY);
    }
  });

  const noOpenssl = opensslAvailable();
  if (noOpenssl) console.log(`skipping the OpenSSL cross-check: ${noOpenssl}`);

  it.skipIf(noOpenssl !== null)('matches the openssl CLI (the command line of docs/protocol.md)', () => {
    const keyHex = Buffer.from(FIELD_KEY, 'utf8').toString('hex');
    const openssl = (text: string): string =>
      execFileSync('openssl', ['enc', '-aes-256-cbc', '-K', keyHex, '-iv', '0'.repeat(32), '-base64', '-A'], {
        input: Buffer.from(text, 'utf8'),
      }).toString('utf8');
    for (const text of [VECTORS[0].plaintext, 'Exit ۱۷:۰۵', 'Arrival 1405/09/04 08:31']) {
      const expected = openssl(text);
      expect(encryptText(text, FIELD_KEY)).toBe(expected);
      expect(decryptEnvelopeBody(expected, FIELD_KEY)).toEqual({ ok: true, plaintext: text });
    }
  });
});
