import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartReassembler, readConcatInfo } from '../../../src-main/core/protocol/concatenation.js';

const bytes = (...octets: number[]): Uint8Array => Uint8Array.from(octets);
const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const text = (body: Uint8Array): string => Buffer.from(body).toString('latin1');

describe('readConcatInfo', () => {
  it('reads a UDH with an 8-bit reference (IEI 0x00)', () => {
    const info = readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x05, 0x00, 0x03, 0xab, 0x02, 0x01, 0x41, 0x42) });
    expect(info).toEqual({ kind: 'part', ref: 0xab, total: 2, seq: 1, body: bytes(0x41, 0x42) });
  });

  it('reads a UDH with a 16-bit reference (IEI 0x08)', () => {
    const info = readConcatInfo({ esmClass: 0x43, shortMessage: bytes(0x06, 0x08, 0x04, 0x12, 0x34, 0x03, 0x03, 0x43) });
    expect(info).toEqual({ kind: 'part', ref: 0x1234, total: 3, seq: 3, body: bytes(0x43) });
  });

  it('skips other information elements', () => {
    // Application port addressing (0x05, 4 octets) before the concatenation element.
    const message = bytes(0x0b, 0x05, 0x04, 0x0b, 0x84, 0x23, 0xf0, 0x00, 0x03, 0x07, 0x02, 0x02, 0x5a);
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: message })).toEqual({ kind: 'part', ref: 7, total: 2, seq: 2, body: bytes(0x5a) });
    // A UDH without a concatenation element is a single message.
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x03, 0x24, 0x01, 0x01, 0x5a) })).toEqual({ kind: 'single', body: bytes(0x5a) });
  });

  it('reports a malformed UDH', () => {
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes() })).toEqual({ kind: 'invalid', reason: 'udh indicated but message is empty' });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x00, 0x41) })).toEqual({ kind: 'invalid', reason: 'udh length 0' });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x09, 0x00, 0x03) })).toEqual({
      kind: 'invalid',
      reason: 'udh length 9 exceeds message length 3',
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x04, 0x00, 0x05, 0x01, 0x02, 0x41) })).toEqual({
      kind: 'invalid',
      reason: 'udh element 0x00 overruns the header',
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x03, 0x00, 0x01, 0x01, 0x41) })).toEqual({
      kind: 'invalid',
      reason: 'udh concatenation element 0x00 has length 1, expected 3',
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x05, 0x00, 0x03, 0x01, 0x02, 0x03) })).toEqual({
      kind: 'invalid',
      reason: 'udh: part 3 out of 1..2',
    });
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: bytes(0x05, 0x00, 0x03, 0x01, 0x00, 0x00) })).toEqual({
      kind: 'invalid',
      reason: 'udh: total 0 parts',
    });
  });

  it('reads the sar TLVs when there is no UDH', () => {
    const body = ascii('$$abc');
    expect(readConcatInfo({ esmClass: 0, shortMessage: body, sar: { refNum: 513, totalSegments: 2, seqNum: 1 } })).toEqual({
      kind: 'part',
      ref: 513,
      total: 2,
      seq: 1,
      body,
    });
    expect(readConcatInfo({ esmClass: 0, shortMessage: body, sar: { refNum: 1, totalSegments: 2, seqNum: 0 } })).toEqual({
      kind: 'invalid',
      reason: 'sar: part 0 out of 1..2',
    });
  });

  it('prefers the UDH over sar TLVs, and treats everything else as single', () => {
    const message = bytes(0x05, 0x00, 0x03, 0x09, 0x02, 0x02, 0x41);
    expect(readConcatInfo({ esmClass: 0x40, shortMessage: message, sar: { refNum: 1, totalSegments: 5, seqNum: 5 } })).toMatchObject({
      ref: 9,
      total: 2,
      seq: 2,
    });
    expect(readConcatInfo({ esmClass: 0x00, shortMessage: message })).toEqual({ kind: 'single', body: message });
  });
});

describe('PartReassembler', () => {
  const options = { ttlMs: 60_000, maxSets: 3, maxParts: 16 };

  it('joins parts that arrive out of order', () => {
    const r = new PartReassembler(options);
    expect(r.add('989102211824/7', { total: 3, seq: 3, body: ascii('$$'), dataCoding: 0 }, 1_000)).toEqual({ kind: 'incomplete' });
    expect(r.add('989102211824/7', { total: 3, seq: 1, body: ascii('$$pW8cQ7i77'), dataCoding: 0 }, 1_100)).toEqual({ kind: 'incomplete' });
    expect(r.size).toBe(1);
    const done = r.add('989102211824/7', { total: 3, seq: 2, body: ascii('SNRH4aXuBBAIA=='), dataCoding: 0 }, 1_200);
    expect(done).toMatchObject({ kind: 'complete', dataCoding: 0, parts: 3 });
    expect(done.kind === 'complete' && text(done.body)).toBe('$$pW8cQ7i77SNRH4aXuBBAIA==$$');
    expect(r.size).toBe(0);
  });

  it('joins any permutation of parts into the original (property)', () => {
    const scenario = fc
      .array(fc.uint8Array({ minLength: 0, maxLength: 20 }), { minLength: 1, maxLength: 16 })
      .chain((parts) => fc.tuple(fc.constant(parts), fc.shuffledSubarray(parts.map((_, i) => i), { minLength: parts.length })));
    fc.assert(
      fc.property(scenario, ([parts, order]) => {
        const r = new PartReassembler(options);
        let last: ReturnType<PartReassembler['add']> = { kind: 'incomplete' };
        for (const i of order) last = r.add('k', { total: parts.length, seq: i + 1, body: parts[i] as Uint8Array, dataCoding: 8 }, 0);
        expect(last).toMatchObject({ kind: 'complete', dataCoding: 8, parts: parts.length });
        expect(last.kind === 'complete' && [...last.body]).toEqual(parts.flatMap((p) => [...p]));
        expect(r.size).toBe(0);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('completes a one-part set at once without holding it', () => {
    const r = new PartReassembler(options);
    expect(r.add('k', { total: 1, seq: 1, body: ascii('x'), dataCoding: 3 }, 0)).toEqual({ kind: 'complete', body: ascii('x'), dataCoding: 3, parts: 1 });
    expect(r.size).toBe(0);
  });

  it('copies part bodies, so a reused receive buffer cannot corrupt them', () => {
    const r = new PartReassembler(options);
    const buffer = ascii('AB');
    r.add('k', { total: 2, seq: 1, body: buffer, dataCoding: 0 }, 0);
    buffer.fill(0x5a);
    const done = r.add('k', { total: 2, seq: 2, body: ascii('CD'), dataCoding: 0 }, 0);
    expect(done.kind === 'complete' && text(done.body)).toBe('ABCD');
  });

  it('accepts an identical duplicate and refuses a different one', () => {
    const r = new PartReassembler(options);
    r.add('k', { total: 2, seq: 1, body: ascii('AB'), dataCoding: 0 }, 0);
    expect(r.add('k', { total: 2, seq: 1, body: ascii('AB'), dataCoding: 0 }, 10)).toEqual({ kind: 'incomplete' });
    expect(r.add('k', { total: 2, seq: 1, body: ascii('AX'), dataCoding: 0 }, 20)).toEqual({ kind: 'invalid', reason: 'duplicate part 1 differs' });
    const done = r.add('k', { total: 2, seq: 2, body: ascii('CD'), dataCoding: 0 }, 30);
    expect(done.kind === 'complete' && text(done.body)).toBe('ABCD');
  });

  it('refuses impossible part numbers, oversized sets and conflicts', () => {
    const r = new PartReassembler(options);
    const part = (total: number, seq: number, dataCoding = 0) => ({ total, seq, body: ascii('x'), dataCoding });
    expect(r.add('a', part(0, 1), 0)).toEqual({ kind: 'invalid', reason: 'total 0 parts' });
    expect(r.add('a', part(3, 0), 0)).toEqual({ kind: 'invalid', reason: 'part 0 out of 1..3' });
    expect(r.add('a', part(3, 4), 0)).toEqual({ kind: 'invalid', reason: 'part 4 out of 1..3' });
    expect(r.add('a', part(17, 1), 0)).toEqual({ kind: 'invalid', reason: 'total 17 parts exceeds the limit of 16' });
    expect(r.size).toBe(0);
    expect(r.add('a', part(3, 1), 0)).toEqual({ kind: 'incomplete' });
    expect(r.add('a', part(4, 2), 0)).toEqual({ kind: 'invalid', reason: 'conflicting total 4 (first part said 3)' });
    expect(r.add('a', part(3, 2, 8), 0)).toEqual({ kind: 'invalid', reason: 'conflicting data_coding 0x08 (first part had 0x00)' });
    expect(r.size).toBe(1);
  });

  it('expires sets older than the ttl and reports them', () => {
    const r = new PartReassembler(options);
    r.add('old', { total: 2, seq: 1, body: ascii('a'), dataCoding: 0 }, 0);
    r.add('new', { total: 3, seq: 2, body: ascii('b'), dataCoding: 0 }, 30_000);
    r.add('new', { total: 3, seq: 3, body: ascii('c'), dataCoding: 0 }, 30_001);
    expect(r.expire(60_000)).toEqual([]);
    expect(r.expire(60_001)).toEqual([{ key: 'old', received: 1, total: 2 }]);
    expect(r.size).toBe(1);
    expect(r.expire(90_001)).toEqual([{ key: 'new', received: 2, total: 3 }]);
    expect(r.size).toBe(0);
    // A late part of an expired set starts a new set rather than completing the old one.
    expect(r.add('old', { total: 2, seq: 2, body: ascii('z'), dataCoding: 0 }, 90_002)).toEqual({ kind: 'incomplete' });
  });

  it('evicts the oldest set beyond maxSets and reports it on the next expire', () => {
    const r = new PartReassembler(options);
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      r.add(key, { total: 2, seq: 1, body: ascii(key), dataCoding: 0 }, i);
    }
    expect(r.size).toBe(3);
    expect(r.expire(10)).toEqual([
      { key: 'a', received: 1, total: 2 },
      { key: 'b', received: 1, total: 2 },
    ]);
    expect(r.expire(11)).toEqual([]);
    const done = r.add('e', { total: 2, seq: 2, body: ascii('!'), dataCoding: 0 }, 12);
    expect(done.kind === 'complete' && text(done.body)).toBe('e!');
  });

  it('holds at most maxSets × maxParts parts under a flood', () => {
    const r = new PartReassembler({ ttlMs: 60_000, maxSets: 50, maxParts: 16 });
    let reported = 0;
    for (let i = 0; i < 5_000; i++) {
      r.add(`src/${i}`, { total: 16, seq: 1 + (i % 15), body: new Uint8Array(140), dataCoding: 0 }, i);
      if (i % 100 === 0) reported += r.expire(i).length;
      expect(r.size).toBeLessThanOrEqual(50);
    }
    reported += r.expire(5_000).length;
    expect(reported + r.size).toBe(5_000);
  });

  it('refuses nonsensical options', () => {
    expect(() => new PartReassembler({ ttlMs: 0, maxSets: 1, maxParts: 1 })).toThrow(/ttlMs must be a positive number/);
    expect(() => new PartReassembler({ ttlMs: 1, maxSets: Number.NaN, maxParts: 1 })).toThrow(/maxSets/);
  });
});
