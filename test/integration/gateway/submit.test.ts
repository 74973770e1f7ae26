import { afterEach, describe, expect, it } from 'vitest';
import { LinkLostError, NotBoundError, TimeoutError } from '../../../src-main/core/gateway/gateway-errors.js';
import type { SubmitRequest } from '../../../src-main/core/gateway/gateway-session.js';
import { SMPP_STATUS } from '../../../src-main/core/gateway/smpp-status.js';
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

const ACK: SubmitRequest = {
  source: '9102211824',
  destination: '989102211824',
  shortMessage: Buffer.from([0x02, 0x02, 0x35, 0x54, 0x44, 0x02, 0x02]),
  dataCoding: 0,
  registeredDelivery: 1,
};

describe('submit', () => {
  it("sends submit_sm with the exact octets, TON/NPI 1/1, and returns the gateway's message id", async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    const result = await h.session.submit(ACK);
    expect(result).toEqual({ ok: true, messageId: smsc.submits[0]!.messageId });
    expect(smsc.submits[0]).toMatchObject({
      source: '9102211824',
      destination: '989102211824',
      sourceTon: 1,
      sourceNpi: 1,
      destTon: 1,
      destNpi: 1,
      dataCoding: 0,
      registeredDelivery: 1,
      messagePayload: null,
    });
    expect(smsc.submits[0]!.shortMessage.equals(ACK.shortMessage)).toBe(true);
  });

  it('puts text longer than 254 octets in message_payload', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    const long = Buffer.alloc(300, 0x41);
    expect((await h.session.submit({ ...ACK, shortMessage: long })).ok).toBe(true);
    expect(smsc.submits[0]!.shortMessage.length).toBe(0);
    expect(smsc.submits[0]!.messagePayload?.equals(long)).toBe(true);
  });

  it('returns the refusal status by name', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    smsc.respondToSubmits({ status: SMPP_STATUS.ESME_RTHROTTLED });
    expect(await h.session.submit(ACK)).toEqual({ ok: false, status: 0x58, statusName: 'ESME_RTHROTTLED' });
  });

  it('rejects with TimeoutError when no submit_sm_resp comes, and the link stays up', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc, { responseTimeoutMs: 100 });
    await h.waitForState('bound');
    smsc.respondToSubmits('silent');
    const error = await h.session.submit(ACK).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).reason).toEqual({
      code: 'no-response',
      params: { command: 'submit_sm', seconds: 0.1 },
    });
    expect((error as Error).message).toBe('no submit_sm_resp within 0.1 s');
    expect(h.session.state.kind).toBe('bound');
    smsc.respondToSubmits('ok');
    expect((await h.session.submit(ACK)).ok).toBe(true);
  });

  it('rejects with NotBoundError before the bind and after stop()', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await expect(h.session.submit(ACK)).rejects.toBeInstanceOf(NotBoundError);
    await h.waitForState('bound');
    await h.session.stop();
    await expect(h.session.submit(ACK)).rejects.toThrow(/session is disconnected/);
  });

  it('rejects with LinkLostError when the link drops before the response', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    smsc.respondToSubmits('silent');
    const pending = h.session.submit(ACK).catch((e: unknown) => e);
    await smsc.waitFor(() => smsc!.submits.length === 1, 2_000, 'the submit');
    smsc.dropConnections();
    const error = await pending;
    expect(error).toBeInstanceOf(LinkLostError);
  });

  it('rejects submits still waiting when stop() closes the link', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    smsc.respondToSubmits('silent');
    const pending = h.session.submit(ACK).catch((e: unknown) => e);
    await smsc.waitFor(() => smsc!.submits.length === 1, 2_000, 'the submit');
    await h.session.stop();
    expect(await pending).toBeInstanceOf(LinkLostError);
  });
});
