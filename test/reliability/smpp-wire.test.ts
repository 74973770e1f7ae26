/**
 * The hand-written wire codec of the fault peers, checked against an independent implementation
 * (the `smpp` package) in both directions, and its stream reader against arbitrary chunking.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import smpp from 'smpp';
import {
  CMD,
  PduReader,
  WireFormatError,
  bindTransceiver,
  bindTransceiverResp,
  decodePdu,
  deliverSm,
  encodePdu,
  enquireLink,
  genericNack,
  messageOctets,
  parseBindBody,
  parseMessageIdBody,
  parseShortMessageBody,
  submitSm,
  submitSmResp,
  tlvs,
} from '../support/smpp-wire.js';

describe('smpp-wire', () => {
  it('deliver_sm built by hand is what smpp parses, TLVs included', () => {
    const shortMessage = Buffer.from([0x02, 0x02, 0x41, 0x42, 0x02, 0x02]);
    const octets = deliverSm(7, {
      source: '989102211824',
      destination: '9102211824',
      esmClass: 0x40,
      dataCoding: 3,
      shortMessage,
      tlvs: [...tlvs.sar(513, 3, 2), tlvs.receiptedMessageId('abc'), tlvs.messageState(2)],
    });
    const pdu = new smpp.PDU(octets);
    expect(pdu.command).toBe('deliver_sm');
    expect(pdu.sequence_number).toBe(7);
    expect(pdu.source_addr).toBe('989102211824');
    expect(pdu.destination_addr).toBe('9102211824');
    expect(pdu.esm_class).toBe(0x40);
    expect(pdu.data_coding).toBe(3);
    expect(pdu.sar_msg_ref_num).toBe(513);
    expect(pdu.sar_total_segments).toBe(3);
    expect(pdu.sar_segment_seqnum).toBe(2);
    expect(pdu.receipted_message_id).toBe('abc');
    expect(pdu.message_state).toBe(2);
  });

  it('submit_sm and bind built by smpp parse back field by field', () => {
    const submit = new smpp.PDU('submit_sm', {
      sequence_number: 42,
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '9102211824',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '989102211824',
      registered_delivery: 1,
      data_coding: 0,
      short_message: Buffer.from('\x02\x02abc=\x02\x02', 'latin1'),
    }).toBuffer();
    const pdu = decodePdu(submit);
    expect(pdu).toMatchObject({ commandId: CMD.submit_sm, status: 0, sequence: 42 });
    const fields = parseShortMessageBody(pdu.body);
    expect(fields).toMatchObject({
      source: '9102211824',
      destination: '989102211824',
      sourceTon: 1,
      destNpi: 1,
      registeredDelivery: 1,
      dataCoding: 0,
    });
    expect(messageOctets(fields).toString('latin1')).toBe('\x02\x02abc=\x02\x02');

    const bind = new smpp.PDU('bind_transceiver', {
      sequence_number: 1,
      system_id: 'office',
      password: 'secret1',
    }).toBuffer();
    expect(parseBindBody(decodePdu(bind).body)).toMatchObject({
      systemId: 'office',
      password: 'secret1',
      systemType: '',
    });
    expect(parseBindBody(decodePdu(bindTransceiver(1, { systemId: 'office', password: 'pw' })).body)).toMatchObject({
      systemId: 'office',
      password: 'pw',
      interfaceVersion: 0x34,
    });
  });

  it('responses carry what smpp expects', () => {
    const resp = new smpp.PDU(bindTransceiverResp(3, 0x05, 'gw'));
    expect(resp.command).toBe('bind_transceiver_resp');
    expect(resp.command_status).toBe(0x05);
    const sresp = decodePdu(submitSmResp(9, 0, 'msg-9'));
    expect(parseMessageIdBody(sresp.body)).toBe('msg-9');
    expect(new smpp.PDU(genericNack(4, 3)).command).toBe('generic_nack');
    expect(new smpp.PDU(enquireLink(5)).command).toBe('enquire_link');
    const roundTrip = submitSm(1, { source: 'a', destination: 'b', shortMessage: Buffer.from('x') });
    expect(parseShortMessageBody(decodePdu(roundTrip).body).shortMessage.toString()).toBe('x');
  });

  it('PduReader yields the same PDUs however the stream is chunked', () => {
    const pdus = [
      enquireLink(1),
      deliverSm(2, { source: '1', destination: '2', shortMessage: Buffer.from('hello') }),
      submitSmResp(3, 0, 'id'),
      genericNack(4, 3),
    ];
    const stream = Buffer.concat(pdus);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const reader = new PduReader();
        const got: number[] = [];
        let start = 0;
        for (const point of [...points, stream.length]) {
          for (const pdu of reader.push(stream.subarray(start, point))) got.push(pdu.sequence);
          start = point;
        }
        expect(got).toEqual([1, 2, 3, 4]);
        expect(reader.buffered).toBe(0);
      }),
      { seed: 4, numRuns: 200 },
    );
  });

  it('PduReader refuses an impossible command_length and stays refused', () => {
    const reader = new PduReader(1024);
    const lying = encodePdu({
      commandId: CMD.enquire_link,
      status: 0,
      sequence: 1,
      body: Buffer.alloc(0),
      commandLength: 8,
    });
    expect(() => reader.push(lying)).toThrow(WireFormatError);
    expect(() => reader.push(enquireLink(2))).toThrow(/command_length 8/);
    expect(() =>
      new PduReader(1024).push(
        encodePdu({ commandId: 5, status: 0, sequence: 1, body: Buffer.alloc(0), commandLength: 5000 }),
      ),
    ).toThrow(/5000/);
  });

  it('strict body parsing names the field that is cut short', () => {
    const body = decodePdu(
      deliverSm(1, { source: '123', destination: '456', shortMessage: Buffer.from('abcdef') }),
    ).body;
    expect(() => parseShortMessageBody(body.subarray(0, body.length - 2))).toThrow(
      /short_message needs 6 octets, 4 left/,
    );
    expect(() => parseShortMessageBody(Buffer.concat([body, Buffer.from([0, 1])]))).toThrow(/TLV header/);
  });
});
