import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PduFramer } from '../../../src-main/core/gateway/pdu-framer.js';
import type { FrameEvent } from '../../../src-main/core/gateway/pdu-framer.js';
import { encodePdu, enquireLink } from '../../support/smpp-wire.js';

function drain(framer: PduFramer): FrameEvent[] {
  const out: FrameEvent[] = [];
  for (let e = framer.next(); e; e = framer.next()) out.push(e);
  return out;
}

const pdu = (sequence: number, bodyLength: number): Buffer =>
  encodePdu({ commandId: 0x00000005, status: 0, sequence, body: Buffer.alloc(bodyLength, sequence & 0xff) });

describe('PduFramer', () => {
  it('cuts several PDUs out of one chunk, each in its own Buffer', () => {
    const framer = new PduFramer();
    const a = pdu(1, 10);
    const b = enquireLink(2);
    framer.push(Buffer.concat([a, b]));
    const events = drain(framer);
    expect(events).toEqual([
      { kind: 'frame', frame: a },
      { kind: 'frame', frame: b },
    ]);
    expect(framer.buffered).toBe(0);
  });

  it('yields the same frames however the stream is split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 50 }),
        (bodyLengths, cuts) => {
          const pdus = bodyLengths.map((n, i) => pdu(i + 1, n));
          const stream = Buffer.concat(pdus);
          const framer = new PduFramer();
          const frames: Buffer[] = [];
          let offset = 0;
          for (let i = 0; offset < stream.length; i++) {
            const size = cuts[i % cuts.length]!;
            framer.push(stream.subarray(offset, offset + size));
            offset += size;
            for (const e of drain(framer)) if (e.kind === 'frame') frames.push(e.frame);
          }
          expect(frames).toEqual(pdus);
        },
      ),
    );
  });

  it('waits for the rest of a PDU', () => {
    const framer = new PduFramer();
    const a = pdu(1, 30);
    framer.push(a.subarray(0, 3));
    expect(framer.next()).toBeNull();
    framer.push(a.subarray(3, 20));
    expect(framer.next()).toBeNull();
    framer.push(a.subarray(20));
    expect(framer.next()).toEqual({ kind: 'frame', frame: a });
  });

  it.each([
    ['0 (below the header)', 0],
    ['15 (below the header)', 15],
    ['above maxLength', 1025],
  ])('reports a command_length of %s once, with the header, and then yields nothing', (_what, commandLength) => {
    const framer = new PduFramer(1024);
    framer.push(
      Buffer.concat([
        encodePdu({ commandId: 0x15, status: 0, sequence: 77, body: Buffer.alloc(0), commandLength }),
        enquireLink(78),
      ]),
    );
    expect(drain(framer)).toEqual([{ kind: 'unframeable', commandLength, commandId: 0x15, sequenceNumber: 77 }]);
    expect(framer.desynchronised).toBe(true);
    framer.push(enquireLink(79));
    expect(framer.next()).toBeNull();
  });

  it('reports a bad length without a header when fewer than 16 octets arrived', () => {
    const framer = new PduFramer();
    framer.push(Buffer.from([0, 0, 0, 4, 0, 0]));
    expect(framer.next()).toEqual({ kind: 'unframeable', commandLength: 4, commandId: null, sequenceNumber: null });
  });

  it('accepts exactly maxLength', () => {
    const framer = new PduFramer(100);
    const a = pdu(1, 84);
    framer.push(a);
    expect(framer.next()).toEqual({ kind: 'frame', frame: a });
  });
});
