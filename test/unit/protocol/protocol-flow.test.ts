import { describe, expect, it } from 'vitest';
import { ackShortMessage } from '../../../src-main/core/protocol/ack-text.js';
import { decryptEnvelopeBody } from '../../../src-main/core/protocol/cipher.js';
import { readConcatInfo } from '../../../src-main/core/protocol/concatenation.js';
import { decodeMessageText } from '../../../src-main/core/protocol/data-coding.js';
import { openEnvelope } from '../../../src-main/core/protocol/envelope.js';
import { parseAttendanceText } from '../../../src-main/core/protocol/attendance-text.js';
import { ARRIVAL_0831_ACK, ARRIVAL_0831_GSM_HEX, FIELD_KEY, VECTORS, hexBytes } from './protocol-vectors.js';

const RECEIVED = Date.UTC(2026, 10, 25, 6, 0);

/** The whole inbound path for one message body, as the pipeline chains it. */
function readMessage(body: Uint8Array, dataCoding: number): string {
  const decoded = decodeMessageText(body, dataCoding);
  if (!decoded.ok) return `decode: ${decoded.reason.code}`;
  const envelope = openEnvelope(decoded.text);
  if (!envelope.ok) return `envelope: ${envelope.reason.code}`;
  const opened = decryptEnvelopeBody(envelope.body, FIELD_KEY);
  if (!opened.ok) return `decrypt: ${opened.reason.code}`;
  const parsed = parseAttendanceText(opened.plaintext, RECEIVED);
  return parsed.ok ? `${parsed.status}|${parsed.reportedTime}` : `parse: ${parsed.reason.code}`;
}

describe('inbound path', () => {
  const envelope = `$$${VECTORS[0].ciphertext}$$`;

  it('reads Arrival 08:31 from GSM 03.38, Latin-1 and UCS-2 envelopes', () => {
    expect(readMessage(hexBytes(ARRIVAL_0831_GSM_HEX), 0)).toBe('arrival| 08:31');
    expect(readMessage(Buffer.from(`${envelope}\r\n`, 'latin1'), 3)).toBe('arrival| 08:31');
    expect(readMessage(Buffer.from(envelope, 'utf16le').swap16(), 8)).toBe('arrival| 08:31');
  });

  it('does not find the envelope when GSM octets are read as Latin-1 (0x02 is not $)', () => {
    expect(readMessage(hexBytes(ARRIVAL_0831_GSM_HEX), 3)).toBe('envelope: no-envelope');
  });

  it('reads a long message split over 16-bit-reference UDH parts that arrive out of order', () => {
    const whole = Buffer.from(`$$${VECTORS[2].ciphertext}$$`, 'latin1');
    const cut = [0, 10, 30, whole.length];
    const pdus = [2, 0, 1].map((i) =>
      Buffer.concat([Buffer.from([0x06, 0x08, 0x04, 0x01, 0x02, 3, i + 1]), whole.subarray(cut[i], cut[i + 1])]),
    );
    // Reassembly itself is the store's (parts are persisted before they are answered: store/message-parts.ts).
    const parts = pdus.map((pdu) => {
      const info = readConcatInfo({ esmClass: 0x40, shortMessage: pdu });
      if (info.kind !== 'part') throw new Error(`expected a part, got ${info.kind}`);
      return info;
    });
    expect(parts.map((p) => [p.ref, p.total, p.seq])).toEqual([
      [0x0102, 3, 3],
      [0x0102, 3, 1],
      [0x0102, 3, 2],
    ]);
    const body = Buffer.concat([...parts].sort((a, b) => a.seq - b.seq).map((p) => p.body));
    expect(readMessage(body, 3)).toBe('arrival| 2026-11-25 08:31:07');
  });

  it('answers with the docs/protocol.md ack octets', () => {
    expect(ackShortMessage(VECTORS[0].plaintext, FIELD_KEY).toString('latin1')).toBe(
      ARRIVAL_0831_ACK.replaceAll('$', '\x02'),
    );
  });
});
