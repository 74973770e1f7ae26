/**
 * Turns a message body into text according to its SMPP 3.4 `data_coding`.
 *
 * Supported: 0 (SMSC default alphabet, which the gateways treat as GSM 03.38, unpacked),
 * 1 (IA5/ASCII), 3 (Latin-1), 8 (UCS-2 big-endian; UTF-16 surrogate pairs accepted), and the
 * GSM 03.38 data coding scheme groups whose alphabet is one of these:
 * 0xC0–0xDF (message waiting indication, default alphabet), 0xE0–0xEF (message waiting
 * indication, UCS-2) and 0xF0–0xFF (data coding/message class: bit 2 clear = default alphabet,
 * set = 8-bit data). Everything else (binary 2/4, JIS, Cyrillic, Hebrew, …) is reported as
 * unsupported: no envelope can be read from it.
 */
import type { DecodeResult } from './decode-result.js';
import { decodeGsm0338 } from './gsm0338.js';

const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

export function decodeMessageText(bytes: Uint8Array, dataCoding: number): DecodeResult {
  switch (alphabetOf(dataCoding)) {
    case 'gsm':
      return decodeGsm0338(bytes);
    case 'ia5':
      return decodeIa5(bytes);
    case 'latin1':
      return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
    case 'ucs2':
      return decodeUcs2(bytes);
    case null:
      return { ok: false, reason: { code: 'unsupported-data-coding', params: { dataCoding } } };
  }
}

type Alphabet = 'gsm' | 'ia5' | 'latin1' | 'ucs2';

function alphabetOf(dataCoding: number): Alphabet | null {
  if (dataCoding === 0) return 'gsm';
  if (dataCoding === 1) return 'ia5';
  if (dataCoding === 3) return 'latin1';
  if (dataCoding === 8) return 'ucs2';
  if (dataCoding >= 0xc0 && dataCoding <= 0xdf) return 'gsm';
  if (dataCoding >= 0xe0 && dataCoding <= 0xef) return 'ucs2';
  if (dataCoding >= 0xf0 && dataCoding <= 0xff) return (dataCoding & 0x04) === 0 ? 'gsm' : null;
  return null;
}

function decodeIa5(bytes: Uint8Array): DecodeResult {
  const bad = bytes.findIndex((octet) => octet > 0x7f);
  if (bad !== -1) {
    return { ok: false, reason: { code: 'invalid-ia5-octet', params: { octet: bytes[bad] as number, offset: bad } } };
  }
  return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
}

function decodeUcs2(bytes: Uint8Array): DecodeResult {
  if (bytes.length % 2 !== 0)
    return { ok: false, reason: { code: 'odd-ucs2-length', params: { length: bytes.length } } };
  try {
    // UTF-16BE is a superset of UCS-2 (adds surrogate pairs); fatal mode rejects unpaired surrogates.
    return { ok: true, text: utf16be.decode(bytes) };
  } catch {
    return { ok: false, reason: { code: 'unpaired-surrogate' } };
  }
}
