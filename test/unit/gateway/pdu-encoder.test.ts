import { describe, expect, it } from 'vitest';
import smpp from 'smpp';
import { encodeMessageResp, encodeSubmitSm, type SubmitSmFields } from '../../../src-main/core/gateway/pdu-encoder.js';
import { decodeFrame } from '../../../src-main/core/gateway/pdu-decoder.js';

/** What smpp itself writes for the same fields (the encoder replaced `new smpp.PDU('submit_sm', ...)`). */
function smppOctets(sequence: number, f: SubmitSmFields): Buffer {
  return new smpp.PDU('submit_sm', {
    sequence_number: sequence,
    source_addr_ton: f.sourceTon,
    source_addr_npi: f.sourceNpi,
    source_addr: f.source,
    dest_addr_ton: f.destTon,
    dest_addr_npi: f.destNpi,
    destination_addr: f.destination,
    registered_delivery: f.registeredDelivery,
    data_coding: f.dataCoding,
    short_message: f.shortMessage,
    ...(f.messagePayload ? { message_payload: f.messagePayload } : {}),
  }).toBuffer();
}

const ack = Buffer.from('\u0002\u0002QkFTRTY0K2FjaysvPT0=\u0002\u0002', 'latin1');
const base: SubmitSmFields = {
  sourceTon: 1,
  sourceNpi: 1,
  source: '9102211824',
  destTon: 1,
  destNpi: 1,
  destination: '989121234567',
  registeredDelivery: 1,
  dataCoding: 0,
  shortMessage: ack,
};

describe('encodeSubmitSm', () => {
  const cases: [string, number, SubmitSmFields][] = [
    ['an ack as the sender sends it', 1, base],
    [
      'other TON/NPI, no receipt, UCS2, a high sequence number',
      0x7fffffff,
      {
        ...base,
        sourceTon: 5,
        sourceNpi: 0,
        source: 'AFTSTC',
        destTon: 2,
        destNpi: 9,
        registeredDelivery: 0,
        dataCoding: 8,
        shortMessage: Buffer.from('سلام', 'utf16le').swap16(),
      },
    ],
    ['an empty text and empty addresses', 42, { ...base, source: '', destination: '', shortMessage: Buffer.alloc(0) }],
    ['254 octets of every value', 7, { ...base, shortMessage: Buffer.from(Array.from({ length: 254 }, (_, i) => i)) }],
    [
      'a long text in message_payload',
      9,
      { ...base, shortMessage: Buffer.alloc(0), messagePayload: Buffer.alloc(600, 0x41) },
    ],
  ];
  for (const [name, sequence, fields] of cases) {
    it(`writes the octets smpp writes: ${name}`, () => {
      const octets = encodeSubmitSm(sequence, fields);
      expect(octets.toString('hex')).toBe(smppOctets(sequence, fields).toString('hex'));
      const read = decodeFrame(octets); // and our own strict reader takes them as they are
      expect(read.kind).toBe('pdu');
      expect(read.kind === 'pdu' && read.pdu.destination_addr).toBe(fields.destination);
    });
  }
});

describe('encodeMessageResp', () => {
  for (const command of ['deliver_sm', 'data_sm'] as const) {
    for (const status of [0, 0x64, 0x08]) {
      it(`writes the octets smpp writes: ${command}_resp with status ${status}`, () => {
        const request = new smpp.PDU(command, { sequence_number: 0x12345678, source_addr: '1', destination_addr: '2' });
        const expected = request.response({ command_status: status }).toBuffer();
        expect(encodeMessageResp(request.command_id, 0x12345678, status).toString('hex')).toBe(
          expected.toString('hex'),
        );
      });
    }
  }
});
