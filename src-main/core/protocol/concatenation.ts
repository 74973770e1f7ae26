/**
 * Concatenated (multipart) SMS: finding the part header, and putting the parts back together.
 *
 * A part is announced either by a User Data Header at the start of the short message
 * (`esm_class & 0x40`, UDHI; information element 0x00 with an 8-bit reference or 0x08 with a
 * 16-bit one, TS 23.040 §9.2.3.24.1/.8) or by the SMPP 3.4 sar_msg_ref_num /
 * sar_total_segments / sar_segment_seqnum TLVs. The UDH wins when both are present.
 */

export type SarInfo = { refNum: number; totalSegments: number; seqNum: number };

export type ConcatInfo =
  | { kind: 'single'; body: Uint8Array }
  | { kind: 'part'; ref: number; total: number; seq: number; body: Uint8Array }
  | { kind: 'invalid'; reason: string };

const ESM_CLASS_UDHI = 0x40;
const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

export function readConcatInfo(input: { esmClass: number; shortMessage: Uint8Array; sar?: SarInfo }): ConcatInfo {
  if ((input.esmClass & ESM_CLASS_UDHI) !== 0) return readUdh(input.shortMessage);
  if (input.sar) {
    const { refNum, totalSegments, seqNum } = input.sar;
    const problem = partNumberProblem(totalSegments, seqNum);
    if (problem) return { kind: 'invalid', reason: `sar: ${problem}` };
    return { kind: 'part', ref: refNum, total: totalSegments, seq: seqNum, body: input.shortMessage };
  }
  return { kind: 'single', body: input.shortMessage };
}

function readUdh(message: Uint8Array): ConcatInfo {
  const udhLength = message[0];
  if (udhLength === undefined) return { kind: 'invalid', reason: 'udh indicated but message is empty' };
  if (udhLength === 0) return { kind: 'invalid', reason: 'udh length 0' };
  if (1 + udhLength > message.length) {
    return { kind: 'invalid', reason: `udh length ${udhLength} exceeds message length ${message.length}` };
  }
  const body = message.subarray(1 + udhLength);
  let concat: { ref: number; total: number; seq: number } | null = null;

  let offset = 1;
  const end = 1 + udhLength;
  while (offset < end) {
    const iei = message[offset] as number;
    const length = message[offset + 1];
    if (length === undefined || offset + 2 + length > end) {
      return { kind: 'invalid', reason: `udh element 0x${hex2(iei)} overruns the header` };
    }
    const data = message.subarray(offset + 2, offset + 2 + length);
    if (iei === IEI_CONCAT_8BIT || iei === IEI_CONCAT_16BIT) {
      const expected = iei === IEI_CONCAT_8BIT ? 3 : 4;
      if (length !== expected) {
        return { kind: 'invalid', reason: `udh concatenation element 0x${hex2(iei)} has length ${length}, expected ${expected}` };
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
  const problem = partNumberProblem(concat.total, concat.seq);
  if (problem) return { kind: 'invalid', reason: `udh: ${problem}` };
  return { kind: 'part', ...concat, body };
}

function partNumberProblem(total: number, seq: number): string | null {
  if (!Number.isInteger(total) || total < 1) return `total ${total} parts`;
  if (!Number.isInteger(seq) || seq < 1 || seq > total) return `part ${seq} out of 1..${total}`;
  return null;
}

function hex2(octet: number): string {
  return octet.toString(16).padStart(2, '0');
}

export type ReassemblerOptions = {
  /** A set still incomplete this long after its first part is given up (reported by `expire`). */
  ttlMs: number;
  /** Most sets held at once; adding one more evicts the oldest (reported by the next `expire`). */
  maxSets: number;
  /** Most parts one message may have (e.g. 16); larger totals are refused. */
  maxParts: number;
};

export type PartInput = { total: number; seq: number; body: Uint8Array; dataCoding: number };

export type AddResult =
  | { kind: 'incomplete' }
  | { kind: 'complete'; body: Uint8Array; dataCoding: number; parts: number }
  | { kind: 'invalid'; reason: string };

export type ExpiredSet = { key: string; received: number; total: number };

type PartSet = { firstAt: number; total: number; dataCoding: number; parts: (Uint8Array | undefined)[]; received: number };

/**
 * Holds parts until their message is complete. Parts may come in any order; an identical
 * duplicate (a gateway retry) is accepted and ignored. Memory is bounded by
 * maxSets × maxParts part bodies. Time is passed in, so the class does no I/O and no timers.
 */
export class PartReassembler {
  private readonly sets = new Map<string, PartSet>();
  private readonly evicted: ExpiredSet[] = [];

  constructor(private readonly opts: ReassemblerOptions) {
    for (const name of ['ttlMs', 'maxSets', 'maxParts'] as const) {
      if (!Number.isFinite(opts[name]) || opts[name] <= 0) {
        throw new RangeError(`PartReassembler ${name} must be a positive number, got ${opts[name]}`);
      }
    }
  }

  /** Number of incomplete messages held. */
  get size(): number {
    return this.sets.size;
  }

  /** `key` identifies one message, e.g. source address + reference number (+ total). */
  add(key: string, part: PartInput, now: number): AddResult {
    const { total, seq, body, dataCoding } = part;
    const problem = partNumberProblem(total, seq);
    if (problem) return { kind: 'invalid', reason: problem };
    if (total > this.opts.maxParts) return { kind: 'invalid', reason: `total ${total} parts exceeds the limit of ${this.opts.maxParts}` };

    let set = this.sets.get(key);
    if (set) {
      if (set.total !== total) return { kind: 'invalid', reason: `conflicting total ${total} (first part said ${set.total})` };
      if (set.dataCoding !== dataCoding) {
        return { kind: 'invalid', reason: `conflicting data_coding 0x${hex2(dataCoding)} (first part had 0x${hex2(set.dataCoding)})` };
      }
      const held = set.parts[seq - 1];
      if (held) {
        return sameBytes(held, body) ? { kind: 'incomplete' } : { kind: 'invalid', reason: `duplicate part ${seq} differs` };
      }
    } else {
      if (total === 1) return { kind: 'complete', body: Uint8Array.from(body), dataCoding, parts: 1 };
      this.evictOldestIfFull();
      set = { firstAt: now, total, dataCoding, parts: new Array<Uint8Array | undefined>(total).fill(undefined), received: 0 };
      this.sets.set(key, set);
    }

    // Copy: the caller's buffer may be a view into a socket buffer that gets reused.
    set.parts[seq - 1] = Uint8Array.from(body);
    set.received++;
    if (set.received < total) return { kind: 'incomplete' };

    this.sets.delete(key);
    const whole = Buffer.concat(set.parts as Uint8Array[]);
    return { kind: 'complete', body: new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength), dataCoding, parts: total };
  }

  /**
   * Drops and returns the sets whose first part is older than `ttlMs`, plus any set evicted
   * since the last call because `maxSets` was reached (oldest first).
   */
  expire(now: number): ExpiredSet[] {
    const dropped = this.evicted.splice(0);
    for (const [key, set] of this.sets) {
      if (now - set.firstAt > this.opts.ttlMs) {
        this.sets.delete(key);
        dropped.push({ key, received: set.received, total: set.total });
      }
    }
    return dropped;
  }

  private evictOldestIfFull(): void {
    while (this.sets.size >= this.opts.maxSets) {
      // Map iterates in insertion order, so the first entry is the oldest set.
      const oldest = this.sets.entries().next();
      if (oldest.done) return;
      const [key, set] = oldest.value;
      this.sets.delete(key);
      this.evicted.push({ key, received: set.received, total: set.total });
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((octet, i) => octet === b[i]);
}
