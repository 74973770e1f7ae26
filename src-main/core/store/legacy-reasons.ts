/**
 * Reasons as the store wrote them before they were codes: English sentences in `messages.reason`
 * and `acks.error`. Migration 4 reads them back into codes with parameters with these patterns;
 * a text that matches none is kept as it was (read as a `legacy-text` reason).
 */
import type { AckReason, LinkReason, MessageReason } from '../model.js';

type Pattern<R> = [RegExp, (m: RegExpExecArray) => R];

const int = (text: string | undefined): number => Number.parseInt(text ?? '', 10);
const hex = (text: string | undefined): number => Number.parseInt(text ?? '', 16);

const MESSAGE_PATTERNS: Pattern<MessageReason>[] = [
  [/^from an ignored number \(the gateway itself\)$/, () => ({ code: 'ignored-number' })],
  [
    /^the same message as #(\d+), sent again within the repeat window$/,
    (m) => ({ code: 'repeat-in-window', params: { of: int(m[1]) } }),
  ],
  [
    /^the same message as #(\d+) \(same sender, ciphertext and reported time\), delivered again$/,
    (m) => ({ code: 'repeat-redelivered', params: { of: int(m[1]) } }),
  ],
  [/^no \$\$ envelope$/, () => ({ code: 'no-envelope' })],
  [/^unterminated \$\$ envelope$/, () => ({ code: 'envelope-unterminated' })],
  [/^empty envelope$/, () => ({ code: 'envelope-empty' })],
  [/^not base64$/, () => ({ code: 'not-base64' })],
  [/^wrong length$/, () => ({ code: 'wrong-length' })],
  [/^wrong key or bad padding$/, () => ({ code: 'wrong-key' })],
  [/^invalid UTF-8$/, () => ({ code: 'invalid-utf8' })],
  [/^empty text$/, () => ({ code: 'empty-text' })],
  [/^unknown status$/, () => ({ code: 'unknown-status' })],
  [
    /^unsupported data_coding 0x([0-9a-f]+)$/,
    (m) => ({ code: 'unsupported-data-coding', params: { dataCoding: hex(m[1]) } }),
  ],
  [
    /^invalid ia5 octet 0x([0-9a-f]+) at offset (\d+)$/,
    (m) => ({ code: 'invalid-ia5-octet', params: { octet: hex(m[1]), offset: int(m[2]) } }),
  ],
  [/^odd ucs-2 length (\d+)$/, (m) => ({ code: 'odd-ucs2-length', params: { length: int(m[1]) } })],
  [/^unpaired utf-16 surrogate in ucs-2 text$/, () => ({ code: 'unpaired-surrogate' })],
  [
    /^invalid gsm 03\.38 octet 0x([0-9a-f]+) at offset (\d+)$/,
    (m) => ({ code: 'invalid-gsm-octet', params: { octet: hex(m[1]), offset: int(m[2]) } }),
  ],
  [/^gsm 03\.38 escape at end of text$/, () => ({ code: 'gsm-escape-at-end' })],
  [/^udh indicated but message is empty$/, () => ({ code: 'udh-empty' })],
  [/^udh length 0$/, () => ({ code: 'udh-length-zero' })],
  [
    /^udh length (\d+) exceeds message length (\d+)$/,
    (m) => ({ code: 'udh-too-long', params: { udhLength: int(m[1]), messageLength: int(m[2]) } }),
  ],
  [
    /^udh element 0x([0-9a-f]+) overruns the header$/,
    (m) => ({ code: 'udh-element-overrun', params: { iei: hex(m[1]) } }),
  ],
  [
    /^udh concatenation element 0x([0-9a-f]+) has length (\d+), expected (\d+)$/,
    (m) => ({ code: 'udh-concat-length', params: { iei: hex(m[1]), length: int(m[2]), expected: int(m[3]) } }),
  ],
  [
    /^(udh|sar): total (-?\d+) parts$/,
    (m) => ({ code: 'part-count-invalid', params: { header: m[1] as 'udh' | 'sar', total: int(m[2]) } }),
  ],
  [
    /^(udh|sar): part (-?\d+) out of 1\.\.(\d+)$/,
    (m) => ({
      code: 'part-number-invalid',
      params: { header: m[1] as 'udh' | 'sar', seq: int(m[2]), total: int(m[3]) },
    }),
  ],
  [
    /^multipart: total (\d+) parts exceeds the limit of (\d+)$/,
    (m) => ({ code: 'parts-over-limit', params: { total: int(m[1]), limit: int(m[2]) } }),
  ],
  [
    /^multipart: conflicting data_coding 0x([0-9a-f]+) \(the first part had 0x([0-9a-f]+)\)$/,
    (m) => ({ code: 'parts-coding-conflict', params: { dataCoding: hex(m[1]), firstDataCoding: hex(m[2]) } }),
  ],
  [
    /^multipart: part (\d+) of (\d+) arrived twice with different contents$/,
    (m) => ({ code: 'part-differs', params: { seq: int(m[1]), total: int(m[2]) } }),
  ],
  [
    /^incomplete multipart message: (\d+) of (\d+) parts arrived$/,
    (m) => ({ code: 'multipart-incomplete', params: { received: int(m[1]), total: int(m[2]) } }),
  ],
];

const LINK_PATTERNS: Pattern<LinkReason>[] = [
  [/^not connected$/, () => ({ code: 'not-connected' })],
  [/^the gateway closed the connection$/, () => ({ code: 'gateway-closed' })],
  [/^the connection closed before it was established$/, () => ({ code: 'closed-before-connected' })],
  [/^connection refused$/, () => ({ code: 'connection-refused' })],
  [/^connection reset$/, () => ({ code: 'connection-reset' })],
  [/^stopped$/, () => ({ code: 'stopped' })],
  [/^gateway sent unbind$/, () => ({ code: 'gateway-unbound' })],
];

const ACK_PATTERNS: Pattern<AckReason>[] = [
  [/^(ESME_\w+|0x[0-9A-F]{8})$/, (m) => ({ code: 'ack-refused', params: { status: m[1] as string } })],
  [/^gateway refused: (\S+)$/, (m) => ({ code: 'ack-refused', params: { status: m[1] as string } })],
  [/^cannot encode: (.*)$/s, (m) => ({ code: 'ack-unencodable', params: { detail: m[1] as string } })],
  [
    /^the delivery receipt reported that the message was not delivered$/,
    () => ({ code: 'receipt-failed', params: { stat: 'UNDELIV' } }),
  ],
  [/^cannot submit to \S+: the session is \w+$/, () => ({ code: 'not-bound' })],
  [
    /^no (\w+)_resp within (\d+) ms$/,
    (m) => ({ code: 'no-response', params: { command: m[1] as string, seconds: int(m[2]) / 1000 } }),
  ],
];

function match<R>(patterns: Pattern<R>[], text: string): R | null {
  for (const [pattern, make] of patterns) {
    const m = pattern.exec(text);
    if (m) return make(m);
  }
  return null;
}

/** The code of an English `messages.reason`, or null when no pattern matches it. */
export function legacyMessageReason(text: string): MessageReason | null {
  return match(MESSAGE_PATTERNS, text);
}

/** The code of an English `acks.error`, or null when no pattern matches it. */
export function legacyAckReason(text: string): AckReason | null {
  const gaveUp = /^gave up after (\d+) attempts: (.*)$/s.exec(text);
  if (gaveUp) {
    const cause = legacyAckReason(gaveUp[2] as string) ?? {
      code: 'legacy-text',
      params: { text: gaveUp[2] as string },
    };
    return { code: 'ack-gave-up', params: { attempts: int(gaveUp[1]), cause } };
  }
  const lost = /^the link closed before the (\w+)_resp arrived \((.*)\)$/s.exec(text);
  if (lost) {
    const cause = match(LINK_PATTERNS, lost[2] as string);
    if (cause) return { code: 'link-lost', params: { command: lost[1] as string, cause } };
  }
  return match(ACK_PATTERNS, text);
}
