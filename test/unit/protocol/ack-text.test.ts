import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ackShortMessage, buildAckText } from '../../../src-main/core/protocol/ack-text.js';
import { decryptEnvelopeBody } from '../../../src-main/core/protocol/cipher.js';
import { openEnvelope } from '../../../src-main/core/protocol/envelope.js';
import { decodeGsm0338 } from '../../../src-main/core/protocol/gsm0338.js';
import { ARRIVAL_0831_ACK, FIELD_KEY, VECTORS } from './protocol-vectors.js';

describe('ack text', () => {
  it('matches the docs/protocol.md ack for Arrival 08:31, 112 characters', () => {
    expect(buildAckText('Arrival 08:31', FIELD_KEY)).toBe(ARRIVAL_0831_ACK);
    expect(ARRIVAL_0831_ACK).toHaveLength(112);
  });

  it.each(VECTORS)('carries sha256_hex + " | AFTSTC" for $plaintext', ({ plaintext, sha256 }) => {
    expect(createHash('sha256').update(plaintext, 'utf8').digest('hex')).toBe(sha256);
    const envelope = openEnvelope(buildAckText(plaintext, FIELD_KEY));
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    expect(decryptEnvelopeBody(envelope.body, FIELD_KEY)).toEqual({ ok: true, plaintext: `${sha256} | AFTSTC` });
  });

  it('hashes the UTF-8 bytes of non-ASCII plaintext', () => {
    const plaintext = 'Arrival ۰۸:۳۱';
    const digest = createHash('sha256').update(Buffer.from(plaintext, 'utf8')).digest('hex');
    const envelope = openEnvelope(buildAckText(plaintext, FIELD_KEY));
    expect(envelope.ok && decryptEnvelopeBody(envelope.body, FIELD_KEY)).toEqual({
      ok: true,
      plaintext: `${digest} | AFTSTC`,
    });
  });

  it('is sent as GSM 03.38 octets with $ as 0x02', () => {
    const octets = ackShortMessage('Arrival 08:31', FIELD_KEY);
    expect(octets).toHaveLength(112);
    expect([...octets.subarray(0, 2)]).toEqual([0x02, 0x02]);
    expect([...octets.subarray(-2)]).toEqual([0x02, 0x02]);
    expect(octets.subarray(2, -2).toString('latin1')).toBe(ARRIVAL_0831_ACK.slice(2, -2));
    expect(decodeGsm0338(octets)).toEqual({ ok: true, text: ARRIVAL_0831_ACK });
  });
});
