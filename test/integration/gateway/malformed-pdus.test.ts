import { afterEach, describe, expect, it } from 'vitest';
import { SMPP_STATUS } from '../../../src-main/core/gateway/smpp-status.js';
import { CMD, deliverSm, encodePdu, encodeTlv, submitSm, TLV_TAG } from '../../support/smpp-wire.js';
import { startTestSmsc } from '../../support/test-smsc.js';
import type { TestSmsc } from '../../support/test-smsc.js';
import { kinds, startSession } from './session-harness.js';
import type { SessionHarness } from './session-harness.js';

let smsc: TestSmsc | null = null;
let h: SessionHarness | null = null;

afterEach(async () => {
  await h?.session.stop();
  await smsc?.close();
  h = null;
  smsc = null;
});

const FIELDS = {
  source: '989102211824',
  destination: '9102211824',
  shortMessage: Buffer.from([0x02, 0x02, 0x41, 0x02, 0x02]),
};

/** Rewrites command_length to the buffer's real length (for bodies cut or extended on purpose). */
function withTrueLength(pdu: Buffer): Buffer {
  const out = Buffer.from(pdu);
  out.writeUInt32BE(out.length, 0);
  return out;
}

async function bound(): Promise<{ smsc: TestSmsc; h: SessionHarness }> {
  smsc = await startTestSmsc();
  h = startSession(smsc);
  await h.waitForState('bound');
  return { smsc, h };
}

/** Sends `bad` and a valid deliver_sm in ONE write, and checks: nack for `bad`, the valid one handled normally, link still bound. */
async function expectNackThenRecovery(bad: Buffer, sequence: number, status: number): Promise<void> {
  const { smsc, h } = await bound();
  const good = deliverSm(0x20002, { ...FIELDS, source: '989120000002' });
  smsc.sendRaw(Buffer.concat([bad, good]));
  await smsc.waitFor(
    () => smsc.receivedOf('deliver_sm_resp').length === 1,
    2_000,
    'the answer to the valid deliver_sm',
  );
  expect(smsc.receivedOf('generic_nack')).toEqual([
    expect.objectContaining({ sequenceNumber: sequence, commandStatus: status }),
  ]);
  expect(smsc.receivedOf('deliver_sm_resp')[0]).toMatchObject({ sequenceNumber: 0x20002, commandStatus: 0 });
  expect(h.delivered.map((p) => p.source)).toEqual(['989120000002']);
  expect(h.session.state.kind).toBe('bound');
  expect(smsc.connections).toBe(1);
  // And the SMSC's own next deliver_sm still works through smpp's session on both sides.
  expect((await smsc.deliver({ source: '989120000003' })).commandStatus).toBe(0);
}

describe('malformed PDUs from the gateway: generic_nack, and the session keeps reading', () => {
  it('unknown command_id → ESME_RINVCMDID', async () => {
    await expectNackThenRecovery(
      encodePdu({ commandId: 0x00000099, status: 0, sequence: 0x20001, body: Buffer.from('garbage') }),
      0x20001,
      SMPP_STATUS.ESME_RINVCMDID,
    );
  });

  it('deliver_sm body cut short after destination_addr → ESME_RINVCMDLEN', async () => {
    const full = deliverSm(0x20001, FIELDS);
    const cut = withTrueLength(full.subarray(0, 16 + 1 + 2 + 13 + 2 + 11));
    await expectNackThenRecovery(cut, 0x20001, SMPP_STATUS.ESME_RINVCMDLEN);
  });

  it('deliver_sm with sm_length larger than the octets that follow → ESME_RINVCMDLEN', async () => {
    await expectNackThenRecovery(
      deliverSm(0x20001, { ...FIELDS, smLength: 200 }),
      0x20001,
      SMPP_STATUS.ESME_RINVCMDLEN,
    );
  });

  it('a TLV whose length runs past the end of the PDU → ESME_RINVCMDLEN', async () => {
    const tlv = encodeTlv({ tag: TLV_TAG.message_payload, value: Buffer.from('abc') });
    tlv.writeUInt16BE(500, 2);
    const pdu = withTrueLength(Buffer.concat([deliverSm(0x20001, FIELDS), tlv]));
    await expectNackThenRecovery(pdu, 0x20001, SMPP_STATUS.ESME_RINVCMDLEN);
  });

  it('an integer TLV of the wrong size (message_state in 2 octets) → ESME_RINVCMDLEN', async () => {
    const pdu = deliverSm(0x20001, { ...FIELDS, tlvs: [{ tag: TLV_TAG.message_state, value: Buffer.from([0, 2]) }] });
    await expectNackThenRecovery(pdu, 0x20001, SMPP_STATUS.ESME_RINVCMDLEN);
  });

  it('stray octets after the last parameter (half a TLV header) → ESME_RINVCMDLEN', async () => {
    const pdu = withTrueLength(Buffer.concat([deliverSm(0x20001, FIELDS), Buffer.from([0x04, 0x24])]));
    await expectNackThenRecovery(pdu, 0x20001, SMPP_STATUS.ESME_RINVCMDLEN);
  });

  it('a TLV smpp itself chokes on (int8 TLV with length 0 at the very end) → ESME_RINVCMDLEN', async () => {
    const pdu = deliverSm(0x20001, { ...FIELDS, tlvs: [{ tag: TLV_TAG.message_state, value: Buffer.alloc(0) }] });
    await expectNackThenRecovery(pdu, 0x20001, SMPP_STATUS.ESME_RINVCMDLEN);
  });

  it('a request an SMSC never sends an ESME (submit_sm) → ESME_RINVCMDID', async () => {
    await expectNackThenRecovery(submitSm(0x20001, FIELDS), 0x20001, SMPP_STATUS.ESME_RINVCMDID);
  });

  it('reassembles a deliver_sm that arrives one octet at a time', async () => {
    const { smsc, h } = await bound();
    const pdu = deliverSm(0x20001, FIELDS);
    for (const octet of pdu) {
      smsc.sendRaw(Buffer.from([octet]));
      await new Promise((r) => setImmediate(r));
    }
    await smsc.waitFor(() => smsc.receivedOf('deliver_sm_resp').length === 1, 2_000, 'deliver_sm_resp');
    expect(h.delivered[0]!.shortMessage.equals(FIELDS.shortMessage)).toBe(true);
  });
});

describe('an impossible command_length: the stream cannot be re-synchronised', () => {
  it.each([
    ['below the 16-octet header', 8],
    ['above 64 KiB', 70_000],
  ])('%s → generic_nack ESME_RINVCMDLEN, then reconnect with the reason', async (_what, commandLength) => {
    const { smsc, h } = await bound();
    smsc.sendRaw(
      encodePdu({ commandId: CMD.deliver_sm, status: 0, sequence: 0x20001, body: Buffer.alloc(4), commandLength }),
    );
    await smsc.waitFor(() => smsc.binds === 2 && h.session.state.kind === 'bound', 5_000, 'the rebind');
    expect(smsc.receivedOf('generic_nack')).toEqual([
      expect.objectContaining({ sequenceNumber: 0x20001, commandStatus: SMPP_STATUS.ESME_RINVCMDLEN }),
    ]);
    expect(kinds(h.states)).toEqual(['connecting', 'bound', 'retrying', 'connecting', 'bound']);
    expect(h.states[2]).toMatchObject({
      reason: { code: 'impossible-command-length', params: { length: commandLength } },
    });
  });
});
