/**
 * Concatenated (multipart) SMS: finding the part header, and putting the parts back together.
 *
 * A part is announced either by a User Data Header at the start of the short message
 * (`esm_class & 0x40`, UDHI; information element 0x00 with an 8-bit reference or 0x08 with a
 * 16-bit one, TS 23.040 §9.2.3.24.1/.8) or by the SMPP 3.4 sar_msg_ref_num /
 * sar_total_segments / sar_segment_seqnum TLVs. The UDH wins when both are present.
 */

import type { MultipartReason, PartHeader } from '../model.js';

export type SarInfo = { refNum: number; totalSegments: number; seqNum: number };

export type ConcatInfo =
  | { kind: 'single'; body: Uint8Array }
  | { kind: 'part'; ref: number; total: number; seq: number; body: Uint8Array }
  | { kind: 'invalid'; reason: MultipartReason };

const ESM_CLASS_UDHI = 0x40;
const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

export function readConcatInfo(input: { esmClass: number; shortMessage: Uint8Array; sar?: SarInfo }): ConcatInfo {
  if ((input.esmClass & ESM_CLASS_UDHI) !== 0) return readUdh(input.shortMessage);
  if (input.sar) {
    const { refNum, totalSegments, seqNum } = input.sar;
    const problem = partNumberProblem('sar', totalSegments, seqNum);
    if (problem) return { kind: 'invalid', reason: problem };
    return { kind: 'part', ref: refNum, total: totalSegments, seq: seqNum, body: input.shortMessage };
  }
  return { kind: 'single', body: input.shortMessage };
}

function readUdh(message: Uint8Array): ConcatInfo {
  const udhLength = message[0];
  if (udhLength === undefined) return { kind: 'invalid', reason: { code: 'udh-empty' } };
  if (udhLength === 0) return { kind: 'invalid', reason: { code: 'udh-length-zero' } };
  if (1 + udhLength > message.length) {
    return { kind: 'invalid', reason: { code: 'udh-too-long', params: { udhLength, messageLength: message.length } } };
  }
  const body = message.subarray(1 + udhLength);
  let concat: { ref: number; total: number; seq: number } | null = null;

  let offset = 1;
  const end = 1 + udhLength;
  while (offset < end) {
    const iei = message[offset] as number;
    const length = message[offset + 1];
    if (length === undefined || offset + 2 + length > end) {
      return { kind: 'invalid', reason: { code: 'udh-element-overrun', params: { iei } } };
    }
    const data = message.subarray(offset + 2, offset + 2 + length);
    if (iei === IEI_CONCAT_8BIT || iei === IEI_CONCAT_16BIT) {
      const expected = iei === IEI_CONCAT_8BIT ? 3 : 4;
      if (length !== expected) {
        return { kind: 'invalid', reason: { code: 'udh-concat-length', params: { iei, length, expected } } };
      }
      // When an element repeats, TS 23.040 says the last occurrence is used.
      concat =
        iei === IEI_CONCAT_8BIT
          ? { ref: data[0] as number, total: data[1] as number, seq: data[2] as number }
          : { ref: ((data[0] as number) << 8) | (data[1] as number), total: data[2] as number, seq: data[3] as number };
    }
    offset += 2 + length;
  }

  if (!concat) return { kind: 'single', body };
  const problem = partNumberProblem('udh', concat.total, concat.seq);
  if (problem) return { kind: 'invalid', reason: problem };
  return { kind: 'part', ...concat, body };
}

function partNumberProblem(header: PartHeader, total: number, seq: number): MultipartReason | null {
  if (!Number.isInteger(total) || total < 1) return { code: 'part-count-invalid', params: { header, total } };
  if (!Number.isInteger(seq) || seq < 1 || seq > total)
    return { code: 'part-number-invalid', params: { header, seq, total } };
  return null;
}
