import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src-main/core/gateway/pdu-decoder.js';
import { installRawMessageFields } from '../../../src-main/core/gateway/raw-message-fields.js';
import {
  CMD,
  bindTransceiverResp,
  deliverSm,
  encodePdu,
  genericNack,
  submitSmResp,
  TLV_TAG,
  tlvs,
} from '../../support/smpp-wire.js';

installRawMessageFields();

const FIELDS = { source: '989102211824', destination: '9102211824', shortMessage: Buffer.from([0x02, 0x02, 0x41]) };

describe('decodeFrame', () => {
  it('parses a well-formed deliver_sm with TLVs', () => {
    const result = decodeFrame(
      deliverSm(9, { ...FIELDS, tlvs: [...tlvs.sar(5, 2, 1), tlvs.receiptedMessageId('ab12')] }),
    );
    expect(result.kind).toBe('pdu');
    if (result.kind !== 'pdu') return;
    expect(result.pdu).toMatchObject({
      command: 'deliver_sm',
      sequence_number: 9,
      source_addr: '989102211824',
      sar_msg_ref_num: 5,
      sar_total_segments: 2,
      sar_segment_seqnum: 1,
      receipted_message_id: 'ab12',
    });
    expect(result.pdu.short_message).toEqual(FIELDS.shortMessage);
  });

  it('accepts responses with an empty body (error responses)', () => {
    for (const frame of [
      bindTransceiverResp(1, 0x0e).subarray(0, 16),
      genericNack(2, 3),
      submitSmResp(3, 0x58, '').subarray(0, 16),
    ]) {
      const f = Buffer.from(frame);
      f.writeUInt32BE(16, 0);
      expect(decodeFrame(f).kind).toBe('pdu');
    }
  });

  it('names an unknown command id', () => {
    expect(decodeFrame(encodePdu({ commandId: 0x1234, status: 0, sequence: 4, body: Buffer.alloc(0) }))).toEqual({
      kind: 'unknown-command',
      commandId: 0x1234,
      sequenceNumber: 4,
    });
  });

  const cases: [string, Buffer, RegExp][] = [
    [
      'a request body cut inside the mandatory parameters',
      cut(deliverSm(1, FIELDS), 30),
      /no NUL terminator|body ends/,
    ],
    [
      'a request with no body at all',
      encodePdu({ commandId: CMD.deliver_sm, status: 0, sequence: 1, body: Buffer.alloc(0) }),
      /service_type has no NUL/,
    ],
    [
      'sm_length overshooting',
      deliverSm(1, { ...FIELDS, smLength: 9 }),
      /short_message declares 9 octets but only 3 follow/,
    ],
    [
      'a TLV running past the end',
      withTail(deliverSm(1, FIELDS), Buffer.from([0x04, 0x24, 0x00, 0x09, 0x41])),
      /TLV 0x0424 declares 9 octets but only 1 follow/,
    ],
    [
      'an int8 TLV with 2 octets',
      deliverSm(1, { ...FIELDS, tlvs: [{ tag: TLV_TAG.message_state, value: Buffer.from([0, 2]) }] }),
      /message_state \(0x0427\) has length 2, expected 1/,
    ],
    ['3 stray octets', withTail(deliverSm(1, FIELDS), Buffer.from([1, 2, 3])), /3 stray octet/],
  ];
  it.each(cases)('rejects %s', (_what, frame, reason) => {
    const result = decodeFrame(frame);
    expect(result).toMatchObject({ kind: 'malformed', command: 'deliver_sm', sequenceNumber: 1 });
    expect(result.kind === 'malformed' ? result.reason : '').toMatch(reason);
  });

  it('accepts unknown TLVs of any length (SMPP 3.4: ignore what you do not know)', () => {
    expect(decodeFrame(deliverSm(1, { ...FIELDS, tlvs: [{ tag: 0x1401, value: Buffer.from('vendor') }] })).kind).toBe(
      'pdu',
    );
  });

  it('parses a deliver_sm longer than the smpp package allows by default (16 KiB), up to the framer bound', () => {
    const payload = Buffer.alloc(60_000, 0x41);
    const result = decodeFrame(
      deliverSm(4, { ...FIELDS, shortMessage: Buffer.alloc(0), tlvs: [tlvs.messagePayload(payload)] }),
    );
    expect(result.kind).toBe('pdu');
    if (result.kind === 'pdu') expect(result.pdu.message_payload).toEqual(payload);
  });
});

function cut(frame: Buffer, length: number): Buffer {
  const out = Buffer.from(frame.subarray(0, length));
  out.writeUInt32BE(length, 0);
  return out;
}

function withTail(frame: Buffer, tail: Buffer): Buffer {
  const out = Buffer.concat([frame, tail]);
  out.writeUInt32BE(out.length, 0);
  return out;
}
