import { afterEach, describe, expect, it } from 'vitest';
import smpp from 'smpp';
import { SMPP_STATUS } from '../../../src-main/core/gateway/smpp-status.js';
import type { InboundPdu } from '../../../src-main/core/gateway/gateway-session.js';
import { startTestSmsc } from '../../support/test-smsc.js';
import type { TestSmsc } from '../../support/test-smsc.js';
import { startSession } from './session-harness.js';
import type { SessionHarness } from './session-harness.js';

let smsc: TestSmsc | null = null;
let h: SessionHarness | null = null;

afterEach(async () => {
  await h?.session.stop();
  await smsc?.close();
  h = null;
  smsc = null;
});

/** `$$pW8cQ7i77SNRH4aXuBBAIA==$$` in GSM 03.38 (docs/protocol.md): `$` is 0x02, which smpp's own decoder would turn into `$`. */
const ARRIVAL_0831 = Buffer.from(
  '02 02 70 57 38 63 51 37 69 37 37 53 4e 52 48 34 61 58 75 42 42 41 49 41 3d 3d 02 02'.replaceAll(' ', ''),
  'hex',
);

describe('deliver_sm', () => {
  it('hands over the raw octets and the addressing fields unchanged', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    const resp = await smsc.deliver({
      source: '989102211824',
      destination: '9102211824',
      shortMessage: ARRIVAL_0831,
      dataCoding: 0,
      registeredDelivery: 1,
    });
    expect(resp).toEqual({ commandStatus: 0, command: 'deliver_sm_resp' });
    expect(h.delivered).toHaveLength(1);
    const pdu = h.delivered[0]!;
    expect(pdu).toMatchObject({
      source: '989102211824',
      destination: '9102211824',
      sourceTon: 1,
      sourceNpi: 1,
      esmClass: 0,
      dataCoding: 0,
      registeredDelivery: 1,
      messagePayload: null,
      sar: null,
      receiptedMessageId: null,
      messageState: null,
    });
    expect(pdu.shortMessage.equals(ARRIVAL_0831)).toBe(true);
    expect(pdu.shortMessage[0]).toBe(0x02);
  });

  it('keeps the UDH in short_message, and passes message_payload, sar_* and receipt TLVs raw', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    const udh = Buffer.from([0x05, 0x00, 0x03, 0x2a, 0x02, 0x01]);
    const part = Buffer.concat([udh, Buffer.from([0x02, 0x02, 0x41, 0x00, 0xff])]);
    await smsc.deliver({ source: '989102211824', shortMessage: part, esmClass: 0x40, dataCoding: 0 });
    const payload = Buffer.from('00d800de0020', 'hex');
    await smsc.deliver({
      source: '989102211824',
      messagePayload: payload,
      dataCoding: 8,
      tlvs: { sar_msg_ref_num: 0x1234, sar_total_segments: 3, sar_segment_seqnum: 2 },
    });
    await smsc.deliver({
      source: '989102211824',
      esmClass: 0x04,
      tlvs: { receipted_message_id: '0000002a', message_state: 2 },
    });
    const [withUdh, withPayload, receipt] = h.delivered as [InboundPdu, InboundPdu, InboundPdu];
    expect(withUdh.esmClass).toBe(0x40);
    expect(withUdh.shortMessage.equals(part)).toBe(true);
    expect(withPayload.shortMessage.length).toBe(0);
    expect(withPayload.messagePayload?.equals(payload)).toBe(true);
    expect(withPayload.sar).toEqual({ refNum: 0x1234, totalSegments: 3, seqNum: 2 });
    expect(receipt).toMatchObject({ esmClass: 0x04, receiptedMessageId: '0000002a', messageState: 2 });
  });

  it('sends deliver_sm_resp only after onDeliver settles, with the status it resolved to', async () => {
    smsc = await startTestSmsc();
    const order: string[] = [];
    let release: (status: number) => void = () => {};
    h = startSession(smsc, {
      onDeliver: () => {
        order.push('onDeliver called');
        return new Promise<number>((resolve) => (release = resolve));
      },
    });
    await h.waitForState('bound');
    const answer = smsc.deliver({ source: '989102211824', shortMessage: Buffer.from('x') }).then((r) => {
      order.push('deliver_sm_resp received');
      return r;
    });
    await smsc.waitFor(() => order.length === 1, 2_000, 'onDeliver');
    // The session has read and answered a later PDU: an early deliver_sm_resp would be here by now.
    await smsc.enquireLink();
    expect(smsc.receivedOf('deliver_sm_resp')).toHaveLength(0);
    order.push('onDeliver settles');
    release(SMPP_STATUS.ESME_RMSGQFUL);
    expect(await answer).toEqual({ commandStatus: SMPP_STATUS.ESME_RMSGQFUL, command: 'deliver_sm_resp' });
    expect(order).toEqual(['onDeliver called', 'onDeliver settles', 'deliver_sm_resp received']);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('disk full'))],
    [
      'throws',
      () => {
        throw new Error('disk full');
      },
    ],
    ['resolves to a non-status', () => Promise.resolve(Number.NaN)],
  ])('answers ESME_RX_T_APPN when onDeliver %s, and logs it', async (_how, onDeliver) => {
    smsc = await startTestSmsc();
    h = startSession(smsc, { onDeliver });
    await h.waitForState('bound');
    const resp = await smsc.deliver({ source: '989102211824', shortMessage: Buffer.from('x') });
    expect(resp.commandStatus).toBe(SMPP_STATUS.ESME_RX_T_APPN);
    expect(h.logs.some((l) => l.level === 'error')).toBe(true);
    // The session is unharmed.
    expect(h.session.state.kind).toBe('bound');
  });

  it('treats data_sm like deliver_sm and answers data_sm_resp', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    const payload = Buffer.from([0x02, 0x02, 0x41, 0x02, 0x02]);
    smsc.sendRaw(
      new smpp.PDU('data_sm', {
        sequence_number: 0x10001,
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: '989102211824',
        destination_addr: '9102211824',
        data_coding: 0,
        message_payload: payload,
      }).toBuffer(),
    );
    await smsc.waitFor(() => smsc!.receivedOf('data_sm_resp').length === 1, 2_000, 'data_sm_resp');
    expect(smsc.receivedOf('data_sm_resp')[0]).toMatchObject({ sequenceNumber: 0x10001, commandStatus: 0 });
    expect(h.delivered[0]).toMatchObject({ source: '989102211824', shortMessage: Buffer.alloc(0) });
    expect(h.delivered[0]!.messagePayload?.equals(payload)).toBe(true);
  });

  it('does not answer a deliver_sm whose link closed while onDeliver was busy; the next link works', async () => {
    smsc = await startTestSmsc();
    let release: (status: number) => void = () => {};
    let calls = 0;
    h = startSession(smsc, {
      onDeliver: () => {
        calls += 1;
        return calls === 1 ? new Promise<number>((resolve) => (release = resolve)) : 0;
      },
    });
    await h.waitForState('bound');
    smsc.deliverNoWait({ source: '989102211824', shortMessage: Buffer.from('x') });
    await smsc.waitFor(() => calls === 1, 2_000, 'onDeliver');
    smsc.dropConnections();
    await smsc.waitFor(() => smsc!.binds === 2 && h!.session.state.kind === 'bound', 5_000, 'rebind');
    release(0);
    await smsc.waitFor(
      () => h!.logs.some((l) => /link closed before its deliver_sm_resp/.test(l.message)),
      2_000,
      'the log line',
    );
    expect(smsc.receivedOf('deliver_sm_resp')).toHaveLength(0);
    expect((await smsc.deliver({ source: '989102211824', shortMessage: Buffer.from('y') })).commandStatus).toBe(0);
  });
});
