/**
 * GSM 03.38 (3GPP TS 23.038) default alphabet, unpacked: one septet per octet, as SMPP carries it
 * with data_coding 0. The envelope delimiter `$` is octet 0x02 here, not 0x24.
 *
 * Hand-written rather than `require('smpp').gsmCoder`: that table is right (`$` = 0x02), but the
 * coder is an undocumented export and is lenient — it turns unknown octets and unencodable
 * characters into spaces, which would silently corrupt a base64 envelope. Here decoding rejects
 * octets above 0x7F and encoding throws. The base table is cross-checked against smpp's in tests.
 */
import type { DecodeResult } from './decode-result.js';

const ESCAPE = 0x1b;

/** Basic character set, octets 0x00–0x7F (0x1B is the escape to the extension table). */
const BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table: octet after 0x1B → character (TS 23.038 §6.2.1.1). */
const EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

const ENCODE_BASIC = new Map<string, number>();
for (let octet = 0; octet < BASIC_TABLE.length; octet++) {
  if (octet !== ESCAPE) ENCODE_BASIC.set(BASIC_TABLE.charAt(octet), octet);
}
const ENCODE_EXTENSION = new Map<string, number>();
for (const [octet, char] of EXTENSION_TABLE) ENCODE_EXTENSION.set(char, octet);

/** The 128-character basic table, exported so tests can compare it with other implementations. */
export const GSM0338_BASIC_TABLE: string = BASIC_TABLE;

/**
 * Decodes unpacked GSM 03.38 octets. An escape followed by an octet the extension table does not
 * define yields the basic-table character, as TS 23.038 tells receivers to do; an escape as the
 * last octet is an error.
 */
export function decodeGsm0338(bytes: Uint8Array): DecodeResult {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const octet = bytes[i] as number;
    if (octet > 0x7f) {
      return { ok: false, reason: { code: 'invalid-gsm-octet', params: { octet, offset: i } } };
    }
    if (octet !== ESCAPE) {
      text += BASIC_TABLE.charAt(octet);
      continue;
    }
    const next = bytes[i + 1];
    if (next === undefined) return { ok: false, reason: { code: 'gsm-escape-at-end' } };
    if (next > 0x7f) {
      return { ok: false, reason: { code: 'invalid-gsm-octet', params: { octet: next, offset: i + 1 } } };
    }
    // 0x1B 0x1B would escape to a further (national) table we do not support: show a space.
    text += EXTENSION_TABLE.get(next) ?? (next === ESCAPE ? ' ' : BASIC_TABLE.charAt(next));
    i++;
  }
  return { ok: true, text };
}

/**
 * Encodes text as unpacked GSM 03.38 octets, using the 0x1B escape for extension characters.
 * @throws RangeError naming the first character that the default alphabet cannot represent.
 */
export function encodeGsm0338(text: string): Buffer {
  const octets: number[] = [];
  let index = 0;
  for (const char of text) {
    const basic = ENCODE_BASIC.get(char);
    if (basic !== undefined) {
      octets.push(basic);
    } else {
      const extended = ENCODE_EXTENSION.get(char);
      if (extended === undefined) {
        const codePoint = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
        throw new RangeError(
          `character ${JSON.stringify(char)} (U+${codePoint}) at index ${index} is not in the GSM 03.38 alphabet`,
        );
      }
      octets.push(ESCAPE, extended);
    }
    index += char.length;
  }
  return Buffer.from(octets);
}
