import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import {
  installRawMessageFields,
  rawMessageFieldsInstalled,
} from '../../../src-main/core/gateway/raw-message-fields.js';

describe('installRawMessageFields', () => {
  it('keeps short_message and message_payload as the octets on the wire, for every command', () => {
    installRawMessageFields();
    installRawMessageFields(); // idempotent
    expect(rawMessageFieldsInstalled()).toBe(true);
    // 0x02 is `$` in GSM 03.38; 0x80 is no GSM character at all; smpp's decoder would map them to text.
    const octets = Buffer.from([0x02, 0x02, 0x41, 0x80, 0x00, 0x1b, 0x65]);
    const payload = Buffer.from([0xd8, 0x3d, 0xde, 0x00]);
    for (const command of ['deliver_sm', 'submit_sm']) {
      const wire = new smpp.PDU(command, {
        source_addr: '1',
        destination_addr: '2',
        data_coding: 0,
        esm_class: 0x40,
        short_message: octets,
      }).toBuffer();
      const parsed = new smpp.PDU(wire);
      expect(parsed.short_message, command).toEqual(octets);
    }
    const withPayload = new smpp.PDU(
      new smpp.PDU('data_sm', {
        source_addr: '1',
        destination_addr: '2',
        data_coding: 8,
        message_payload: payload,
      }).toBuffer(),
    );
    expect(withPayload.message_payload).toEqual(payload);
  });

  it('still encodes a Buffer unchanged, whatever data_coding says', () => {
    installRawMessageFields();
    const octets = Buffer.from([0x02, 0x02, 0xff, 0x00]);
    const wire = new smpp.PDU('submit_sm', {
      source_addr: '1',
      destination_addr: '2',
      data_coding: 8,
      short_message: octets,
    }).toBuffer();
    // sm_length then the octets are the last 5 bytes of this PDU (no TLVs).
    expect(wire.subarray(wire.length - 5)).toEqual(Buffer.from([4, 0x02, 0x02, 0xff, 0x00]));
    expect(new smpp.PDU(wire).data_coding).toBe(8); // as given, not re-guessed
  });
});
