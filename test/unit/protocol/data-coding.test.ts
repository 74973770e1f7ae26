import { describe, expect, it } from 'vitest';
import { decodeMessageText } from '../../../src-main/core/protocol/data-coding.js';
import { ARRIVAL_0831_GSM_HEX, hexBytes } from './protocol-vectors.js';

const ENVELOPE = '$$pW8cQ7i77SNRH4aXuBBAIA==$$';

describe('decodeMessageText', () => {
  it('reads the same envelope in data_coding 0, 1, 3 and 8', () => {
    expect(decodeMessageText(hexBytes(ARRIVAL_0831_GSM_HEX), 0)).toEqual({ ok: true, text: ENVELOPE });
    expect(decodeMessageText(Buffer.from(ENVELOPE, 'latin1'), 1)).toEqual({ ok: true, text: ENVELOPE });
    expect(decodeMessageText(Buffer.from(ENVELOPE, 'latin1'), 3)).toEqual({ ok: true, text: ENVELOPE });
    expect(decodeMessageText(Buffer.from(ENVELOPE, 'utf16le').swap16(), 8)).toEqual({ ok: true, text: ENVELOPE });
  });

  it('treats Latin-1 0x24 as $ but GSM 0x24 as ¤', () => {
    expect(decodeMessageText(Uint8Array.of(0x24), 3)).toEqual({ ok: true, text: '$' });
    expect(decodeMessageText(Uint8Array.of(0x24), 0)).toEqual({ ok: true, text: '¤' });
  });

  it('decodes Latin-1 high octets', () => {
    expect(decodeMessageText(Uint8Array.of(0xe9, 0xff, 0xa0), 3)).toEqual({ ok: true, text: 'éÿ\u00a0' });
  });

  it('rejects IA5 octets above 0x7F', () => {
    expect(decodeMessageText(Uint8Array.of(0x41, 0xe9), 1)).toEqual({
      ok: false,
      reason: { code: 'invalid-ia5-octet', params: { octet: 0xe9, offset: 1 } },
    });
  });

  it('decodes UCS-2 including Persian text and a surrogate pair', () => {
    const text = 'ورود ۰۸:۳۱ 😀';
    expect(decodeMessageText(Buffer.from(text, 'utf16le').swap16(), 8)).toEqual({ ok: true, text });
  });

  it('rejects odd-length UCS-2 and unpaired surrogates', () => {
    expect(decodeMessageText(Uint8Array.of(0x00, 0x41, 0x00), 8)).toEqual({
      ok: false,
      reason: { code: 'odd-ucs2-length', params: { length: 3 } },
    });
    expect(decodeMessageText(Uint8Array.of(0xd8, 0x3d, 0x00, 0x41), 8)).toEqual({
      ok: false,
      reason: { code: 'unpaired-surrogate' },
    });
  });

  it('keeps a leading byte-order mark rather than hiding it', () => {
    expect(decodeMessageText(Uint8Array.of(0xfe, 0xff, 0x00, 0x41), 8)).toEqual({ ok: true, text: '\ufeffA' });
  });

  it('rejects GSM octets above 0x7F', () => {
    expect(decodeMessageText(Uint8Array.of(0x02, 0x90), 0)).toMatchObject({
      ok: false,
      reason: { code: 'invalid-gsm-octet', params: { octet: 0x90, offset: 1 } },
    });
  });

  it('follows the GSM 03.38 data coding scheme groups', () => {
    expect(decodeMessageText(Uint8Array.of(0x02), 0xf0)).toEqual({ ok: true, text: '$' });
    expect(decodeMessageText(Uint8Array.of(0x02), 0xf1)).toEqual({ ok: true, text: '$' });
    expect(decodeMessageText(Uint8Array.of(0x02), 0xf4)).toEqual({
      ok: false,
      reason: { code: 'unsupported-data-coding', params: { dataCoding: 0xf4 } },
    });
    expect(decodeMessageText(Uint8Array.of(0x02), 0xc8)).toEqual({ ok: true, text: '$' });
    expect(decodeMessageText(Uint8Array.of(0x00, 0x24), 0xe0)).toEqual({ ok: true, text: '$' });
  });

  it('reports other data codings as unsupported', () => {
    expect(decodeMessageText(Uint8Array.of(0x41), 4)).toEqual({
      ok: false,
      reason: { code: 'unsupported-data-coding', params: { dataCoding: 0x04 } },
    });
    expect(decodeMessageText(Uint8Array.of(0x41), 2)).toEqual({
      ok: false,
      reason: { code: 'unsupported-data-coding', params: { dataCoding: 0x02 } },
    });
    expect(decodeMessageText(Uint8Array.of(0x41), 0x06)).toEqual({
      ok: false,
      reason: { code: 'unsupported-data-coding', params: { dataCoding: 0x06 } },
    });
  });

  it('decodes views into larger buffers without reading outside them', () => {
    const backing = Buffer.from('XX$$AB$$YY', 'latin1');
    expect(decodeMessageText(backing.subarray(2, 8), 3)).toEqual({ ok: true, text: '$$AB$$' });
    expect(decodeMessageText(backing.subarray(2, 8), 1)).toEqual({ ok: true, text: '$$AB$$' });
  });
});
