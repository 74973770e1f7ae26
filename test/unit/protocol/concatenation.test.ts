import { describe, expect, it } from 'vitest';
import { readConcatInfo } from '../../../src-main/core/protocol/concatenation.js';

const bytes = (...octets: number[]): Uint8Array => Uint8Array.from(octets);
const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('readConcatInfo', () => {
  it('reads a UDH with an 8-bit reference (IEI 0x00)', () => {
    const info = readConcatInfo({
      esmClass: 0x40,
      shortMessage: bytes(0x05, 0x00, 0x03, 0xab, 0x02, 0x01, 0x41, 0x42),
    });
    expect(info).toEqual({ kind: 'part', ref: 0xab, total: 2, seq: 1, body: bytes(0x41, 0x42) });
  });

  it('reads a UDH with a 16-bit reference (IEI 0x08)', () => {
    const info = readConcatInfo({
      esmClass: 0x43,
      shortMessage: bytes(0x06, 0x08, 0x04, 0x12, 0x34, 0x03, 0x03, 0x43),
    });
    expect(info).toEqual({ kind: 'part', ref: 0x1234, total: 3, seq: 3, body: bytes(0x43) });
  });

  it('skips other information elements', () => {
    // Application port addressing (0x05, 4 octets) before the concatenation element.
    const message = bytes(0x0b, 0x05, 0x04, 0x0b, 0x84, 0x23, 0xf0, 0x00, 0x03, 0x07, 0x02, 0x02, 0x5a);
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: message })).toEqual({
      kind: 'part',
      ref: 7,
      total: 2,
      seq: 2,
      body: bytes(0x5a),
    });
    // A UDH without a concatenation element is a single message.
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x03, 0x24, 0x01, 0x01, 0x5a) })).toEqual({
      kind: 'single',
      body: bytes(0x5a),
    });
  });

  it('reports a malformed UDH', () => {
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes() })).toEqual({
      kind: 'invalid',
      reason: { code: 'udh-empty' },
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x00, 0x41) })).toEqual({
      kind: 'invalid',
      reason: { code: 'udh-length-zero' },
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x09, 0x00, 0x03) })).toEqual({
      kind: 'invalid',
      reason: { code: 'udh-too-long', params: { udhLength: 9, messageLength: 3 } },
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x04, 0x00, 0x05, 0x01, 0x02, 0x41) })).toEqual({
      kind: 'invalid',
      reason: { code: 'udh-element-overrun', params: { iei: 0 } },
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x03, 0x00, 0x01, 0x01, 0x41) })).toEqual({
      kind: 'invalid',
      reason: { code: 'udh-concat-length', params: { iei: 0, length: 1, expected: 3 } },
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x05, 0x00, 0x03, 0x01, 0x02, 0x03) })).toEqual({
      kind: 'invalid',
      reason: { code: 'part-number-invalid', params: { header: 'udh', seq: 3, total: 2 } },
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x05, 0x00, 0x03, 0x01, 0x00, 0x00) })).toEqual({
      kind: 'invalid',
      reason: { code: 'part-count-invalid', params: { header: 'udh', total: 0 } },
    });
  });

  it('reads the sar TLVs when there is no UDH', () => {
    const body = ascii('$$abc');
    expect(
      readConcatInfo({ esmClass: 0, shortMessage: body, sar: { refNum: 513, totalSegments: 2, seqNum: 1 } }),
    ).toEqual({
      kind: 'part',
      ref: 513,
      total: 2,
      seq: 1,
      body,
    });
    expect(
      readConcatInfo({ esmClass: 0, shortMessage: body, sar: { refNum: 1, totalSegments: 2, seqNum: 0 } }),
    ).toEqual({
      kind: 'invalid',
      reason: { code: 'part-number-invalid', params: { header: 'sar', seq: 0, total: 2 } },
    });
  });

  it('prefers the UDH over sar TLVs, and treats everything else as single', () => {
    const message = bytes(0x05, 0x00, 0x03, 0x09, 0x02, 0x02, 0x41);
    expect(
      readConcatInfo({ esmClass: 0x40, shortMessage: message, sar: { refNum: 1, totalSegments: 5, seqNum: 5 } }),
    ).toMatchObject({
      ref: 9,
      total: 2,
      seq: 2,
    });
    expect(readConcatInfo({ esmClass: 0x00, shortMessage: message })).toEqual({ kind: 'single', body: message });
  });
});
