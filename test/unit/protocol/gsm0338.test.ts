import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GSM0338_BASIC_TABLE, decodeGsm0338, encodeGsm0338 } from '../../../src-main/core/protocol/gsm0338.js';
import { ARRIVAL_0831_GSM_HEX, hexBytes } from './protocol-vectors.js';

const EXTENSION_CHARS = '\f^{}\\[~]|€';
const gsmChar = fc.constantFrom(...[...GSM0338_BASIC_TABLE].filter((c) => c !== '\u001b'), ...EXTENSION_CHARS);

describe('GSM 03.38', () => {
  it('maps $, @ and _ to 0x02, 0x00 and 0x11', () => {
    expect([...encodeGsm0338('$@_')]).toEqual([0x02, 0x00, 0x11]);
    expect(decodeGsm0338(Uint8Array.of(0x02, 0x00, 0x11))).toEqual({ ok: true, text: '$@_' });
  });

  it('encodes the docs/protocol.md envelope vector octet for octet', () => {
    const octets = encodeGsm0338('$$pW8cQ7i77SNRH4aXuBBAIA==$$');
    expect(octets.toString('hex')).toBe(hexBytes(ARRIVAL_0831_GSM_HEX).toString('hex'));
    expect(decodeGsm0338(octets)).toEqual({ ok: true, text: '$$pW8cQ7i77SNRH4aXuBBAIA==$$' });
  });

  it('keeps letters, digits, + / = at their ASCII octets', () => {
    const ascii = 'ABCXYZabcxyz0123456789+/=';
    expect(encodeGsm0338(ascii).toString('latin1')).toBe(ascii);
  });

  it('uses the 0x1B escape for extension characters', () => {
    expect([...encodeGsm0338('€[]{}|~^\\\f')]).toEqual([
      0x1b, 0x65, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x40, 0x1b, 0x3d, 0x1b, 0x14, 0x1b, 0x2f, 0x1b,
      0x0a,
    ]);
    expect(decodeGsm0338(Uint8Array.of(0x1b, 0x65, 0x31))).toEqual({ ok: true, text: '€1' });
  });

  it('decodes an escape before an undefined extension code as the basic character', () => {
    expect(decodeGsm0338(Uint8Array.of(0x1b, 0x41))).toEqual({ ok: true, text: 'A' });
  });

  it('rejects octets above 0x7F and a trailing escape', () => {
    expect(decodeGsm0338(Uint8Array.of(0x41, 0x80))).toEqual({
      ok: false,
      reason: { code: 'invalid-gsm-octet', params: { octet: 0x80, offset: 1 } },
    });
    expect(decodeGsm0338(Uint8Array.of(0x41, 0x1b))).toEqual({ ok: false, reason: { code: 'gsm-escape-at-end' } });
    expect(decodeGsm0338(Uint8Array.of(0x1b, 0xff))).toMatchObject({ ok: false });
  });

  it('throws a RangeError naming the first unencodable character', () => {
    expect(() => encodeGsm0338('ok سلام')).toThrow(RangeError);
    expect(() => encodeGsm0338('ok سلام')).toThrow(/"س" \(U\+0633\) at index 3/);
    expect(() => encodeGsm0338('a😀')).toThrow(/U\+1F600/);
    expect(() => encodeGsm0338('\u001b')).toThrow(RangeError);
  });

  it('has the same basic table as the smpp package (which other code uses to encode)', () => {
    const require = createRequire(import.meta.url);
    const smpp = require('smpp') as { gsmCoder: { GSM: { chars: string } } };
    expect(smpp.gsmCoder.GSM.chars).toBe(GSM0338_BASIC_TABLE);
    expect(GSM0338_BASIC_TABLE).toHaveLength(128);
  });

  it('round-trips any text over the alphabet (property)', () => {
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 200 }), (chars) => {
        const text = chars.join('');
        expect(decodeGsm0338(encodeGsm0338(text))).toEqual({ ok: true, text });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('round-trips any octets 0x00–0x7F without escapes (property)', () => {
    const octet = fc.integer({ min: 0, max: 0x7f }).filter((o) => o !== 0x1b);
    fc.assert(
      fc.property(fc.array(octet, { maxLength: 200 }), (octets) => {
        const bytes = Uint8Array.from(octets);
        const decoded = decodeGsm0338(bytes);
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect([...encodeGsm0338(decoded.text)]).toEqual(octets);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
